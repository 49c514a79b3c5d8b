using Watch.Diff;
using Watch.Domain;
using Watch.Relevance;
using Watch.Versions;

namespace Watch.Summaries;

/// <summary>
/// Writes the French message for an event, for a phone: the first line says what happened and to which
/// text and article, then the essentials (authors, outcome, the words that matched), then one link.
/// </summary>
public sealed class EventSummarizer
{
    /// <param name="comparison">For a text told by its article diff: against its previous version for a change of content
    /// (with or without a new stage), against its dossier's text before it for a new text; null otherwise.</param>
    /// <param name="dossiers">The titles of the item's dossiers that are known, by id.</param>
    public Summary Summarize(WatchItem item, EventKind kind, string? previousStatus, RelevanceResult relevance, TextComparison? comparison = null,
        IReadOnlyDictionary<string, string>? dossiers = null)
    {
        var names = dossiers ?? NoDossiers;
        return item switch
        {
            LegislativeText when comparison is not null => TextMessages.Changed(comparison, kind == EventKind.StatusChanged ? previousStatus : null, relevance, names),
            LegislativeText t => TextMessages.Write(t, kind, previousStatus, relevance, names),
            SenatDossier d => SenatMessages.Write(d, kind, previousStatus, relevance, names),
            OfficialText o => OfficialTextMessages.Write(o, kind, previousStatus, relevance, names),
            Amendment a => AmendmentMessages.Write(a, kind, previousStatus, relevance, names),
            AgendaItem p => AgendaMessages.Write(p, kind, previousStatus, relevance, names),
            Vote v => VoteMessages.Write(v, kind, previousStatus, relevance, names),
            Dossier d => DossierMessages.Write(d, kind, previousStatus, relevance, names),
            _ => Generic(item, kind, previousStatus, relevance, names),
        };
    }

    private static readonly IReadOnlyDictionary<string, string> NoDossiers = new Dictionary<string, string>();

    public Summary AwaitingDecree(OfficialText law, IReadOnlyList<string> articles, RelevanceResult relevance) =>
        DecreeMessages.Awaiting(law, articles, relevance);

    public Summary DecreePublished(OfficialText decree, IReadOnlyList<DecreeCall> answered, RelevanceResult relevance) =>
        DecreeMessages.Published(decree, answered, relevance);

    private static Summary Generic(WatchItem item, EventKind kind, string? previousStatus, RelevanceResult relevance, IReadOnlyDictionary<string, string> dossiers)
    {
        var verb = kind switch
        {
            EventKind.Created => "nouveau",
            EventKind.StatusChanged => previousStatus is null ? item.Status : $"{item.Status} (avant : {previousStatus})",
            _ => "modifié",
        };
        return new SummaryBuilder($"🔔 {item.Title} : {verb}", item.Url)
            .Headline()
            .Why(relevance, dossiers)
            .Build("Voir la source officielle");
    }
}
