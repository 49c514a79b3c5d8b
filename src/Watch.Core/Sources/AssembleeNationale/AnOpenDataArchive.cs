using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Watch.Domain;

namespace Watch.Sources.AssembleeNationale;

/// <summary>
/// One dataset of the AN open-data repository: which entries of its zip hold the objects Watch reads
/// (by file-name prefix: <c>DL…</c>, <c>RU…</c>, <c>VT…</c>, <c>AMAN…</c>), and how one entry becomes items.
/// </summary>
public sealed record AnDataset(string Label, string EntryPrefix, Func<ReadOnlyMemory<byte>, string, IEnumerable<WatchItem>> Parse);

/// <summary>
/// Downloads one AN open-data archive with a conditional GET (to a temporary file, never into memory) and
/// yields the items of its entries one by one (<see cref="AnArchiveReader"/>); the pipeline batches them.
/// </summary>
public sealed class AnOpenDataArchive(Fetcher fetcher, AnArchiveReader reader, IOptions<AnOpenDataOptions> options)
{
    public async IAsyncEnumerable<WatchItem> ReadAsync(Uri url, AnDataset dataset, SourceRun run, [EnumeratorCancellation] CancellationToken ct)
    {
        var input = url.AbsoluteUri;
        FetchResult result;
        try
        {
            result = await fetcher.DownloadAsync(url, options.Value.MaxArchiveBytes, ct);
        }
        catch (FetchException e)
        {
            run.Fail(input, e);
            yield break;
        }

        switch (result)
        {
            case FetchResult.NotModified:
                yield break;
            case FetchResult.NotFound:
                run.Fail(input, "archive not found (HTTP 404).");
                yield break;
        }

        using var file = (FetchResult.File)result;
        await foreach (var item in reader.ReadAsync(file, dataset, run, ct)) yield return item;
    }
}
