using Watch.Diff;
using Watch.Domain;
using Watch.Relevance;
using Watch.Versions;

namespace Watch.Summaries;

/// <summary>
/// Messages for bill texts of either chamber: a text published or moved to a new stage (« 📄 Sénat —
/// Surveillance des individus condamnés (PPL) : adopté par le Sénat »), and a new version of a followed
/// text told by its article diff: which articles were renumbered, added, deleted or changed, and the
/// dates and figures that moved (« "31 mars 2025" → "1er mars 2027" »).
/// </summary>
internal static class TextMessages
{
    /// <summary>
    /// Lines of diff a phone message has room for. The articles that made the text relevant come first, so that
    /// what is cut is the rest, counted in articles (the digest carries the same message).
    /// </summary>
    private const int MaxLines = 12;

    public static Summary Write(LegislativeText text, EventKind kind, string? previousStatus, RelevanceResult relevance, IReadOnlyDictionary<string, string>? dossiers = null)
    {
        var chamber = text.Chamber == Chamber.Senat ? "Sénat" : "Assemblée nationale";
        var stage = text.Stage is { } s ? $" : {s}" : "";
        var headline = kind switch
        {
            EventKind.StatusChanged => $"➡️ {chamber} — {text.ShortTitle}{stage}",
            EventKind.ContentChanged => $"✏️ {chamber} — nouvelle version du texte « {text.ShortTitle} »",
            _ => $"📄 {chamber} — {text.ShortTitle}{stage}",
        };
        var articles = text.Articles.Count(a => a.Text.Length > 0 && !ArticleRef.IsAnnex(a.Number));
        var annexes = text.Articles.Count(a => ArticleRef.IsAnnex(a.Number));
        return new SummaryBuilder(headline, text.Url)
            .Headline()
            .Line(text.FullTitle is { } full && full != text.ShortTitle ? TelegramHtml.Excerpt(full, 200) : null)
            // The headline says the stage; this line says where it came from.
            .Labelled("Étape :", kind == EventKind.StatusChanged && previousStatus is not null ? StageChange(text, previousStatus) : null)
            .Labelled("Date :", text.StageDate is { } d ? MessageDates.Date(d) : null)
            .Labelled("Articles :", articles > 0 ? articles.ToString() : null)
            .Labelled("Annexes :", annexes > 0 ? annexes.ToString() : null)
            .Why(relevance, dossiers)
            .Build(LinkLabel(text));
    }

    /// <param name="previousStage">The stage the text left in the same step, when it also moved on; null when it did not.</param>
    public static Summary Changed(TextComparison comparison, string? previousStage, RelevanceResult relevance, IReadOnlyDictionary<string, string>? dossiers = null)
    {
        var (previous, current, diff) = comparison;
        // The same text republished, or the next text of its dossier (the commission's, the adopted one).
        var headline = previous.Id == current.Id
            ? $"✏️ {current.Title} : nouvelle version ({TextDiffFormatter.Headline(diff)})"
            : $"✏️ {current.Title} : {Name(current)}, comparé {To(Name(previous))} — {TextDiffFormatter.Headline(diff)}";
        // Where the text stands is news in itself (adopted, and when), whether or not it moved since last read.
        var builder = new SummaryBuilder(headline, current.Url).Headline()
            .Labelled("Étape :", StageChange(current, previousStage))
            .Labelled("Date :", current.StageDate is { } date ? MessageDates.Date(date) : null);
        var reasons = ChangedReasons.Of(comparison, relevance);
        var changes = reasons.Leading.Concat(diff.Changes.Where(c => !reasons.Leading.Contains(c))).ToList();
        var (used, shown) = (0, 0);
        foreach (var change in changes)
        {
            if (used >= MaxLines) break;
            // An article whose lines do not all fit is shown by its first ones: it is told, if not in full.
            var lines = TextDiffFormatter.SummaryLines(change).Take(MaxLines - used).ToList();
            foreach (var line in lines) builder.Line(line);
            used += lines.Count;
            shown++;
        }
        // Added, struck out or modified alike: the headline counts each kind.
        if (Rest(changes.Skip(shown).ToList()) is { } rest) builder.Line(rest);
        return builder.Why(reasons.Relevance, dossiers).Build(LinkLabel(current));
    }

    /// <summary>« … et 3 autres articles changés », « … et 1 autre annexe changée », « … et 2 autres articles et 3 annexes changés »; null for none.</summary>
    private static string? Rest(List<ArticleChange> rest)
    {
        var (articles, annexes) = (rest.Count(c => !c.IsAnnex), rest.Count(c => c.IsAnnex));
        var (s, x) = (FrenchList.Plural(articles), FrenchList.Plural(annexes));
        return (articles, annexes) switch
        {
            (0, 0) => null,
            (_, 0) => $"… et {articles} autre{s} article{s} changé{s}",
            (0, _) => $"… et {annexes} autre{x} annexe{x} changée{x}",
            _ => $"… et {articles} autre{s} article{s} et {annexes} annexe{x} changés",
        };
    }

    /// <summary>« adopté par le Sénat (avant : déposé) », or « adopté par le Sénat » when it did not move; null without a stage.</summary>
    private static string? StageChange(LegislativeText text, string? previousStage) =>
        text.Stage is not { } stage ? null : previousStage is null ? stage : $"{stage} (avant : {previousStage})";

    /// <summary>
    /// The link as where it goes: a Sénat Akoma Ntoso text links its dossier page (the file itself is XML), a bill page
    /// links itself.
    /// </summary>
    private static string LinkLabel(LegislativeText text) => text.Chamber == Chamber.Senat
        ? text.DossierUrl is not null && text.Url == text.DossierUrl ? "Voir le dossier sur le site du Sénat" : "Voir le texte sur le site du Sénat"
        : "Lire le texte sur le site de l'Assemblée";

    /// <summary>A text as readers know it: « proposition de loi n° 1890 », « texte adopté n° 21 (2024-2025) ».</summary>
    private static string Name(LegislativeText text) =>
        text.Chamber == Chamber.AssembleeNationale ? TextNames.Assemblee(text.Name, text.DraftedBy) : TextNames.Senat(text.Name, text.DraftedBy);

    /// <summary>« à la proposition de loi n° 1890 », « au texte adopté n° 376 », « au projet de loi n° 220 (2022-2023) ».</summary>
    private static string To(string name) => name.StartsWith("proposition", StringComparison.Ordinal) ? $"à la {name}" : $"au {name}";
}
