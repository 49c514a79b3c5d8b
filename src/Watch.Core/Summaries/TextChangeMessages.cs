using Watch.Diff;
using Watch.Domain;
using Watch.Parsing.Texts;
using Watch.Relevance;

namespace Watch.Summaries;

/// <summary>
/// A new version of a followed text, told by its article diff: which articles were renumbered, added,
/// deleted or changed, and the dates and figures that moved (« "31 mars 2025" → "1er mars 2027" »).
/// </summary>
internal static class TextChangeMessages
{
    /// <summary>Lines of diff a phone message has room for; the digest and the web page show the rest.</summary>
    private const int MaxLines = 12;

    public static Summary Write(LegislativeText previous, LegislativeText current, RelevanceResult relevance)
    {
        var diff = ArticleDiffer.Compare(Version(previous), Version(current));
        var lines = TextDiffFormatter.SummaryLines(diff);
        var builder = new SummaryBuilder($"✏️ {current.Title} : nouvelle version ({TextDiffFormatter.Headline(diff)})", current.Url).Headline();
        foreach (var line in lines.Take(MaxLines)) builder.Line(line);
        if (lines.Count > MaxLines) builder.Line($"… et {lines.Count - MaxLines} ligne(s) de plus");
        return builder.Labelled("Pourquoi :", relevance.Explain(max: 3)).Build("Lire le texte");
    }

    private static TextVersion Version(LegislativeText text) => new(
        text.Title,
        text.Id,
        TextFormat.AkomaNtoso,
        text.Articles.Select(a => new TextArticle(a.Number, a.SectionPath, ArticleNumbers.StatusOf(a.Mark), a.Mark, a.Text.Split('\n'))).ToList(),
        new Dictionary<string, string>());
}
