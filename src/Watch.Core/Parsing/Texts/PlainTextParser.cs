namespace Watch.Parsing.Texts;

/// <summary>
/// A bill as plain text, one paragraph per line: "Article 1er", "Article 2 bis (nouveau)" lines open articles,
/// "TITRE II" / "Chapitre Ier" lines set the path, the first line before any of them is the title.
/// </summary>
internal static class PlainTextParser
{
    /// <summary>At least one line that is exactly an article heading.</summary>
    public static bool Looks(string text) =>
        text.Split('\n').Any(l => ArticleNumbers.ParseHeading(TextClean.Normalize(l)) is not null);

    public static TextVersion Parse(string text, string source)
    {
        var lines = text.Split('\n');
        var title = lines.Select(TextClean.Normalize)
            .FirstOrDefault(l => l.Length > 0 && ArticleNumbers.ParseHeading(l) is null && ArticleAccumulator.SectionLevel(l) is null)
            ?? "";
        if (lines.Select(TextClean.Normalize).FirstOrDefault(l => l.Length > 0) is { } first && ArticleNumbers.ParseHeading(first) is not null)
            title = ""; // the text starts right with its first article: no title line

        var accumulator = new ArticleAccumulator();
        foreach (var line in lines)
        {
            if (accumulator.Ended) break;
            accumulator.Feed(line);
        }
        var articles = accumulator.Articles;
        if (articles.Count == 0)
            throw new TextFormatException(source, "texte sans aucune ligne « Article … ».");
        return new TextVersion(title, source, TextFormat.PlainText, articles, new Dictionary<string, string>());
    }
}
