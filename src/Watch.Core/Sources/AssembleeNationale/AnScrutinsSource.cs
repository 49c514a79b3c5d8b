using Microsoft.Extensions.Options;
using Watch.Domain;
using Watch.Parsing.AssembleeNationale;

namespace Watch.Sources.AssembleeNationale;

/// <summary>Public votes (scrutins) of the Assemblée nationale, from <c>Scrutins.json.zip</c>.</summary>
public sealed class AnScrutinsSource(AnOpenDataArchive archive, IOptions<AnOpenDataOptions> options) : ISource
{
    public static readonly AnDataset Dataset = new("scrutins", "VT", (json, name) => [VoteParser.Parse(json, name)]);

    public string Name => "an-scrutins";

    public bool ReadsWholeArchive => true;

    public IAsyncEnumerable<WatchItem> ReadAsync(SourceRun run, CancellationToken ct) =>
        archive.ReadAsync(options.Value.Url(options.Value.ScrutinsPath), Dataset, run, ct);
}
