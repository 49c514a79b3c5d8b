using Microsoft.Extensions.Options;
using Watch.Domain;
using Watch.Parsing.AssembleeNationale;

namespace Watch.Sources.AssembleeNationale;

/// <summary>
/// Nightly reconciliation of the amendments with the whole dump (<c>Amendements.json.zip</c>): what the
/// daily publication lists of <see cref="AnAmendmentsSource"/> missed, and the outcomes decided after an
/// amendment left the re-check window (its <c>sort</c> going from nil to Adopté becomes a status change).
/// Both sources parse with <see cref="AmendmentParser"/>, so an unchanged amendment stores no new version.
/// </summary>
public sealed class AnAmendmentsArchiveSource(AnOpenDataArchive archive, IOptions<AnOpenDataOptions> options) : ISource
{
    public static readonly AnDataset Dataset = new("amendements", "AMAN", (json, name) => [AmendmentParser.Parse(json, name)]);

    public string Name => "an-amendements-archive";

    public bool ReadsWholeArchive => true;

    public string Lock => "an-amendements";

    public IAsyncEnumerable<WatchItem> ReadAsync(SourceRun run, CancellationToken ct) =>
        archive.ReadAsync(options.Value.Url(options.Value.AmendmentsPath), Dataset, run, ct);
}
