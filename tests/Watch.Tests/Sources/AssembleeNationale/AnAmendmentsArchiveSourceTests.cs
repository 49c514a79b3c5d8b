using Watch.Versions;

namespace Watch.Tests.Sources.AssembleeNationale;

/// <summary>
/// The nightly amendments reconciliation through the real fetch code, on an <c>Amendements.json.zip</c> of the
/// 22 recorded amendments (entries under <c>json/{dossier}/{texte}/</c> as in the dump).
/// </summary>
public sealed class AnAmendmentsArchiveSourceTests : IAsyncLifetime
{
    private const string ZipPath = "17/loi/amendements_div_legis/Amendements.json.zip";
    // PLF 2025, II-3199: « En traitement », sort nil, about vidéoprotection and facial recognition.
    private const string Pending = "AMANR5L17PO838901B0324P2D1N003199";

    private OpenDataServer _server = null!;

    public async Task InitializeAsync() => _server = await OpenDataServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Uri ArchiveUrl => new(_server.BaseUrl, ZipPath);

    private static List<(string Name, byte[] Bytes)> Amendments() => Recorded.Entries(Recorded.Amendments, "json/DLR5L17N00000/TEXTE/");

    private static List<(string Name, byte[] Bytes)> WithPendingAdopted() => Recorded.Replace(Amendments(), $"{Pending}.json", json => Recorded.Edited(json, root =>
    {
        var cycle = root["amendement"]!["cycleDeVie"]!;
        cycle["sort"] = "Adopté";
        cycle["dateSort"] = "2025-10-20T16:00:00.000+02:00";
    }));

    [Fact]
    public async Task The_first_run_of_a_fresh_install_is_a_silent_baseline_and_later_changes_are_announced()
    {
        await using var watch = new OpenDataHost(_server.BaseUrl); // no run recorded: a fresh install
        _server.Publish(ZipPath, OpenDataServer.Zip(Amendments()));

        var baseline = await watch.RunAsync("an-amendements-archive");
        Assert.Equal(22, baseline.Ingest.Changed);
        Assert.Contains(baseline.Ingest.Relevant, r => r.Item.Id == "AMANR5L17PO838901BTC0636P0D1N000085" && r.Event is null);
        Assert.Equal(0, baseline.Ingest.Events);
        Assert.Empty(await watch.EventsAsync()); // a legislature of history is not news

        _server.Publish(ZipPath, OpenDataServer.Zip(WithPendingAdopted()));
        var next = await watch.RunAsync("an-amendements-archive");
        var adopted = Assert.Single(await watch.EventsAsync());
        Assert.Equal((Pending, EventKind.StatusChanged), (adopted.Event.ItemId, adopted.Event.Kind));
        Assert.Equal(1, next.Ingest.Events);
    }

    [Fact]
    public async Task An_entry_the_parser_refuses_does_not_keep_a_fresh_install_silent_for_ever()
    {
        await using var watch = new OpenDataHost(_server.BaseUrl); // a fresh install
        var entries = Amendments();
        // A sound zip member that is not an amendment, in every dump from now on: reported every run.
        entries.Add(("json/DLR5L17N00000/TEXTE/AMANR5L17PO838901BTC0636P0D1N999999.json", File.ReadAllBytes(Recorded.Fixtures("scrutins", "VTANR5L17V788.json"))));
        _server.Publish(ZipPath, OpenDataServer.Zip(entries));

        var baseline = await watch.RunAsync("an-amendements-archive");
        Assert.Single(baseline.Failures);
        Assert.Equal(0, baseline.Ingest.Events);

        _server.Publish(ZipPath, OpenDataServer.Zip(Recorded.Replace(entries, $"{Pending}.json", _ => WithPendingAdopted().Single(e => e.Name.EndsWith($"{Pending}.json")).Bytes)));
        var next = await watch.RunAsync("an-amendements-archive");

        Assert.Single(next.Failures); // still there, still reported
        var adopted = Assert.Single(await watch.EventsAsync()); // but the archive's news are announced again
        Assert.Equal((Pending, EventKind.StatusChanged), (adopted.Event.ItemId, adopted.Event.Kind));
    }

    [Fact]
    public async Task An_outcome_decided_later_is_caught_as_a_status_change()
    {
        await using var watch = new OpenDataHost(_server.BaseUrl);
        await watch.EstablishedAsync("an-scrutins", "an-agenda", "an-dossiers", "an-amendements-archive");
        _server.Publish(ZipPath, OpenDataServer.Zip(Amendments()));

        var first = await watch.RunAsync("an-amendements-archive");
        Assert.Empty(first.Failures);
        Assert.Equal(22, first.Ingest.Seen);
        var created = await watch.EventsAsync();
        Assert.Contains(created, e => e.Event.ItemId == Pending && e.Event.Kind == EventKind.Created);
        Assert.Contains(created, e => e.Event.ItemId == "AMANR5L17PO838901BTC0636P0D1N000085");
        Assert.DoesNotContain(created, e => e.Event.ItemId == "AMANR5L17PO59051B0369P0D1N000001");

        var unchanged = await watch.RunAsync("an-amendements-archive");
        Assert.Equal(0, unchanged.Ingest.Seen);
        Assert.Equal(304, _server.Requests[^1].Status);

        _server.Publish(ZipPath, OpenDataServer.Zip(WithPendingAdopted()));
        var reconciled = await watch.RunAsync("an-amendements-archive");
        Assert.Empty(reconciled.Failures);
        Assert.Equal(1, reconciled.Ingest.Seen); // the 21 other files are the same bytes: not read again
        Assert.Equal(1, reconciled.Ingest.Changed);
        Assert.Equal(1, reconciled.Ingest.Events);
        var adopted = (await watch.EventsAsync()).Single(e => e.Event.Kind == EventKind.StatusChanged);
        Assert.Equal((Pending, "Déposé"), (adopted.Event.ItemId, adopted.Event.PreviousStatus));
        Assert.StartsWith("🔴 Amendement n° II-3199 adopté", adopted.Summary.Headline);
    }

    [Fact]
    public async Task A_truncated_archive_is_an_error_nothing_is_ingested_and_its_validators_are_not_remembered()
    {
        await using var watch = new OpenDataHost(_server.BaseUrl);
        await watch.EstablishedAsync("an-scrutins", "an-agenda", "an-dossiers", "an-amendements-archive");
        var good = OpenDataServer.Zip(Amendments());
        _server.Publish(ZipPath, good);
        await watch.RunAsync("an-amendements-archive");
        var before = await watch.EventsAsync();

        // A newer archive, stored half-written on the server: sent whole, with an honest length.
        var newer = OpenDataServer.Zip(WithPendingAdopted());
        _server.Publish(ZipPath, newer[..(newer.Length / 2)]);
        var report = await watch.RunAsync("an-amendements-archive");

        var failure = Assert.Single(report.Failures);
        Assert.Equal(ArchiveUrl.AbsoluteUri, failure.Input);
        Assert.StartsWith("truncated or corrupt zip archive", failure.Problem);
        Assert.Equal(0, report.Ingest.Seen);
        Assert.Equal(before.Count, (await watch.EventsAsync()).Count);
        Assert.Equal(OpenDataServer.ETagOf(good), (await watch.ValidatorsAsync(ArchiveUrl))!.ETag);

        // Once whole, the archive is read and the outcome reported.
        _server.Publish(ZipPath, newer);
        var retried = await watch.RunAsync("an-amendements-archive");
        Assert.Empty(retried.Failures);
        Assert.Equal(1, retried.Ingest.Events);
    }

    [Fact]
    public async Task A_download_cut_off_in_transit_is_an_error_and_nothing_is_ingested()
    {
        await using var watch = new OpenDataHost(_server.BaseUrl);
        await watch.EstablishedAsync("an-scrutins", "an-agenda", "an-dossiers", "an-amendements-archive");
        _server.CutOffMidway(ZipPath, OpenDataServer.Zip(Amendments()));

        var report = await watch.RunAsync("an-amendements-archive");

        var failure = Assert.Single(report.Failures);
        Assert.Equal(ArchiveUrl.AbsoluteUri, failure.Input);
        // Depending on when the connection drops, the client sees a failed request or a short body.
        Assert.Matches("request failed|cut off|truncated download", failure.Problem);
        Assert.Equal(0, report.Ingest.Seen);
        Assert.Null(await watch.ValidatorsAsync(ArchiveUrl));
    }

    [Fact]
    public async Task An_unreadable_entry_is_reported_and_the_others_are_ingested()
    {
        await using var watch = new OpenDataHost(_server.BaseUrl);
        await watch.EstablishedAsync("an-scrutins", "an-agenda", "an-dossiers", "an-amendements-archive");
        var entries = Amendments();
        // A sound zip member that is not an amendment: the recorded vote 788 under an amendment's name.
        entries.Add(("json/DLR5L17N00000/TEXTE/AMANR5L17PO838901BTC0636P0D1N999999.json", File.ReadAllBytes(Recorded.Fixtures("scrutins", "VTANR5L17V788.json"))));
        _server.Publish(ZipPath, OpenDataServer.Zip(entries));

        var report = await watch.RunAsync("an-amendements-archive");

        var failure = Assert.Single(report.Failures);
        Assert.EndsWith("!json/DLR5L17N00000/TEXTE/AMANR5L17PO838901BTC0636P0D1N999999.json", failure.Input);
        Assert.Contains("amendement", failure.Problem);
        Assert.Equal(22, report.Ingest.Seen);
        // The same bytes would fail the same way: the archive counts as read.
        Assert.NotNull(await watch.ValidatorsAsync(ArchiveUrl));
    }
}
