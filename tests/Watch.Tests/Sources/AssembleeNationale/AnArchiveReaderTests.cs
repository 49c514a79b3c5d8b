using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Watch.Sources;
using Watch.Sources.AssembleeNationale;
using Watch.Storage;
using Watch.Versions;

namespace Watch.Tests.Sources.AssembleeNationale;

/// <summary>The archive reader on local zips of the 22 recorded amendments, with a real SQLite store for what it remembers.</summary>
public sealed class AnArchiveReaderTests : IDisposable
{
    private const string Url = "https://data.example/Amendements.json.zip";
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"watch-reader-{Guid.NewGuid():N}.db");
    private readonly SqliteStore _store;
    private readonly AnArchiveReader _reader;

    public AnArchiveReaderTests()
    {
        _store = new SqliteStore(_db);
        _reader = new AnArchiveReader(_store, Options.Create(new AnOpenDataOptions()), NullLogger<AnArchiveReader>.Instance);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _db, _db + "-wal", _db + "-shm" }) File.Delete(f);
    }

    private static FetchResult.File Downloaded(List<(string Name, byte[] Bytes)> entries)
    {
        var path = Path.Combine(Path.GetTempPath(), $"watch-reader-{Guid.NewGuid():N}.zip");
        File.WriteAllBytes(path, OpenDataServer.Zip(entries));
        return new FetchResult.File(new Uri(Url), path, new FileInfo(path).Length, new HttpValidators(Url, "\"v1\"", null));
    }

    private async Task<List<string>> ReadAsync(FetchResult.File file, SourceRun run) =>
        await _reader.ReadAsync(file, AnAmendmentsArchiveSource.Dataset, run, CancellationToken.None).Select(i => i.Id).ToListAsync();

    /// <summary>What the source job does once the run's items are committed.</summary>
    private async Task RememberAsync(SourceRun run)
    {
        foreach (var (archive, entries) in run.CompletedEntries) await _store.SetArchiveEntriesAsync(archive, entries, CancellationToken.None);
    }

    [Fact]
    public async Task Items_come_out_in_the_archive_order_and_a_bad_entry_in_between_is_reported_in_its_place()
    {
        var entries = Recorded.Entries(Recorded.Amendments);
        entries.Insert(7, ("json/AMANR5L17PO838901BTC0636P0D1N999999.json", "{\"amendement\": {\"uid\": "u8.ToArray()));
        using var file = Downloaded(entries);
        var run = new SourceRun();

        var ids = await ReadAsync(file, run);

        Assert.Equal(entries.Where((_, i) => i != 7).Select(e => Path.GetFileNameWithoutExtension(e.Name)), ids);
        var failure = Assert.Single(run.Failures);
        Assert.Equal($"{Url}!json/AMANR5L17PO838901BTC0636P0D1N999999.json", failure.Input);
        Assert.StartsWith("malformed JSON", failure.Problem);
        Assert.Same(file, Assert.Single(run.Completed));
        // The bad entry is not remembered: it is read, and reported, again next time.
        Assert.Equal(22, Assert.Single(run.CompletedEntries).Entries.Count);
    }

    [Fact]
    public async Task Once_its_entries_are_remembered_a_republished_archive_is_read_only_where_it_changed()
    {
        var entries = Recorded.Entries(Recorded.Amendments);
        using (var first = Downloaded(entries))
        {
            var run = new SourceRun();
            Assert.Equal(22, (await ReadAsync(first, run)).Count);
            await RememberAsync(run);
        }

        // The next day's dump: one amendment's outcome decided, one new amendment, the other 21 the same bytes.
        var decided = entries[3].Name;
        var republished = Recorded.Replace(entries, decided, json => Recorded.Edited(json, root => root["amendement"]!["cycleDeVie"]!["sort"] = "Adopté"));
        republished.Add(("json/AMANR5L17PO838901BTC0636P0D1N000999.json", Recorded.Edited(entries[0].Bytes,
            root => root["amendement"]!["uid"] = "AMANR5L17PO838901BTC0636P0D1N000999")));
        using var next = Downloaded(republished);
        var again = new SourceRun();

        var ids = await ReadAsync(next, again);

        Assert.Equal([Path.GetFileNameWithoutExtension(decided), "AMANR5L17PO838901BTC0636P0D1N000999"], ids);
        Assert.Empty(again.Failures);
    }

    [Fact]
    public async Task An_entry_over_the_size_limit_is_refused_unread_and_does_not_make_the_archive_a_download_to_retry()
    {
        var entries = Recorded.Entries(Recorded.Amendments);
        var largest = entries.MaxBy(e => e.Bytes.Length);
        var capped = new AnArchiveReader(_store, Options.Create(new AnOpenDataOptions { MaxEntryBytes = largest.Bytes.Length - 1 }),
            NullLogger<AnArchiveReader>.Instance);
        using var file = Downloaded(entries);
        var run = new SourceRun();

        var ids = await capped.ReadAsync(file, AnAmendmentsArchiveSource.Dataset, run, CancellationToken.None).Select(i => i.Id).ToListAsync();

        Assert.Equal(entries.Count - 1, ids.Count);
        Assert.DoesNotContain(Path.GetFileNameWithoutExtension(largest.Name), ids);
        var failure = Assert.Single(run.Failures);
        Assert.EndsWith(largest.Name, failure.Input);
        Assert.Equal($"zip entry of {largest.Bytes.Length} bytes exceeds the {largest.Bytes.Length - 1}-byte limit.", failure.Problem);
        Assert.Same(file, Assert.Single(run.Completed)); // the same bytes would be refused again: no point downloading them
    }

    [Fact]
    public async Task A_new_build_of_Watch_reads_every_entry_once_more()
    {
        var entries = Recorded.Entries(Recorded.Amendments);
        using var file = Downloaded(entries);
        var run = new SourceRun();
        await ReadAsync(file, run);
        await RememberAsync(run);
        Assert.Empty(await ReadAsync(file, new SourceRun())); // this build: nothing to read again

        // A later build (a parser fixed) does not trust marks it did not write.
        var upgraded = new AnArchiveReader(_store, Options.Create(new AnOpenDataOptions()), NullLogger<AnArchiveReader>.Instance, build: 0x5EED);
        var again = new SourceRun();
        var ids = await upgraded.ReadAsync(file, AnAmendmentsArchiveSource.Dataset, again, CancellationToken.None).Select(i => i.Id).ToListAsync();

        Assert.Equal(entries.Count, ids.Count);
        Assert.Equal(entries.Count, Assert.Single(again.CompletedEntries).Entries.Count);
    }

    [Fact]
    public async Task A_reader_that_stops_early_does_not_count_the_archive_as_read()
    {
        using var file = Downloaded(Recorded.Entries(Recorded.Amendments));
        var run = new SourceRun();

        var first = await _reader.ReadAsync(file, AnAmendmentsArchiveSource.Dataset, run, CancellationToken.None).Take(3).ToListAsync();

        Assert.Equal(3, first.Count);
        Assert.Empty(run.Completed); // not read to the end: its validators must not be remembered…
        Assert.Empty(run.CompletedEntries); // …nor its entries
    }
}
