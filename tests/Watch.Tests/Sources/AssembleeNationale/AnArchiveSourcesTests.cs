using Watch.Sources.AssembleeNationale;

namespace Watch.Tests.Sources.AssembleeNationale;

/// <summary>
/// The four AN archive sources through the real fetch code, each on an archive of its recorded files: what each
/// must do with a 304, a 500, a truncated archive and a republished archive where one entry changed.
/// </summary>
public sealed class AnArchiveSourcesTests : IAsyncLifetime
{
    private OpenDataServer _server = null!;

    public async Task InitializeAsync() => _server = await OpenDataServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string> Sources => ["an-amendements-archive", "an-agenda", "an-scrutins", "an-dossiers"];

    private static (string ZipPath, AnDataset Dataset, List<(string Name, byte[] Bytes)> Entries) ArchiveOf(string source) => source switch
    {
        "an-amendements-archive" => ("17/loi/amendements_div_legis/Amendements.json.zip", AnAmendmentsArchiveSource.Dataset,
            Recorded.Entries(Recorded.Amendments, "json/DLR5L17N00000/TEXTE/")),
        "an-agenda" => ("17/vp/reunions/Agenda.json.zip", AnAgendaSource.Dataset, Recorded.Entries(Recorded.Fixtures("reunions"))),
        "an-scrutins" => ("17/loi/scrutins/Scrutins.json.zip", AnScrutinsSource.Dataset, Recorded.Entries(Recorded.Fixtures("scrutins"))),
        "an-dossiers" => ("17/loi/dossiers_legislatifs/Dossiers_Legislatifs.json.zip", AnDossiersSource.Dataset,
            Directory.GetFiles(Recorded.Fixtures("dossiers"), "dossier-*.json").Order(StringComparer.Ordinal)
                .Select(f => ("json/dossierParlementaire/" + Path.GetFileName(f)["dossier-".Length..], File.ReadAllBytes(f))).ToList()),
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task A_304_is_nothing_a_500_and_a_truncated_archive_change_nothing_and_a_republished_archive_is_read_where_it_changed(string source)
    {
        var (zipPath, dataset, entries) = ArchiveOf(source);
        var url = new Uri(_server.BaseUrl, zipPath);
        await using var watch = new OpenDataHost(_server.BaseUrl);
        await watch.EstablishedAsync(source);
        if (source == "an-scrutins")
        {
            // Votes are linked through their séances' agenda, and a vote on an amendment through its dossier's bills: read
            // first, else they are postponed and read again each time.
            await watch.EstablishedAsync("an-agenda");
            _server.Publish("17/vp/reunions/Agenda.json.zip", OpenDataServer.Zip([.. Recorded.Entries(Recorded.Fixtures("reunions")), .. Recorded.Entries(Recorded.Fixtures("seances"))]));
            Assert.Empty((await watch.RunAsync("an-agenda")).Failures);
            await Recorded.StoreAsync(watch, Watch.Tests.Pipeline.RelevanceLinksTests.Transports());
        }
        var first = OpenDataServer.Zip(entries);
        _server.Publish(zipPath, first);

        var read = await watch.RunAsync(source);
        Assert.Empty(read.Failures);
        Assert.Equal(entries.Sum(e => dataset.Parse(e.Bytes, e.Name).Count()), read.Ingest.Seen);

        var unchanged = await watch.RunAsync(source);
        Assert.Equal((0, 304), (unchanged.Ingest.Seen, _server.Requests[^1].Status));

        _server.Fail(zipPath, 500);
        var failed = await watch.RunAsync(source);
        Assert.Contains("HTTP 500", Assert.Single(failed.Failures).Problem);
        Assert.Equal(0, failed.Ingest.Seen);

        // The next dump: one file rewritten (a trailing line break: the same object, other bytes), first served half-written.
        var changed = entries.Select((e, i) => i == 1 ? (e.Name, [.. e.Bytes, (byte)'\n']) : e).ToList();
        var republished = OpenDataServer.Zip(changed);
        _server.Publish(zipPath, republished[..(republished.Length / 2)]);
        var truncated = await watch.RunAsync(source);
        Assert.StartsWith("truncated or corrupt zip archive", Assert.Single(truncated.Failures).Problem);
        Assert.Equal(0, truncated.Ingest.Seen);
        Assert.Equal(OpenDataServer.ETagOf(first), (await watch.ValidatorsAsync(url))!.ETag);

        _server.Publish(zipPath, republished);
        var next = await watch.RunAsync(source);
        Assert.Empty(next.Failures);
        Assert.Equal(dataset.Parse(changed[1].Item2, changed[1].Name).Count(), next.Ingest.Seen); // only the rewritten file is read
        Assert.Equal(0, next.Ingest.Changed); // and it holds nothing new
        Assert.Equal(OpenDataServer.ETagOf(republished), (await watch.ValidatorsAsync(url))!.ETag);
    }
}
