using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Watch.Domain;
using Watch.Parsing.Texts;

namespace Watch.Diff;

/// <summary>
/// A <see cref="TextDiff"/> for people: French summary lines for messages (« ✏️ Article 7 → article 10 : … »,
/// « "31 mars 2025" → "1er mars 2027" »), a terminal rendering with the word edits (ANSI colour on request),
/// and JSON for machines.
/// </summary>
public static partial class TextDiffFormatter
{
    /// <summary>Edits shown per article in the terminal; the rest is counted.</summary>
    private const int MaxEditsShown = 12;

    /// <summary>Characters shown of one side of an edit in the terminal.</summary>
    private const int MaxEditChars = 300;

    private const string Red = "\u001b[31m", Green = "\u001b[32m", Bold = "\u001b[1m", Dim = "\u001b[2m", Reset = "\u001b[0m";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // « », accents as is: the JSON is read by people too
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>
    /// "Articles : 3 modifiés, 2 ajoutés, 1 supprimé, 1 renuméroté" (only the kinds present), then the annexes'
    /// ("; annexes : 1 modifiée"), or "Aucun article changé".
    /// </summary>
    public static string Headline(TextDiff diff)
    {
        var articles = Counts(diff.Articles.Where(a => !a.IsAnnex), "");
        var annexes = Counts(diff.Articles.Where(a => a.IsAnnex), "e");
        return (articles, annexes) switch
        {
            ("", "") => "Aucun article changé",
            (_, "") => "Articles : " + articles,
            ("", _) => "Annexes : " + annexes,
            _ => $"Articles : {articles} ; annexes : {annexes}",
        };
    }

    /// <summary>"3 modifiés, 1 ajouté", participles agreeing with <paramref name="feminine"/> ("e" for annexes).</summary>
    private static string Counts(IEnumerable<ArticleChange> changes, string feminine)
    {
        var byKind = changes.CountBy(c => c.Kind).ToDictionary();
        return string.Join(", ", CountedKinds
            .Where(k => byKind.ContainsKey(k.Kind))
            .Select(k => $"{byKind[k.Kind]} {k.Participle}{feminine}{FrenchList.Plural(byKind[k.Kind])}"));
    }

    private static readonly (ArticleChangeKind Kind, string Participle)[] CountedKinds =
    [
        (ArticleChangeKind.Modified, "modifié"), (ArticleChangeKind.Added, "ajouté"),
        (ArticleChangeKind.Deleted, "supprimé"), (ArticleChangeKind.Renumbered, "renuméroté"),
    ];

    /// <summary>
    /// One line per changed article, each followed by its changed figures (indented):
    /// « ✏️ Article 7 → article 10 : renuméroté et modifié (3 modifications) », « "31 mars 2025" → "1er mars 2027" ».
    /// </summary>
    public static IReadOnlyList<string> SummaryLines(TextDiff diff) => diff.Changes.SelectMany(SummaryLines).ToList();

    /// <summary>
    /// The lines of one changed article: its <see cref="ArticleLine"/> first, then its changed figures (indented), or
    /// without a figure to tell, a short amendment of its wording as it reads.
    /// </summary>
    public static IReadOnlyList<string> SummaryLines(ArticleChange change)
    {
        var lines = new List<string> { ArticleLine(change) };
        lines.AddRange(change.Figures.Select(f => "   " + FigureLine(f)));
        if (change.Figures.Count == 0 && change.Edits.Count <= MaxEditsSummarised && change.Edits.All(e => e.Deleted.Length + e.Inserted.Length <= MaxEditLength))
            lines.AddRange(change.Edits.Select(e => "   " + EditLine(e)));
        return lines;
    }

    /// <summary>Edits of one article told word for word in a summary, at most.</summary>
    private const int MaxEditsSummarised = 2;

    /// <summary>Characters of one edit (both sides) told word for word in a summary, at most.</summary>
    private const int MaxEditLength = 160;

    /// <summary>« II : ajouté : « à compter du 1er mars 2027 » », « retiré : « … » », « « … » → « … » ».</summary>
    public static string EditLine(TextEdit edit)
    {
        var what = (edit.Deleted, edit.Inserted) switch
        {
            ("", var inserted) => $"ajouté : « {inserted} »",
            (var deleted, "") => $"retiré : « {deleted} »",
            var (deleted, inserted) => $"« {deleted} » → « {inserted} »",
        };
        return edit.Paragraph is { } paragraph ? $"{paragraph} : {what}" : what;
    }

    /// <summary>
    /// « ✏️ Article 7 → article 10 : renuméroté et modifié (3 modifications) »; with the articles whose words it took,
    /// « ➕ Article 8 bis : ajouté, reprend des dispositions de l'article 4 ».
    /// </summary>
    public static string ArticleLine(ArticleChange change) => change.TakesUp.Count switch
    {
        0 => What(change),
        1 => $"{What(change)}, reprend des dispositions de l'{Lower(change.TakesUp[0].Label)}",
        _ => $"{What(change)}, reprend des dispositions des {ArticleRef.NamedTogether([.. change.TakesUp.Select(a => a.Number)])}",
    };

    private static string What(ArticleChange change)
    {
        var count = change.Edits.Count == 1 ? "1 modification" : $"{change.Edits.Count} modifications";
        // « Annexe A : modifiée »: the participles agree with « annexe ».
        var e = change.IsAnnex ? "e" : "";
        return change.Kind switch
        {
            ArticleChangeKind.Renumbered when change.TextChanged =>
                $"✏️ {change.Before!.Label} → {Lower(change.After!.Label)} : renuméroté{e} et modifié{e} ({count})",
            ArticleChangeKind.Renumbered => $"🔀 {change.Before!.Label} → {Lower(change.After!.Label)} : renuméroté{e}, texte inchangé",
            ArticleChangeKind.Modified => $"✏️ {change.After!.Label} : modifié{e} ({count})",
            ArticleChangeKind.Added when change.Before is not null => $"➕ {change.After!.Label} : rétabli{e}",
            ArticleChangeKind.Added => $"➕ {change.After!.Label} : ajouté{e}",
            ArticleChangeKind.Deleted when change.After is null => $"🗑️ {change.Before!.Label} : supprimé{e} (absent du nouveau texte)",
            ArticleChangeKind.Deleted when Irrecevable(change.After!.StatusLabel) is { } irrecevable => $"🗑️ {change.Before!.Label} : {irrecevable}",
            ArticleChangeKind.Deleted => $"🗑️ {change.Before!.Label} : supprimé{e}",
            _ => $"= {change.After?.Label ?? change.Before?.Label} : inchangé{e}",
        };
    }

    /// <summary>
    /// « déclaré irrecevable (article 40 de la Constitution) » for the AN's « (Dispositions déclarées irrecevables au regard
    /// de l'article 40 de la Constitution) » printed in place of an article (TA 376: articles 83 and 149); null for any other mark.
    /// </summary>
    private static string? Irrecevable(string? mark)
    {
        if (mark is null || !mark.Contains("irrecevable", StringComparison.OrdinalIgnoreCase)) return null;
        var ground = IrrecevableGround().Match(mark);
        return ground.Success ? $"déclaré irrecevable (article {ground.Groups[1].Value} de la Constitution)" : "déclaré irrecevable";
    }

    [GeneratedRegex(@"au regard de l['’]article\s+(\d+)\s+de la Constitution", RegexOptions.IgnoreCase)]
    private static partial Regex IrrecevableGround();

    /// <summary>« "31 mars 2025" → "1er mars 2027" », « ajouté : "douze mois" », « retiré : "5 %" ».</summary>
    public static string FigureLine(FigureChange figure) => (figure.Before, figure.After) switch
    {
        ({ } before, { } after) => $"\"{before}\" → \"{after}\"",
        (null, { } after) => $"ajouté : \"{after}\"",
        ({ } before, null) => $"retiré : \"{before}\"",
        _ => "",
    };

    /// <summary>
    /// The alignment and the word edits, for a terminal: changed articles with their edits as
    /// « … contexte [-supprimé-]{+inséré+} contexte … », red and green when <paramref name="color"/> is set.
    /// </summary>
    public static string ToTerminal(TextDiff diff, bool color)
    {
        string Paint(string text, string code) => color ? code + text + Reset : text;

        var sb = new StringBuilder();
        sb.AppendLine(Paint($"Ancienne version : {Describe(diff.Older)}", Bold));
        sb.AppendLine(Paint($"Nouvelle version : {Describe(diff.Newer)}", Bold));
        var unchanged = diff.Articles.Where(a => a.Kind == ArticleChangeKind.Unchanged).ToList();
        var (articles, annexes) = (unchanged.Count(a => !a.IsAnnex), unchanged.Count(a => a.IsAnnex));
        var (s, x) = (FrenchList.Plural(articles), FrenchList.Plural(annexes));
        // « 5 inchangés » in a text without annexes; beside annexes, what is unchanged says what it is.
        var unchangedLine = diff.Articles.Any(a => a.IsAnnex)
            ? $"{articles} article{s} inchangé{s}, {annexes} annexe{x} inchangée{x}"
            : $"{articles} inchangé{s}";
        sb.AppendLine($"{Headline(diff)} ; {unchangedLine}.");

        foreach (var change in diff.Changes)
        {
            sb.AppendLine();
            sb.AppendLine(Paint(ArticleLine(change), Bold));
            if (change.After is { SectionPath.Count: > 0 } after)
                sb.AppendLine(Paint("   " + string.Join(" › ", after.SectionPath), Dim));
            foreach (var figure in change.Figures)
                sb.AppendLine("   " + FigureLine(figure));
            foreach (var edit in change.Edits.Take(MaxEditsShown))
            {
                sb.Append(edit.Paragraph is { } paragraph ? $"   {paragraph} … " : "   … ");
                if (edit.ContextBefore.Length > 0) sb.Append(edit.ContextBefore).Append(' ');
                if (edit.Deleted.Length > 0) sb.Append(Paint($"[-{Clip(edit.Deleted)}-]", Red));
                if (edit.Inserted.Length > 0) sb.Append(Paint($"{{+{Clip(edit.Inserted)}+}}", Green));
                if (edit.ContextAfter.Length > 0) sb.Append(' ').Append(edit.ContextAfter);
                sb.AppendLine(" …");
            }
            if (change.Edits.Count > MaxEditsShown)
                sb.AppendLine($"   (et {change.Edits.Count - MaxEditsShown} autres modifications)");
        }
        return sb.ToString();
    }

    /// <summary>The whole alignment as indented JSON: both versions, counts, and every article (then annex) with its edits and figures.</summary>
    public static string ToJson(TextDiff diff)
    {
        var document = new
        {
            Older = Version(diff.Older),
            Newer = Version(diff.Newer),
            Summary = Enum.GetValues<ArticleChangeKind>().ToDictionary(k => JsonNamingPolicy.CamelCase.ConvertName(k.ToString()), diff.Count),
            Articles = diff.Articles.Select(a => new
            {
                a.Kind,
                Annex = a.IsAnnex ? true : (bool?)null,
                Before = a.Before?.Number,
                After = a.After?.Number,
                Label = a.Kind == ArticleChangeKind.Unchanged ? null : ArticleLine(a),
                Similarity = Math.Round(a.Similarity, 3),
                Section = a.After?.SectionPath.Count > 0 ? string.Join(" › ", a.After.SectionPath) : null,
                TakesUp = a.TakesUp.Count > 0 ? a.TakesUp.Select(t => t.Number) : null,
                a.Figures,
                a.Edits,
            }),
        };
        return JsonSerializer.Serialize(document, Json);

        static object Version(TextVersion v) =>
            new { v.Title, v.Source, v.Format, Articles = v.Articles.Count(a => !a.IsAnnex), Annexes = v.Articles.Count(a => a.IsAnnex), v.Metadata };
    }

    private static string Describe(TextVersion v)
    {
        var annexes = v.Articles.Count(a => a.IsAnnex);
        var counted = annexes == 0 ? "" : $", {annexes} annexe{FrenchList.Plural(annexes)}";
        return $"{(v.Title.Length > 0 ? v.Title : "(sans titre)")} [{v.Source}, {v.Articles.Count - annexes} articles{counted}]";
    }

    private static string Lower(string label) => char.ToLowerInvariant(label[0]) + label[1..];

    private static string Clip(string text) => text.Length <= MaxEditChars ? text : text[..MaxEditChars] + "…";
}
