using System.IO.Compression;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Watch.Domain;
using Watch.Parsing;

namespace Watch.Sources.AssembleeNationale;

/// <summary>
/// One dataset of the AN open-data repository: which entries of its zip hold the objects Watch reads
/// (by file-name prefix: <c>DL…</c>, <c>RU…</c>, <c>VT…</c>, <c>AMAN…</c>), and how one entry becomes items.
/// </summary>
public sealed record AnDataset(string Label, string EntryPrefix, Func<ReadOnlyMemory<byte>, string, IEnumerable<WatchItem>> Parse);

/// <summary>
/// Downloads one AN open-data archive with a conditional GET (to a temporary file, never into memory) and
/// yields the items of its entries one by one; the pipeline batches them.
/// <para>
/// A broken archive yields nothing: the zip's signature, its central directory and the CRC-32 of every
/// entry are checked before the first item is yielded, because the pipeline commits batches as they come
/// and a half-read archive would otherwise be half-ingested. Its validators are then not remembered, so
/// the next run downloads it again. An entry that is a sound zip member but not a readable object is
/// reported (<see cref="SourceRun.Fail"/>) and skipped; the archive is still marked as read, since the same
/// bytes would fail the same way, and the AN republishes its dumps daily.
/// </para>
/// </summary>
public sealed class AnOpenDataArchive(Fetcher fetcher, IOptions<AnOpenDataOptions> options, ILogger<AnOpenDataArchive> log)
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
            run.Fail(input, e.Message);
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
        var wanted = await OpenAndVerifyAsync(file, input, dataset, run, ct);
        if (wanted is null) yield break;

        using (var zip = wanted.Value.Zip)
        {
            log.LogInformation("{Dataset}: {Entries} entries in {Url} ({Bytes} bytes)", dataset.Label, wanted.Value.Entries.Count, input, file.Length);
            foreach (var entry in wanted.Value.Entries)
            {
                ct.ThrowIfCancellationRequested();
                var name = Archives.EntryName(input, entry);
                List<WatchItem> items;
                try
                {
                    items = dataset.Parse(Archives.ReadEntry(entry, name, options.Value.MaxEntryBytes), name).ToList();
                }
                catch (ParseException e)
                {
                    log.LogWarning("{Dataset}: entry skipped: {Problem}", dataset.Label, e.Message);
                    run.Fail(name, e.Problem);
                    continue;
                }
                foreach (var item in items) yield return item;
            }
        }
        run.Complete(file);
    }

    /// <summary>The opened archive and the entries to read, or null (failure reported) when the archive is unusable.</summary>
    private async Task<(ZipArchive Zip, List<ZipArchiveEntry> Entries)?> OpenAndVerifyAsync(
        FetchResult.File file, string input, AnDataset dataset, SourceRun run, CancellationToken ct)
    {
        ZipArchive? zip = null;
        try
        {
            zip = Archives.OpenZip(file.Path, input);
            var opened = zip;
            // Inflating the whole archive is CPU-bound: keep it off the caller's thread.
            await Task.Run(() => Archives.Verify(opened, input, options.Value.MaxEntryBytes, ct), ct);
            var files = Archives.Files(zip).ToList();
            var entries = files.Where(e => IsWanted(e, dataset)).ToList();
            if (entries.Count == 0 && files.Count > 0)
                throw new ParseException(input, $"none of its {files.Count} entries is a {dataset.Label} file ({dataset.EntryPrefix}….json): has the archive's layout changed?");
            return (zip, entries);
        }
        catch (ParseException e)
        {
            zip?.Dispose();
            log.LogWarning("{Dataset}: archive refused, nothing ingested: {Problem}", dataset.Label, e.Message);
            run.Fail(e.Input, e.Problem);
            return null;
        }
        catch
        {
            zip?.Dispose();
            throw;
        }
    }

    private static bool IsWanted(ZipArchiveEntry entry, AnDataset dataset) =>
        entry.Name.StartsWith(dataset.EntryPrefix, StringComparison.Ordinal)
        && entry.Name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
}
