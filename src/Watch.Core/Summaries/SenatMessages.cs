using System.Text.RegularExpressions;
using Watch.Domain;
using Watch.Relevance;
using Watch.Versions;

namespace Watch.Summaries;

/// <summary>
/// Messages for the Sénat's dossiers; its texts share <see cref="TextMessages"/> and its amendments
/// <see cref="AmendmentMessages"/> with the Assemblée's.
/// </summary>
internal static partial class SenatMessages
{
    public static Summary Write(SenatDossier dossier, EventKind kind, string? previousStatus, RelevanceResult relevance, IReadOnlyDictionary<string, string>? dossiers = null)
    {
        var reached = dossier.Steps.LastOrDefault(st => st.Done);
        var lastDocument = dossier.Steps.LastOrDefault(st => st.Done && st.Documents.Count > 0)?.Documents[^1].Text;
        var headline = kind switch
        {
            EventKind.StatusChanged when dossier.Status is { } status => $"➡️ {dossier.Name} (Sénat) : {Told(status)}",
            EventKind.ContentChanged => $"🆕 Du nouveau au dossier « {dossier.Name} » (Sénat)",
            _ => $"📂 Dossier législatif du Sénat : {dossier.Name}",
        };
        var next = dossier.Steps.FirstOrDefault(st => !st.Done);
        return new SummaryBuilder(headline, dossier.Url)
            .Headline()
            .Labelled("Procédure :", dossier.Procedure)
            .Labelled("Étape :", kind == EventKind.StatusChanged || dossier.Status is not { } now ? null : Told(now))
            // What the step reached brings: « Saisine en date du 21 décembre 2015 par au moins soixante sénateurs… »,
            // « Loi relative … (n° 2016-1428 du 24 octobre 2016), parue au JO n° 249 du 25 octobre 2016 ».
            .Labelled(reached?.Documents.Count > 1 ? "Documents :" : "Document :", kind == EventKind.StatusChanged ? StepDocuments(reached) : null)
            .Labelled("Étape précédente :", kind == EventKind.StatusChanged && previousStatus is not null ? Told(previousStatus) : null)
            .Labelled("Dernier document :", kind == EventKind.ContentChanged ? lastDocument : null)
            .Labelled("À venir :", next is null ? null : next.Date is { } nd ? $"{Told(Upcoming(next.Label))} ({MessageDates.Date(nd)})" : Told(Upcoming(next.Label)))
            .Why(relevance, dossiers)
            .Build("Voir le dossier sur le site du Sénat");
    }

    private const int StepDocumentsShown = 2;
    private const int DocumentChars = 200;

    /// <summary>
    /// What a step brought, its outcomes first: the page lists the amendments and the debates before « Texte n° 115
    /// (2016-2017) adopté par le Sénat le 18 juillet 2017 », and a law before its concordance table. The rest is counted.
    /// </summary>
    private static string? StepDocuments(SenatDossierStep? step)
    {
        if (step is not { Documents.Count: > 0 }) return null;
        var ordered = step.Documents.OrderBy(d => !Outcome().IsMatch(d.Text)).ToList(); // stable: the page's order within each
        var shown = string.Join(" ; ", ordered.Take(StepDocumentsShown).Select(d => TelegramHtml.Excerpt(d.Text, DocumentChars)));
        var more = ordered.Count - StepDocumentsShown;
        return more > 0 ? $"{shown} (et {more} autre{FrenchList.Plural(more)})" : shown;
    }

    /// <summary>A document that says how the step ended: a text adopted or drawn up, a law, a saisine or a décision, the CMP's result.</summary>
    [GeneratedRegex(@"^(?:Texte\b|Loi\b|Saisine\b|Décision\b|Résultat des travaux\b)")]
    private static partial Regex Outcome();

    /// <summary>A step to come without the timeline's « à venir », « future » (« Loi - Promulgation future »): the line says it.</summary>
    private static string Upcoming(string label) =>
        label.EndsWith(" à venir", StringComparison.Ordinal) ? label[..^" à venir".Length]
        : label.EndsWith(" future", StringComparison.Ordinal) ? label[..^" future".Length]
        : label;

    /// <summary>
    /// A step as the Sénat's timeline labels it, its abbreviations written out: « C. Constit. », « nouv. lect. - Sénat »,
    /// « l. définitive - Assemblée », « CMP - travaux de commission », « Loi - Promulgation » (as printed on the pages).
    /// </summary>
    internal static string Told(string label) => label
        .Replace("C. Constit.", "Conseil constitutionnel", StringComparison.Ordinal)
        .Replace("nouv. lect.", "nouvelle lecture", StringComparison.Ordinal)
        .Replace("l. définitive", "lecture définitive", StringComparison.Ordinal)
        .Replace("CMP", "commission mixte paritaire", StringComparison.Ordinal)
        .Replace("Loi - Promulgation", "promulgation de la loi", StringComparison.Ordinal);
}
