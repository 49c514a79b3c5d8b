using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Watch.Domain;
using Watch.Parsing.AssembleeNationale;
using Watch.Versions;

namespace Watch.Sources.AssembleeNationale;

/// <summary>
/// Public votes (scrutins) of the Assemblée nationale, from <c>Scrutins.json.zip</c>. A vote that does not name its
/// dossier is given the one its séance's agenda discussed (<see cref="SeanceDossiers"/>), read from the agenda points
/// already stored by <c>an-agenda</c> and, when their words do not name the vote's text, from the titles of the texts
/// stored for their dossiers: a vote on a watched dossier is then followed like the dossier. A vote on an amendment is
/// given the texts its dossier's acts, as <c>an-dossiers</c> stored them, name for the reading voted, on one of which the
/// amendment is numbered: it follows that amendment (<see cref="Vote.AmendmentKeys"/>). A vote read before its séance's
/// agenda, before a text it names is known, or before its dossier's acts of that reading, is postponed
/// (<see cref="SourceRun.Postpone"/>): read again, and linked, when the archive is next published, for
/// <see cref="DaysToWait"/> days after the vote.
/// </summary>
public sealed class AnScrutinsSource(AnOpenDataArchive archive, IVersionStore store, IOptions<AnOpenDataOptions> options, TimeProvider clock) : ISource
{
    /// <summary>
    /// How long a vote waits for what links it: the agenda and the dossier are published within days. Past that it is
    /// stored as it is, unlinked: what it waits for is not coming (a dossier the AN lists without that reading's acts),
    /// and reading it again every day would go on for ever.
    /// </summary>
    public const int DaysToWait = 30;

    public static readonly AnDataset Dataset = new("scrutins", "VT", (json, name) => [VoteParser.Parse(json, name)]);

    public string Name => "an-scrutins";

    public bool ReadsWholeArchive => true;

    public async IAsyncEnumerable<WatchItem> ReadAsync(SourceRun run, [EnumeratorCancellation] CancellationToken ct)
    {
        // A séance holds dozens of votes, a dossier hundreds: each is read once per run.
        var seances = new Dictionary<string, IReadOnlyList<AgendaItem>>(StringComparer.Ordinal);
        var dossiers = new Dictionary<string, Dossier?>(StringComparer.Ordinal);
        async Task<Dossier?> DossierAsync(string id) =>
            dossiers.TryGetValue(id, out var known) ? known : dossiers[id] = await store.LatestAsync(id, ct) as Dossier;
        var textTitles = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        await foreach (var item in archive.ReadAsync(options.Value.Url(options.Value.ScrutinsPath), Dataset, run, ct))
        {
            if (item is not Vote vote)
            {
                yield return item;
                continue;
            }
            if (vote is { DossierRef: null, SeanceRef: { } seance })
            {
                if (!seances.TryGetValue(seance, out var points))
                    seances[seance] = points = (await store.LatestWithIdPrefixAsync(AgendaItem.IdPrefix(seance), ct)).OfType<AgendaItem>().ToList();
                // Its séance's agenda is not stored yet (this job ran before an-agenda's first run, or that run failed).
                if (points.Count == 0) Wait(run, vote);
                // The agenda's words first; failing them, the titles its dossiers' texts have now (a commission retitles
                // bills). A vote naming a text that neither joins waits for the texts, which an-textes may not have read yet.
                var dossier = SeanceDossiers.DossierOf(vote.Question, points);
                if (dossier is null && SeanceDossiers.NamesText(vote.Question))
                {
                    dossier = SeanceDossiers.DossierOf(vote.Question, points, await TextTitlesAsync(points, DossierAsync, textTitles, ct));
                    if (dossier is null) Wait(run, vote);
                }
                vote = vote with { DossierRef = dossier };
            }
            if (vote is { Amendment: not null, DossierRef: { } dossierRef })
            {
                var texts = await DossierAsync(dossierRef) is { } dossier ? AmendedTexts(dossier, vote.Reading) : [];
                // The dossier's acts, or those of this reading, are not read yet (an-dossiers runs every few hours).
                if (texts.Count == 0) Wait(run, vote);
                else vote = vote with { ReadingTexts = texts };
            }
            yield return vote;
        }
    }

    /// <summary>
    /// The titles of the stored AN texts of each dossier <paramref name="points"/> name, added to <paramref name="known"/>
    /// once per run; the dossiers are read through <paramref name="dossierOf"/>, which the votes on amendments share.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> TextTitlesAsync(IEnumerable<AgendaItem> points,
        Func<string, Task<Dossier?>> dossierOf, Dictionary<string, IReadOnlyList<string>> known, CancellationToken ct)
    {
        foreach (var id in points.SelectMany(p => p.DossierRefs).Distinct().Where(d => !known.ContainsKey(d)).ToList())
        {
            var titles = new List<string>();
            // The acts also name the Sénat's texts, which are stored under other ids.
            foreach (var text in (await dossierOf(id))?.TextRefs.Where(PublicationList.IsAmendedText) ?? [])
                if (await store.LatestAsync(LegislativeText.AssembleeId(text), ct) is LegislativeText stored) titles.Add(stored.FullTitle ?? stored.ShortTitle);
            known[id] = titles;
        }
        return known;
    }

    private void Wait(SourceRun run, Vote vote)
    {
        if (ParisTime.DayOf(clock.GetUtcNow()) <= vote.Date.AddDays(DaysToWait)) run.Postpone(vote.Id);
    }

    /// <summary>
    /// The texts the Assemblée amends that the acts of <paramref name="reading"/> (« AN1 », « ANNLEC ») deposit or adopt, in
    /// the dossier's order; every one of the dossier when the reading is not known.
    /// </summary>
    internal static List<string> AmendedTexts(Dossier dossier, string? reading) =>
        dossier.Steps.Where(s => reading is null || s.Code.StartsWith(reading + "-", StringComparison.Ordinal))
            .SelectMany(s => s.TextRefs).Where(PublicationList.IsAmendedText).Distinct().ToList();
}
