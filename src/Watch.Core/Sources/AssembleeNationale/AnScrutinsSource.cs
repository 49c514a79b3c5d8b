using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Watch.Domain;
using Watch.Parsing.AssembleeNationale;
using Watch.Versions;

namespace Watch.Sources.AssembleeNationale;

/// <summary>
/// Public votes (scrutins) of the Assemblée nationale, from <c>Scrutins.json.zip</c>. A vote that does not name its
/// dossier is given the one its séance's agenda discussed (<see cref="SeanceDossiers"/>), read from the agenda points
/// already stored by <c>an-agenda</c>: a vote on a watched dossier is then followed like the dossier. A vote read
/// before its séance's agenda is postponed (<see cref="SourceRun.Postpone"/>): read again, and linked, when the
/// archive is next published.
/// </summary>
public sealed class AnScrutinsSource(AnOpenDataArchive archive, IVersionStore store, IOptions<AnOpenDataOptions> options) : ISource
{
    public static readonly AnDataset Dataset = new("scrutins", "VT", (json, name) => [VoteParser.Parse(json, name)]);

    public string Name => "an-scrutins";

    public bool ReadsWholeArchive => true;

    public async IAsyncEnumerable<WatchItem> ReadAsync(SourceRun run, [EnumeratorCancellation] CancellationToken ct)
    {
        // A séance holds dozens of votes: its points are read once per run.
        var seances = new Dictionary<string, IReadOnlyList<AgendaItem>>(StringComparer.Ordinal);
        await foreach (var item in archive.ReadAsync(options.Value.Url(options.Value.ScrutinsPath), Dataset, run, ct))
        {
            if (item is Vote { DossierRef: null, SeanceRef: { } seance } vote)
            {
                if (!seances.TryGetValue(seance, out var points))
                    seances[seance] = points = (await store.LatestWithIdPrefixAsync(AgendaItem.IdPrefix(seance), ct)).OfType<AgendaItem>().ToList();
                // Its séance's agenda is not stored yet (this job ran before an-agenda's first run, or that run failed).
                if (points.Count == 0) run.Postpone(vote.Id);
                yield return vote with { DossierRef = SeanceDossiers.DossierOf(vote.Question, points) };
            }
            else yield return item;
        }
    }
}
