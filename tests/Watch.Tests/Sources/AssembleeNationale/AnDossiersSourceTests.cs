using System.Text.Json.Nodes;
using Watch.Versions;

namespace Watch.Tests.Sources.AssembleeNationale;

/// <summary>
/// The dossiers source through the real fetch code, on a <c>Dossiers_Legislatifs.json.zip</c> of the three
/// recorded dossiers (entries under <c>json/dossierParlementaire/</c> as in the dump).
/// </summary>
public sealed class AnDossiersSourceTests : IAsyncLifetime
{
    private const string ZipPath = "17/loi/dossiers_legislatifs/Dossiers_Legislatifs.json.zip";
    private const string Confiance = "DLR5L15N37055";

    private OpenDataServer _server = null!;

    public async Task InitializeAsync() => _server = await OpenDataServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static List<(string Name, byte[] Bytes)> Dossiers() =>
        Directory.GetFiles(Recorded.Fixtures("dossiers"), "dossier-*.json").Order(StringComparer.Ordinal)
            .Select(f => ("json/dossierParlementaire/" + Path.GetFileName(f)["dossier-".Length..], File.ReadAllBytes(f))).ToList();

    [Fact]
    public async Task A_new_step_of_a_followed_dossier_is_a_status_change()
    {
        await using var watch = new OpenDataHost(_server.BaseUrl, Confiance);
        await watch.EstablishedAsync("an-scrutins", "an-agenda", "an-dossiers", "an-amendements-archive");
        // The dossier as it stood before the law was promulgated: its last reading (PROM) not yet there.
        var beforePromulgation = Recorded.Replace(Dossiers(), $"{Confiance}.json", json => Recorded.Edited(json, root =>
            root["dossierParlementaire"]!["actesLegislatifs"]!["acteLegislatif"]!.AsArray().RemoveAt(4)));
        _server.Publish(ZipPath, OpenDataServer.Zip(beforePromulgation));

        var first = await watch.RunAsync("an-dossiers");
        Assert.Empty(first.Failures);
        Assert.Equal(3, first.Ingest.Seen);
        var created = Assert.Single(await watch.EventsAsync());
        Assert.Equal((Confiance, EventKind.Created), (created.Event.ItemId, created.Event.Kind));

        _server.Publish(ZipPath, OpenDataServer.Zip(Dossiers()));
        var second = await watch.RunAsync("an-dossiers");
        Assert.Empty(second.Failures);
        Assert.Equal(1, second.Ingest.Seen); // only the dossier's file changed: the others are not read again
        Assert.Equal(1, second.Ingest.Events);
        var promulgated = (await watch.EventsAsync()).Single(e => e.Event.Kind == EventKind.StatusChanged);
        Assert.Equal(Confiance, promulgated.Event.ItemId);
        Assert.Equal("Conclusion du conseil constitutionnel : Partiellement conforme (CC-CONCLUSION)", promulgated.Event.PreviousStatus);

        var third = await watch.RunAsync("an-dossiers");
        Assert.Equal(0, third.Ingest.Seen);
        Assert.Equal(304, _server.Requests[^1].Status);
    }

    [Fact]
    public async Task An_HTML_page_where_a_zip_is_expected_is_a_clear_error()
    {
        await using var watch = new OpenDataHost(_server.BaseUrl, Confiance);
        await watch.EstablishedAsync("an-scrutins", "an-agenda", "an-dossiers", "an-amendements-archive");
        _server.Publish(ZipPath, "<!DOCTYPE html>\n<html><head><title>Maintenance</title></head><body>Service indisponible</body></html>"u8.ToArray(), "text/html");

        var report = await watch.RunAsync("an-dossiers");

        var failure = Assert.Single(report.Failures);
        Assert.Equal(new Uri(_server.BaseUrl, ZipPath).AbsoluteUri, failure.Input);
        Assert.Equal("not a zip archive: the server sent an HTML or XML page instead (starts with \"<!DOCTYPE html> <html><head><title>Maint\").", failure.Problem);
        Assert.Equal(0, report.Ingest.Seen);
        Assert.Null(await watch.ValidatorsAsync(new Uri(_server.BaseUrl, ZipPath)));
    }
}
