using System.Buffers;
using System.IO.Compression;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Watch.Domain;
using Watch.Parsing;
using Watch.Versions;

namespace Watch.Sources.AssembleeNationale;

/// <summary>
/// Reads the items of a downloaded AN open-data archive (see <see cref="AnOpenDataArchive"/>, which fetches it;
/// <c>watch bench ingest</c> reads a local one through here too).
/// <para>
/// Only the entries that changed since the last run are read: the AN republishes its dumps daily, and from one
/// day to the next most of the 130,000 amendments are the same bytes. The central directory gives each entry's
/// CRC-32 and length for free; entries ingested by earlier runs are remembered by them (<see cref="EntryMark"/>,
/// written only once the run's items are committed), and an entry with the same name, CRC-32 and length is skipped.
/// A new build of Watch may read the same bytes differently (a parser fixed): the marks it writes are its own
/// (the CRC-32 is combined with the build's identity), so its first run reads every entry once more.
/// </para>
/// <para>
/// A file that is not a zip, or a truncated download (its central directory, at the end, is missing), yields
/// nothing. Each entry is checked against the directory (length, CRC-32) as it is inflated, once: a damaged
/// entry is reported (<see cref="SourceRun.Fail"/>) and nothing of it is ingested, while the sound entries, whose
/// bytes are exactly what the AN published, still are; the archive's validators are then not remembered, so the
/// next run downloads it again and reads what it could not. An entry over the size limit, or a sound zip member
/// that is not a readable object, is reported and skipped too; the archive is still marked as read, since the same
/// bytes would fail the same way, and the AN republishes its dumps daily.
/// </para>
/// </summary>
public sealed class AnArchiveReader
{
    private readonly IHttpCacheStore _cache;
    private readonly IOptions<AnOpenDataOptions> _options;
    private readonly ILogger<AnArchiveReader> _log;
    private readonly uint _build;

    public AnArchiveReader(IHttpCacheStore cache, IOptions<AnOpenDataOptions> options, ILogger<AnArchiveReader> log)
        : this(cache, options, log, ThisBuild) { }

    /// <param name="build">Which build's marks count as read (tests stand in for a new build).</param>
    internal AnArchiveReader(IHttpCacheStore cache, IOptions<AnOpenDataOptions> options, ILogger<AnArchiveReader> log, uint build) =>
        (_cache, _options, _log, _build) = (cache, options, log, build);

    /// <summary>The parsers' assembly identity: builds are deterministic, so it changes exactly when their code does.</summary>
    private static readonly uint ThisBuild = XxHash32.HashToUInt32(typeof(AnArchiveReader).Assembly.ManifestModule.ModuleVersionId.ToByteArray());

    /// <param name="Damaged">The entry's bytes are not what the archive says they are (a download to retry), as
    /// opposed to sound bytes that are not a readable object.</param>
    private sealed record Parsed(ZipArchiveEntry Entry, IReadOnlyList<WatchItem> Items, ParseException? Failure, bool Damaged = false);

    public async IAsyncEnumerable<WatchItem> ReadAsync(FetchResult.File file, AnDataset dataset, SourceRun run, [EnumeratorCancellation] CancellationToken ct)
    {
        var input = file.Url.AbsoluteUri;
        var wanted = Open(file, input, dataset, run);
        if (wanted is null) yield break;

        var damaged = false;
        Dictionary<long, EntryMark> read;
        using (var zip = wanted.Value.Zip)
        {
            var known = await _cache.ArchiveEntriesAsync(input, ct);
            var changed = wanted.Value.Entries.Where(e => !(known.TryGetValue(NameHash(e), out var mark) && mark == MarkOf(e))).ToList();
            // Sized once: grown step by step to 130,000 marks, it would leave its outgrown arrays on the large object heap.
            read = new Dictionary<long, EntryMark>(changed.Count);
            _log.LogInformation("{Dataset}: {Changed} of {Entries} entries new or changed in {Url} ({Bytes} bytes)",
                dataset.Label, changed.Count, wanted.Value.Entries.Count, input, file.Length);
            await foreach (var parsed in ParseInOrderAsync(changed, input, dataset, ct))
            {
                if (parsed.Failure is { } e)
                {
                    run.Fail(e.Input, e.Problem);
                    damaged |= parsed.Damaged;
                    continue;
                }
                foreach (var item in parsed.Items) yield return item;
                if (!parsed.Items.Any(i => run.IsPostponed(i.Id))) read[NameHash(parsed.Entry)] = MarkOf(parsed.Entry);
            }
        }
        // Entries that failed are not remembered: they are read (and reported) again until they are fixed.
        if (read.Count > 0) run.CompleteEntries(input, read);
        if (!damaged) run.Complete(file);
    }

    /// <summary>
    /// Entries are inflated one after the other (one zip, one file position) and parsed on the other cores;
    /// a bounded window of parses in flight keeps memory flat and the items in the archive's order.
    /// </summary>
    private async IAsyncEnumerable<Parsed> ParseInOrderAsync(IReadOnlyList<ZipArchiveEntry> entries, string input, AnDataset dataset,
        [EnumeratorCancellation] CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var window = Channel.CreateBounded<Task<Parsed>>(ParsesInFlight);
        var inflater = Task.Run(async () =>
        {
            try
            {
                foreach (var entry in entries)
                    await window.Writer.WriteAsync(Start(entry, input, dataset, stop.Token), stop.Token);
                window.Writer.Complete();
            }
            catch (Exception e)
            {
                window.Writer.Complete(e);
            }
        }, stop.Token);

        try
        {
            await foreach (var parse in window.Reader.ReadAllAsync(ct)) yield return await parse;
        }
        finally
        {
            // The reader may stop early (cancelled, or an item made it throw): the inflater must not outlive the zip.
            stop.Cancel();
            await inflater.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private static readonly int ParsesInFlight = 16 * Environment.ProcessorCount;

    /// <summary>The entry inflated and handed to a parser on another core, or its refusal.</summary>
    private Task<Parsed> Start(ZipArchiveEntry entry, string input, AnDataset dataset, CancellationToken ct)
    {
        var name = Archives.EntryName(input, entry);
        // Our limit, not damage: downloading the archive again would not change it.
        if (Archives.Oversized(entry, name, _options.Value.MaxEntryBytes) is { } refused) return Task.FromResult(new Parsed(entry, [], refused));
        ArraySegment<byte> bytes;
        try
        {
            bytes = Archives.ReadEntryRented(entry, name, _options.Value.MaxEntryBytes);
        }
        catch (ParseException e)
        {
            return Task.FromResult(new Parsed(entry, [], e, Damaged: true));
        }
        // Cancelled before it starts, the parse does not give the buffer back: the pool does not need every buffer back.
        return Task.Run(() => Parse(dataset, entry, bytes, name), ct);
    }

    /// <summary>Parses the entry's rented bytes and gives them back: the items parsed hold strings of their own, not the bytes.</summary>
    private static Parsed Parse(AnDataset dataset, ZipArchiveEntry entry, ArraySegment<byte> bytes, string name)
    {
        try
        {
            return new Parsed(entry, dataset.Parse(bytes, name).ToList(), null);
        }
        catch (ParseException e)
        {
            return new Parsed(entry, [], e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes.Array!);
        }
    }

    private EntryMark MarkOf(ZipArchiveEntry entry) => new(entry.Crc32 ^ _build, entry.Length);

    /// <summary>A 64-bit hash of the entry's path stands for it: 130,000 names would cost ~25 MB held as strings.</summary>
    private static long NameHash(ZipArchiveEntry entry) => (long)XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(entry.FullName));

    /// <summary>The opened archive and the entries to read, or null (failure reported) when the archive is unusable.</summary>
    private (ZipArchive Zip, List<ZipArchiveEntry> Entries)? Open(FetchResult.File file, string input, AnDataset dataset, SourceRun run)
    {
        ZipArchive? zip = null;
        try
        {
            zip = Archives.OpenZip(file.Path, input);
            var files = Archives.Files(zip).ToList();
            var entries = files.Where(e => IsWanted(e, dataset)).ToList();
            if (entries.Count == 0 && files.Count > 0)
                throw new ParseException(input, $"none of its {files.Count} entries is a {dataset.Label} file ({dataset.EntryPrefix}….json): has the archive's layout changed?");
            return (zip, entries);
        }
        catch (ParseException e)
        {
            zip?.Dispose();
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
