using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Watch.Domain;
using Watch.Parsing.AssembleeNationale;
using Watch.Pipeline;
using Watch.Tests.Parsing.AssembleeNationale;
using Watch.Versions;

namespace Watch.Tests.Pipeline;

/// <summary>What becomes an event, on a real amendment re-published with changes, through the real store.</summary>
public sealed class IngestPipelineTests : IDisposable
{
    private const string Uid = "AMANR5L17PO838901BTC0636P0D1N000085";
    private readonly TestHost _host = new();
    private readonly ServiceProvider _watch;

    public IngestPipelineTests() => _watch = _host.Build(new Dictionary<string, string?>());

    public void Dispose()
    {
        _watch.Dispose();
        _host.Dispose();
    }

    private static string Original => File.ReadAllText(Path.Combine(AmendmentParserTests.Dir, Uid + ".json"));

    private static Amendment Variant(Func<string, string> edit)
    {
        var json = edit(Original);
        Assert.NotEqual(Original, json); // the edit must have applied
        return AmendmentParser.Parse(Encoding.UTF8.GetBytes(json), "variant");
    }

    /// <summary>Amendment 85 as published before its sitting: no sort, « A discuter ».</summary>
    private static Amendment Filed()
    {
        var filed = Variant(json => json.Replace("\"sort\": \"Rejet\\u00e9\"", "\"sort\": {\"@xmlns:xsi\": \"http://www.w3.org/2001/XMLSchema-instance\", \"@xsi:nil\": \"true\"}")
            .Replace("\"etat\": {\"code\": \"DI\", \"libelle\": \"Discut\\u00e9\"}, \"sousEtat\": {\"code\": \"DI\", \"libelle\": \"Rejet\\u00e9\"}", "\"etat\": {\"code\": \"AC\", \"libelle\": \"A discuter\"}, \"sousEtat\": {\"@xmlns:xsi\": \"http://www.w3.org/2001/XMLSchema-instance\", \"@xsi:nil\": \"true\"}"));
        Assert.Equal(AmendmentStatus.Filed, filed.Status);
        return filed;
    }

    private async Task<IngestReport> IngestAsync(Amendment a) =>
        await _watch.GetRequiredService<IngestPipeline>().IngestAsync([a], CancellationToken.None);

    private async Task<IReadOnlyList<StoredEvent>> EventsAsync() =>
        await _watch.GetRequiredService<IVersionStore>().EventsSinceAsync(0, 100, CancellationToken.None);

    [Fact]
    public async Task A_new_relevant_amendment_is_one_created_event_and_the_same_file_again_is_nothing()
    {
        var first = await IngestAsync(AmendmentParserTests.Load(Uid));
        Assert.Equal((1, 1), (first.Changed, first.Events));
        var again = await IngestAsync(AmendmentParserTests.Load(Uid));
        Assert.Equal((0, 0), (again.Changed, again.Events));

        var e = Assert.Single(await EventsAsync());
        Assert.Equal(EventKind.Created, e.Event.Kind);
        Assert.Contains(Uid, e.Event.Keys);
        Assert.Contains("PIONANR5L17BTC0636", e.Event.Keys);
        Assert.Contains("PIONANR5L17BTC0636#9", e.Event.Keys);
    }

    /// <summary>« /suivre DLR5L17N… » must bring the amendments of the dossier's texts, which name their text, not their dossier.</summary>
    [Fact]
    public async Task An_amendment_s_event_names_the_dossier_of_its_text_once_the_dossier_is_known()
    {
        var store = _watch.GetRequiredService<IVersionStore>();
        await store.RecordDossierTextsAsync("DLR5L16N49176", ["PIONANR5L17B0134", "PIONANR5L17BTC0636"], CancellationToken.None);

        await IngestAsync(AmendmentParserTests.Load(Uid));

        var e = Assert.Single(await EventsAsync());
        Assert.Equal([Uid, "PIONANR5L17BTC0636", "PIONANR5L17BTC0636#9", "DLR5L16N49176"], e.Event.Keys);
    }

    [Fact]
    public async Task A_first_run_s_baseline_still_announces_the_change_of_an_item_another_source_stored()
    {
        // The daily list announced amendment 85 filed; the archive's first run, a baseline, finds it rejected.
        await IngestAsync(Filed());
        var pipeline = _watch.GetRequiredService<IngestPipeline>();

        var baseline = await pipeline.IngestAsync(new[] { AmendmentParserTests.Load(Uid) }.ToAsyncEnumerable(), CancellationToken.None, announce: false);
        var unknown = await pipeline.IngestAsync(new[] { AmendmentParserTests.Load("AMANR5L17PO838901BTC0636P0D1N000080") }.ToAsyncEnumerable(), CancellationToken.None, announce: false);

        Assert.Equal(1, baseline.Events);
        var change = (await EventsAsync())[^1].Event;
        Assert.Equal((EventKind.StatusChanged, AmendmentStatus.Filed), (change.Kind, change.PreviousStatus));
        Assert.Equal((1, 0), (unknown.Changed, unknown.Events)); // an item no one stored before is the baseline's
    }

    [Fact]
    public async Task A_change_of_metadata_only_is_stored_but_is_not_an_event()
    {
        await IngestAsync(AmendmentParserTests.Load(Uid));
        var republished = Variant(json => json.Replace("\"datePublication\": \"2025-02-11\"", "\"datePublication\": \"2025-02-12\""));

        var report = await IngestAsync(republished);

        Assert.Equal(1, report.Changed);  // a new version is kept…
        Assert.Equal(0, report.Events);   // …but nobody is told
        Assert.Single(await EventsAsync());
    }

    [Fact]
    public async Task A_changed_sort_is_a_status_event_with_the_previous_status()
    {
        await IngestAsync(Filed());

        await IngestAsync(AmendmentParserTests.Load(Uid)); // the real file: Rejeté

        var events = await EventsAsync();
        Assert.Equal([EventKind.Created, EventKind.StatusChanged], events.Select(e => e.Event.Kind));
        Assert.Equal(AmendmentStatus.Filed, events[1].Event.PreviousStatus);
        Assert.StartsWith("⚪ Amendement n° 85 rejeté", events[1].Summary.Headline);
        Assert.Contains("Sort : Rejeté en séance publique le 11 février 2025 (avant : Déposé)", events[1].Summary.PlainText);
    }

    [Fact]
    public async Task A_changed_dispositif_is_a_content_event()
    {
        await IngestAsync(AmendmentParserTests.Load(Uid));
        var rectified = Variant(json => json.Replace("aucune technique de reconnaissance faciale", "aucune technique de reconnaissance faciale en temps r\\u00e9el"));

        await IngestAsync(rectified);

        var events = await EventsAsync();
        Assert.Equal([EventKind.Created, EventKind.ContentChanged], events.Select(e => e.Event.Kind));
        Assert.StartsWith("✏️ Amendement n° 85 rectifié", events[1].Summary.Headline);
    }

    [Fact]
    public async Task An_irrelevant_amendment_is_stored_without_any_event()
    {
        var report = await IngestAsync(AmendmentParserTests.Load("AMANR5L17PO59051B0369P0D1N000001"));
        Assert.Equal((1, 0), (report.Changed, report.Events));
        Assert.Empty(report.Relevant);
    }
}
