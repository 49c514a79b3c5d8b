using Microsoft.Extensions.Options;
using Watch.Domain;
using Watch.Parsing.AssembleeNationale;

namespace Watch.Sources.AssembleeNationale;

/// <summary>
/// The agenda of the Assemblée nationale (séances and commission meetings), from <c>Agenda.json.zip</c>.
/// Every point of every meeting is yielded, those naming no dossier included, cancelled ones included:
/// a point keeps its id (<c>{reunion}#{point}</c>), so a point moved off the agenda (Confirmé → Supprimé)
/// or a meeting cancelled is a status change of an item already known.
/// </summary>
public sealed class AnAgendaSource(AnOpenDataArchive archive, IOptions<AnOpenDataOptions> options) : ISource
{
    public static readonly AnDataset Dataset = new("agenda", "RU", (json, name) => AgendaParser.Parse(json, name).Points);

    public string Name => "an-agenda";

    public bool ReadsWholeArchive => true;

    public IAsyncEnumerable<WatchItem> ReadAsync(SourceRun run, CancellationToken ct) =>
        archive.ReadAsync(options.Value.Url(options.Value.AgendaPath), Dataset, run, ct);
}
