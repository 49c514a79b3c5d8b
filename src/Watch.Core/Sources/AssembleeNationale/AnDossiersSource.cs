using Microsoft.Extensions.Options;
using Watch.Domain;
using Watch.Parsing.AssembleeNationale;

namespace Watch.Sources.AssembleeNationale;

/// <summary>
/// Dossiers législatifs of the Assemblée nationale, from <c>Dossiers_Legislatifs.json.zip</c>. The archive
/// also holds the texts' metadata (<c>document/…</c>, uids PRJL…, PION…), which are left out: the dossier
/// already names its texts, and the texts themselves are followed elsewhere.
/// </summary>
public sealed class AnDossiersSource(AnOpenDataArchive archive, IOptions<AnOpenDataOptions> options) : ISource
{
    public static readonly AnDataset Dataset = new("dossiers législatifs", "DL", (json, name) => [DossierParser.Parse(json, name)]);

    public string Name => "an-dossiers";

    public bool ReadsWholeArchive => true;

    public IAsyncEnumerable<WatchItem> ReadAsync(SourceRun run, CancellationToken ct) =>
        archive.ReadAsync(options.Value.Url(options.Value.DossiersPath), Dataset, run, ct);
}
