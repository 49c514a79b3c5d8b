using System.Text.Json.Nodes;
using Watch.Sources.AssembleeNationale;
using Watch.Versions;

namespace Watch.Tests.Sources.AssembleeNationale;

/// <summary>
/// The agenda source through the real fetch code, against <c>Agenda.json.zip</c> archives built from the
/// five recorded meetings (19 points, 3 of them on the followed dossier « sûreté dans les transports »).
/// </summary>
public sealed class AnAgendaSourceTests : IAsyncLifetime
{
    private const string ZipPath = "17/vp/reunions/Agenda.json.zip";
    private const string Transports = "DLR5L16N49176";
    private const string Sitting = "RUANR5L17S2025IDS29020";
    private const string Point = "RUANR5L17S2025IDS29020#RUANR5L17S2025IDS29020PT48846";

    private OpenDataServer _server = null!;
    private readonly List<(string Name, byte[] Bytes)> _meetings = Recorded.Entries(Recorded.Fixtures("reunions"));

    public async Task InitializeAsync() => _server = await OpenDataServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Uri ArchiveUrl => new(_server.BaseUrl, ZipPath);

    /// <summary>The agenda points of one recorded meeting, as the source reads them.</summary>
    private List<string> PointsOf(string meeting) =>
        AnAgendaSource.Dataset.Parse(_meetings.Single(m => m.Name.EndsWith($"/{meeting}.json")).Bytes, meeting).Select(p => p.Id).ToList();

    /// <summary>The agenda points of every recorded meeting.</summary>
    internal static int AllPoints(List<(string Name, byte[] Bytes)> meetings) => meetings.Sum(m => AnAgendaSource.Dataset.Parse(m.Bytes, m.Name).Count());

    [Fact]
    public async Task Every_point_is_ingested_then_an_unchanged_archive_is_not_downloaded_again_and_a_removed_point_is_a_status_change()
    {
        await using var watch = new OpenDataHost(_server.BaseUrl, Transports);
        await watch.EstablishedAsync("an-scrutins", "an-agenda", "an-dossiers", "an-amendements-archive");
        var archive = OpenDataServer.Zip(_meetings);
        _server.Publish(ZipPath, archive);

        var first = await watch.RunAsync("an-agenda");
        Assert.Empty(first.Failures);
        Assert.Equal(AllPoints(_meetings), first.Ingest.Seen);
        var events = await watch.EventsAsync();
        // The three points on the followed dossier, the cancelled sitting of 9 December 2024, whose point names the bill,
        // and the two hearings of the CNCTR's president: a meeting whose agenda is only its convocation, and one whose
        // points, all « Examen du texte », do not name it.
        Assert.Equal(
            ["RUANR5L17S2025IDC453853#RUANR5L17S2025IDC453853PT34632", "RUANR5L17S2025IDC455169#convocation", "RUANR5L17S2025IDC457451#convocation", "RUANR5L17S2025IDS28777#RUANR5L17S2025IDS28777PT48413",
             "RUANR5L17S2025IDS29017#RUANR5L17S2025IDS29017PT48876", Point],
            events.Select(e => e.Event.ItemId).Order(StringComparer.Ordinal));
        Assert.All(events, e => Assert.Equal(EventKind.Created, e.Event.Kind));
        // The wording of the messages is tested in AnMessagesTests, on the same files.
        Assert.Equal("https://www.assemblee-nationale.fr/dyn/16/dossiers/DLR5L16N49176", events.Single(e => e.Event.ItemId == Point).Summary.Url);
        Assert.Equal(OpenDataServer.ETagOf(archive), (await watch.ValidatorsAsync(ArchiveUrl))!.ETag);

        var second = await watch.RunAsync("an-agenda");
        Assert.Empty(second.Failures);
        Assert.Equal(0, second.Ingest.Seen);
        Assert.Equal(304, _server.Requests[^1].Status);
        Assert.True(_server.Requests[^1].Conditional);

        // The AN moves the point off the sitting's agenda: same point uid, état Supprimé.
        _server.Publish(ZipPath, OpenDataServer.Zip(Recorded.Replace(_meetings, $"{Sitting}.json", json => Recorded.Edited(json, root =>
        {
            foreach (var point in root["reunion"]!["ODJ"]!["pointsODJ"]!["pointODJ"]!.AsArray())
                if ((string?)point!["uid"] == "RUANR5L17S2025IDS29020PT48846") point["cycleDeVie"]!["etat"] = "Supprimé";
        }))));
        var third = await watch.RunAsync("an-agenda");
        Assert.Empty(third.Failures);
        Assert.Equal(PointsOf(Sitting).Count, third.Ingest.Seen); // only that sitting's file changed: the others are not read again
        Assert.Equal(1, third.Ingest.Events);
        var removed = (await watch.EventsAsync()).Single(e => e.Event.ItemId == Point && e.Event.Kind == EventKind.StatusChanged);
        Assert.Equal("Confirmé", removed.Event.PreviousStatus);
    }

    [Fact]
    public async Task An_entry_damaged_in_the_archive_is_reported_the_sound_ones_arrive_and_the_archive_is_downloaded_again()
    {
        await using var watch = new OpenDataHost(_server.BaseUrl, Transports);
        await watch.EstablishedAsync("an-scrutins", "an-agenda", "an-dossiers", "an-amendements-archive");
        // Stored without compression, the last meeting's JSON is in the archive as is: damage one byte of it.
        var good = OpenDataServer.Zip(_meetings, System.IO.Compression.CompressionLevel.NoCompression);
        var corrupt = (byte[])good.Clone();
        var lastMeeting = _meetings[^1].Bytes;
        var at = corrupt.AsSpan().IndexOf(lastMeeting.AsSpan(0, 200)) + 150;
        corrupt[at] ^= 0x01;
        _server.Publish(ZipPath, corrupt);

        var report = await watch.RunAsync("an-agenda");

        var failure = Assert.Single(report.Failures);
        Assert.EndsWith($"!json/{Path.GetFileName(Recorded.Fixtures("reunions", _meetings[^1].Name[5..]))}", failure.Input);
        Assert.Contains("CRC-32", failure.Problem);
        // The other meetings' bytes match their CRC: they are what the AN published, and they arrive.
        var lastPoints = PointsOf(Path.GetFileNameWithoutExtension(_meetings[^1].Name));
        Assert.NotEmpty(lastPoints);
        Assert.Equal(AllPoints(_meetings) - lastPoints.Count, report.Ingest.Seen);
        Assert.DoesNotContain(await watch.EventsAsync(), e => lastPoints.Contains(e.Event.ItemId));
        Assert.Null(await watch.ValidatorsAsync(ArchiveUrl));

        _server.Publish(ZipPath, good);
        var retried = await watch.RunAsync("an-agenda");
        Assert.Empty(retried.Failures);
        Assert.False(_server.Requests[^1].Conditional);
        Assert.Equal(lastPoints.Count, retried.Ingest.Seen); // the sound entries were remembered: only the damaged one is read again
        Assert.Equal(lastPoints.Count, retried.Ingest.Changed);
    }
}
