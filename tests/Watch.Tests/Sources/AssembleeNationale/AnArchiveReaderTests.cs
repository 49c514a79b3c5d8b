using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Watch.Sources;
using Watch.Sources.AssembleeNationale;
using Watch.Versions;

namespace Watch.Tests.Sources.AssembleeNationale;

/// <summary>The archive reader on a local zip of the 22 recorded amendments: entries are parsed on several cores.</summary>
public sealed class AnArchiveReaderTests
{
    private static readonly AnArchiveReader Reader = new(Options.Create(new AnOpenDataOptions()), NullLogger<AnArchiveReader>.Instance);

    private static FetchResult.File Downloaded(List<(string Name, byte[] Bytes)> entries)
    {
        var path = Path.Combine(Path.GetTempPath(), $"watch-reader-{Guid.NewGuid():N}.zip");
        File.WriteAllBytes(path, OpenDataServer.Zip(entries));
        return new FetchResult.File(new Uri("https://data.example/Amendements.json.zip"), path, new FileInfo(path).Length, new HttpValidators(path, "\"v1\"", null));
    }

    [Fact]
    public async Task Items_come_out_in_the_archive_order_and_a_bad_entry_in_between_is_reported_in_its_place()
    {
        var entries = Recorded.Entries(Recorded.Amendments);
        entries.Insert(7, ("json/AMANR5L17PO838901BTC0636P0D1N999999.json", "{\"amendement\": {\"uid\": "u8.ToArray()));
        using var file = Downloaded(entries);
        var run = new SourceRun();

        var ids = await Reader.ReadAsync(file, AnAmendmentsArchiveSource.Dataset, run, CancellationToken.None).Select(i => i.Id).ToListAsync();

        Assert.Equal(entries.Where((_, i) => i != 7).Select(e => Path.GetFileNameWithoutExtension(e.Name)), ids);
        var failure = Assert.Single(run.Failures);
        Assert.Equal("https://data.example/Amendements.json.zip!json/AMANR5L17PO838901BTC0636P0D1N999999.json", failure.Input);
        Assert.StartsWith("malformed JSON", failure.Problem);
        Assert.Same(file, Assert.Single(run.Completed));
    }

    [Fact]
    public async Task A_reader_that_stops_early_does_not_count_the_archive_as_read()
    {
        using var file = Downloaded(Recorded.Entries(Recorded.Amendments));
        var run = new SourceRun();

        var first = await Reader.ReadAsync(file, AnAmendmentsArchiveSource.Dataset, run, CancellationToken.None).Take(3).ToListAsync();

        Assert.Equal(3, first.Count);
        Assert.Empty(run.Completed); // not read to the end: its validators must not be remembered
    }
}
