using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Watch.Domain;
using Watch.Parsing.AssembleeNationale;
using Watch.Versions;

namespace Watch.Sources.AssembleeNationale;

/// <summary>
/// Public votes (scrutins) of the Assemblée nationale, from <c>Scrutins.json.zip</c>. A vote that does not name its
/// dossier is given the one its séance's agenda discussed (<see cref="SeanceDossiers"/>), read from the agenda points
/// already stored by <c>an-agenda</c>: a vote on a watched dossier is then followed like the dossier. A vote on an
/// amendment is given its dossier's bills, as <c>an-dossiers</c> recorded them, on one of which the amendment is
/// numbered: it follows that amendment (<see cref="Vote.AmendmentKeys"/>). A vote read before its séance's agenda, or
/// before its dossier's bills, is postponed (<see cref="SourceRun.Postpone"/>): read again, and linked, when the
/// archive is next published.
/// </summary>
public sealed class AnScrutinsSource(AnOpenDataArchive archive, IVersionStore store, IOptions<AnOpenDataOptions> options) : ISource
{
    public static readonly AnDataset Dataset = new("scrutins", "VT", (json, name) => [VoteParser.Parse(json, name)]);

    public string Name => "an-scrutins";

    public bool ReadsWholeArchive => true;

    public async IAsyncEnumerable<WatchItem> ReadAsync(SourceRun run, [EnumeratorCancellation] CancellationToken ct)
    {
        // A séance holds dozens of votes, a dossier hundreds: each is read once per run.
        var seances = new Dictionary<string, IReadOnlyList<AgendaItem>>(StringComparer.Ordinal);
        var bills = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
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
                if (points.Count == 0) run.Postpone(vote.Id);
                vote = vote with { DossierRef = SeanceDossiers.DossierOf(vote.Question, points) };
            }
            if (vote is { Amendment: not null, DossierRef: { } dossier })
            {
                if (!bills.TryGetValue(dossier, out var found))
                    bills[dossier] = found = (await store.DossierTextsAsync(dossier, ct)).Where(PublicationList.IsBillText).ToList();
                // The dossier's acts are not read yet (an-dossiers runs every few hours).
                if (found.Count == 0) run.Postpone(vote.Id);
                else vote = vote with { DossierBills = found };
            }
            yield return vote;
        }
    }
}
