using Watch.Domain;
using Watch.Relevance;
using Watch.Versions;

namespace Watch.Summaries;

/// <summary>
/// Messages for the Sénat's dossiers; its texts share <see cref="TextMessages"/> and its amendments
/// <see cref="AmendmentMessages"/> with the Assemblée's.
/// </summary>
internal static class SenatMessages
{
    public static Summary Write(SenatDossier dossier, EventKind kind, string? previousStatus, RelevanceResult relevance)
    {
        var lastDocument = dossier.Steps.LastOrDefault(st => st.Done && st.Documents.Count > 0)?.Documents[^1].Text;
        var headline = kind switch
        {
            EventKind.StatusChanged when dossier.Status is { } status => $"➡️ {dossier.Name} (Sénat) : {status}",
            EventKind.ContentChanged => $"🆕 Du nouveau au dossier « {dossier.Name} » (Sénat)",
            _ => $"📂 Dossier législatif du Sénat : {dossier.Name}",
        };
        var next = dossier.Steps.FirstOrDefault(st => !st.Done);
        return new SummaryBuilder(headline, dossier.Url)
            .Headline()
            .Labelled("Procédure :", dossier.Procedure)
            .Labelled("Étape :", kind == EventKind.StatusChanged ? previousStatus is null ? null : $"avant : {previousStatus}" : dossier.Status)
            .Labelled("Dernier document :", kind == EventKind.ContentChanged ? lastDocument : null)
            .Labelled("À venir :", next is null ? null : next.Date is { } nd ? $"{next.Label} ({MessageDates.Date(nd)})" : next.Label)
            .Labelled("Pourquoi :", relevance.Explain(max: 3))
            .Build("Voir le dossier sur le site du Sénat");
    }
}
