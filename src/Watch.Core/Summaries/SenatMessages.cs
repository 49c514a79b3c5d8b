using Watch.Domain;
using Watch.Relevance;
using Watch.Versions;

namespace Watch.Summaries;

/// <summary>
/// Messages for the Sénat's texts (« 📄 Sénat — Surveillance des individus condamnés (PPL) : adopté par le
/// Sénat ») and dossiers; its amendments share <see cref="AmendmentMessages"/> with the Assemblée's.
/// </summary>
internal static class SenatMessages
{
    public static Summary Write(LegislativeText text, EventKind kind, string? previousStatus, RelevanceResult relevance)
    {
        var stage = text.Stage is { } s ? $" : {s}" : "";
        var headline = kind switch
        {
            EventKind.StatusChanged => $"➡️ Sénat — {text.ShortTitle}{stage}",
            EventKind.ContentChanged => $"✏️ Sénat — nouvelle version du texte « {text.ShortTitle} »",
            _ => $"📄 Sénat — {text.ShortTitle}{stage}",
        };
        var articles = text.Articles.Count(a => a.Text.Length > 0);
        return new SummaryBuilder(headline, text.Url)
            .Headline()
            .Line(text.FullTitle is { } full && full != text.ShortTitle ? TelegramHtml.Excerpt(full, 200) : null)
            .Labelled("Étape :", kind == EventKind.StatusChanged && previousStatus is not null ? $"{text.Stage} (avant : {previousStatus})" : null)
            .Labelled("Date :", text.StageDate is { } d ? MessageDates.Date(d) : null)
            .Labelled("Articles :", articles > 0 ? articles.ToString() : null)
            .Labelled("Pourquoi :", relevance.Explain(max: 3))
            .Build(text.DossierUrl is not null ? "Voir le dossier sur le site du Sénat" : "Voir le texte sur le site du Sénat");
    }

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
