using System.Text.RegularExpressions;
using Watch.Domain;
using Watch.Parsing.Texts;
using Watch.Relevance;
using Watch.Versions;

namespace Watch.Summaries;

/// <summary>
/// Messages for a text of the Journal officiel, the title cut after its date so that the first line says
/// what it is and what it is about: « 📜 Décret n° 2023-828 du 28 août 2023 publié au JO : relatif à la mise en
/// œuvre de traitements algorithmiques… ».
/// </summary>
internal static partial class OfficialTextMessages
{
    private const int SubjectChars = 180;
    private const int ExcerptChars = 300;

    public static Summary Write(OfficialText text, EventKind kind, string? previousStatus, RelevanceResult relevance, IReadOnlyDictionary<string, string>? dossiers = null)
    {
        var (name, subject) = Split(FullTitle(text));
        var published = Feminine(text.Nature) ? "publiée" : "publié";
        var about = subject.Length > 0 ? $" : {TelegramHtml.Excerpt(subject, SubjectChars)}" : "";
        var headline = kind switch
        {
            EventKind.StatusChanged => $"⚖️ {name} : {(text.Status is { } now ? State(now, text.Nature) : "état modifié")}{(previousStatus is null ? "" : $" (avant : {State(previousStatus, text.Nature)})")}",
            EventKind.ContentChanged => $"✏️ {name} modifié{(Feminine(text.Nature) ? "e" : "")}{about}",
            _ => text.Origin == "JORF" ? $"📜 {name} {published} au JO{about}" : $"📜 {name}{about}",
        };
        var firstArticle = text.Articles.FirstOrDefault(a => a.Content.Length > 0);
        return new SummaryBuilder(headline, text.Url)
            .Headline()
            .Labelled("Publication :", text.PublicationDate is { } p ? MessageDates.Date(p) : null)
            .Labelled("NOR :", text.Nor)
            .Labelled("Cite :", text.Citations.Count > 0 ? string.Join(", ", text.Citations.Take(3)) : null)
            .Line(firstArticle is null ? null : $"{ArticleLabel(firstArticle)} : « {TelegramHtml.Excerpt(firstArticle.Content, ExcerptChars)} »")
            .Why(relevance, dossiers)
            .Build("Lire le texte sur Légifrance");
    }

    /// <summary>
    /// The title that says what the text is about: DILA's TITRE holds only the nature, number and date (« Décret
    /// n° 2023-828 du 28 août 2023 »), the subject is in TITREFULL. A law's ends with the call of the JO footnote
    /// that lists its parliamentary works, « … diverses autres dispositions (1) », which means nothing in a message.
    /// </summary>
    internal static string FullTitle(OfficialText text) => FootnoteCall().Replace(text.FullTitle ?? text.ShortTitle, "").Trim();

    /// <summary>
    /// « Décret n° 2023-828 du 28 août 2023 relatif à … » → (« Décret n° 2023-828 du 28 août 2023 », « relatif à … »);
    /// a title without a date is kept whole.
    /// </summary>
    internal static (string Name, string Subject) Split(string title)
    {
        var m = NameAndSubject().Match(title.Trim());
        if (!m.Success) return (title.Trim(), "");
        var name = m.Groups["name"].Value;
        // DILA writes some natures in capitals: « LOI n° 2023-380 » reads « Loi n° 2023-380 ».
        var first = name.Split(' ')[0];
        if (first.Length > 1 && first.All(c => !char.IsLetter(c) || char.IsUpper(c)))
            name = first[0] + first[1..].ToLowerInvariant() + name[first.Length..];
        return (name, m.Groups["subject"].Value.Trim().TrimStart(',', ' ').TrimEnd('.', ' '));
    }

    /// <summary>« Article 1er », « Article 10 »; an annex DILA files as an article (NUM « Annexe 2-4 ») as itself.</summary>
    private static string ArticleLabel(OfficialArticle a) => a.Number.Length == 0 ? "Article" : ArticleNumbers.ToLabel(a.Number);

    /// <summary>
    /// DILA's <c>ETAT</c> of a text or an article (« VIGUEUR », « ABROGE », « MODIFIE » in the recorded LEGI files) in
    /// French, agreed with the text's nature; a code not known here as it is written, underscores apart.
    /// </summary>
    internal static string State(string code, string nature)
    {
        var e = Feminine(nature) ? "e" : "";
        return code switch
        {
            "VIGUEUR" => "en vigueur",
            "VIGUEUR_DIFF" => "en vigueur à une date ultérieure",
            "ABROGE" => $"abrogé{e}",
            "ABROGE_DIFF" => $"abrogé{e} à une date ultérieure",
            "MODIFIE" => $"modifié{e}",
            "ANNULE" => $"annulé{e}",
            "PERIME" => $"périmé{e}",
            "TRANSFERE" => $"transféré{e}",
            _ => code.ToLowerInvariant().Replace('_', ' '),
        };
    }

    private static bool Feminine(string nature) =>
        nature is "LOI" or "LOI_ORGANIQUE" or "LOI_CONSTIT" or "DECISION" or "DELIBERATION" or "ORDONNANCE" or "CIRCULAIRE" or "INSTRUCTION";

    [GeneratedRegex(@"^(?<name>.+?\bdu\s+(?:1er|\d{1,2})\s+\p{L}+\s+\d{4})(?<subject>(?:\s|,).*)?$", RegexOptions.Singleline)]
    private static partial Regex NameAndSubject();

    [GeneratedRegex(@"\s*\(\d+\)\s*$")]
    private static partial Regex FootnoteCall();
}
