using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Watch.Domain;
using Watch.Summaries;
using Watch.Tests.Parsing.Senat;
using Watch.Versions;

namespace Watch.Tests.Sources.Senat;

/// <summary>
/// The Sénat amendments source through the real Fetcher against a loopback www.senat.fr serving the recorded
/// Ameli exports (text 583 of 2017-2018, configured; text 310 of 2013-2014, found through the deposits index).
/// </summary>
public sealed class SenatAmendmentsSourceTests : LoopbackSourceTests
{
    private const string Csv583 = "amendements/commissions/2017-2018/583/jeu_complet_commission_2017-2018_583.csv";
    private const string Csv310 = "amendements/commissions/2013-2014/310/jeu_complet_commission_2013-2014_310.csv";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Site.Serve("akomantoso/depots.xml", SenatTextsSourceTests.Index(("ppl13-310", DateTime.UtcNow.AddDays(-2))), "text/xml");
        Site.Serve(Csv583, SenatFixtures.Bytes("ameli", "jeu_complet_commission_2017-2018_583.csv"), "text/csv");
        Site.Serve(Csv310, SenatFixtures.Bytes("ameli", "jeu_complet_commission_2013-2014_310.csv"), "text/csv");
    }

    private ServiceProvider Watch() => Host.Build(new Dictionary<string, string?>
    {
        ["Sources:Senat:BaseUrl"] = Site.BaseUrl.ToString(),
        ["Sources:Senat:AmendmentTexts:0"] = "2017-2018/583",
        ["Watchlist:Tracked:0"] = "senat:2017-2018:583",
    });

    [Fact]
    public async Task Configured_and_discovered_texts_are_read_a_304_is_nothing_a_changed_sort_is_an_event()
    {
        await using var watch = Watch();

        var first = await SourcesHost.RunAsync(watch, "senat-amendements");
        Assert.Empty(first.Failures); // the séance files answer 404: no amendment yet, not an error
        Assert.Equal(434 + 127, first.Ingest.Seen);
        Assert.Equal(1, Site.CountOf("amendements/2017-2018/583/jeu_complet_2017-2018_583.csv"));
        var events = await SourcesHost.EventsAsync(watch);
        Assert.Equal(434, events.Count(e => e.Event.ItemId.StartsWith("senat:2017-2018:583:"))); // the tracked text's amendments

        var second = await SourcesHost.RunAsync(watch, "senat-amendements");
        Assert.Empty(second.Failures);
        Assert.Equal(0, second.Ingest.Seen);

        // The commission's export changes: one "Adopté" becomes "Rejeté".
        var bytes = SenatFixtures.Bytes("ameli", "jeu_complet_commission_2017-2018_583.csv");
        // The file is cp1252: é is the single byte 0xE9.
        var changed = Replace(bytes, [.. "\tAdopt"u8, 0xE9, (byte)'\t'], [.. "\tRejet"u8, 0xE9, (byte)'\t']);
        Site.Serve(Csv583, changed, "text/csv");

        var third = await SourcesHost.RunAsync(watch, "senat-amendements");
        Assert.Empty(third.Failures);
        Assert.Equal(434, third.Ingest.Seen);
        Assert.Equal(1, third.Ingest.Changed);
        var change = Assert.Single((await SourcesHost.EventsAsync(watch)).Skip(events.Count));
        Assert.Equal(EventKind.StatusChanged, change.Event.Kind);
        Assert.Equal("Adopté", change.Event.PreviousStatus);
        var rejected = Assert.Single(third.Ingest.Relevant, r => r.Event == EventKind.StatusChanged);
        var message = AmendmentMessages.Write((Amendment)rejected.Item, EventKind.StatusChanged, "Adopté", rejected.Relevance, new Dictionary<string, string>());
        Assert.StartsWith("⚪ Sénat — Amendement COM-", message.Headline);
        Assert.Contains(" rejeté ", message.Headline);
        Assert.EndsWith("(texte n° 583 (2017-2018))", message.Headline);
        Assert.Contains("<i>Sort :</i> Rejeté en commission (avant : Adopté)", message.Html);
        Assert.StartsWith("https://www.senat.fr/amendements/commissions/2017-2018/583/Amdt_COM-", message.Url);
    }

    private const string Discussion583 = "encommission/2017-2018/583/liste_discussion.json";

    /// <summary>The recorded discussion list of text 610, its first amendment renamed to <paramref name="number"/> with <paramref name="sort"/>.</summary>
    private static byte[] DiscussionWith(string number, string sort)
    {
        var root = JsonNode.Parse(SenatFixtures.Bytes("ameli", "liste_discussion_610.json"))!;
        var first = root["Subdivisions"]![0]!["Amendements"]![0]!;
        first["num"] = number;
        first["sort"] = sort;
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    [Fact]
    public async Task An_outcome_the_discussion_list_shows_before_the_export_is_filled_in_and_kept()
    {
        // The commission's export before one outcome reached it: the first « Adopté » of the file is still blank.
        var recorded = SenatFixtures.Bytes("ameli", "jeu_complet_commission_2017-2018_583.csv");
        var pending = Replace(recorded, [.. "\tAdopt"u8, 0xE9, (byte)'\t'], [.. "\t      \t"u8]); // fields are space-padded
        var amendment = global::Watch.Parsing.Senat.SenatAmendmentCsv.Read(new MemoryStream(pending), Csv583)
            .Except(global::Watch.Parsing.Senat.SenatAmendmentCsv.Read(new MemoryStream(recorded), Csv583)).Single();
        Assert.Null(amendment.Sort);
        Site.Serve(Csv583, pending, "text/csv");
        Site.Serve(Discussion583, DiscussionWith(amendment.Number, "Adopté"), "application/json");
        await using var watch = Watch();

        var first = await SourcesHost.RunAsync(watch, "senat-amendements");
        Assert.Empty(first.Failures);
        var read = Assert.Single(first.Ingest.Relevant, r => r.Item.Id == amendment.Id);
        Assert.Equal("Adopté", ((Amendment)read.Item).Sort);

        Assert.Equal(0, (await SourcesHost.RunAsync(watch, "senat-amendements")).Ingest.Seen); // both 304

        // The export changes elsewhere; the list does not: it is read again with it, and the outcome stays.
        Site.Serve(Csv583, Replace(pending, [.. "\tRejet"u8, 0xE9, (byte)'\t'], [.. "\tAdopt"u8, 0xE9, (byte)'\t']), "text/csv");
        var elsewhere = await SourcesHost.RunAsync(watch, "senat-amendements");
        Assert.Empty(elsewhere.Failures);
        Assert.Equal(1, elsewhere.Ingest.Changed);
        Assert.DoesNotContain(elsewhere.Ingest.Relevant, r => r.Item.Id == amendment.Id && r.Event is not null);

        // The sitting reverses it (a second deliberation): the list alone changes, and that is an event.
        Site.Serve(Discussion583, DiscussionWith(amendment.Number, "Rejeté"), "application/json");
        var reversed = await SourcesHost.RunAsync(watch, "senat-amendements");
        Assert.Empty(reversed.Failures);
        var change = Assert.Single(reversed.Ingest.Relevant, r => r.Event is not null);
        Assert.Equal((amendment.Id, EventKind.StatusChanged, "Rejeté"), (change.Item.Id, change.Event!.Value, ((Amendment)change.Item).Sort));

        // The list then answers 404 (gone once the sitting is over, or moved) while the export changes elsewhere: the
        // outcome it gave stays, and no follower is told the amendment went back to « Déposé ».
        Site.Serve(Csv583, pending, "text/csv");
        Site.Fail(Discussion583, 404);
        var listGone = await SourcesHost.RunAsync(watch, "senat-amendements");
        Assert.Empty(listGone.Failures);
        Assert.DoesNotContain(listGone.Ingest.Relevant, r => r.Item.Id == amendment.Id && r.Event is not null);
        var stored = (Amendment?)await watch.GetRequiredService<IVersionStore>().LatestAsync(amendment.Id, CancellationToken.None);
        Assert.Equal(("Rejeté", "Rejeté"), (stored!.Sort, stored.Status));
    }

    [Fact]
    public async Task Whoever_follows_the_dossier_the_discussion_list_names_hears_of_the_text_s_amendments()
    {
        // The recorded list names its dossier « ppl16-610 »; served as text 583's, every amendment of 583 is of that dossier.
        var list = JsonNode.Parse(SenatFixtures.Bytes("ameli", "liste_discussion_610.json"))!;
        Assert.Equal("ppl16-610", (string?)list["info_generales"]!["doslegsignet"]);
        Site.Serve(Discussion583, Encoding.UTF8.GetBytes(list.ToJsonString()), "application/json");
        await using var watch = Watch();

        var run = await SourcesHost.RunAsync(watch, "senat-amendements");

        Assert.Empty(run.Failures);
        var events = (await SourcesHost.EventsAsync(watch)).Where(e => e.Event.ItemId.StartsWith("senat:2017-2018:583:")).ToList();
        Assert.Equal(434, events.Count);
        Assert.All(events, e => Assert.Contains("ppl16-610", e.Event.Followable));
        // Text 310 has no discussion list (404): its amendments name no dossier, and no other's.
        var other = global::Watch.Parsing.Senat.SenatAmendmentCsv.Read(new MemoryStream(SenatFixtures.Bytes("ameli", "jeu_complet_commission_2013-2014_310.csv")), Csv310).First();
        var stored = (Amendment?)await watch.GetRequiredService<IVersionStore>().LatestAsync(other.Id, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Null(stored.DossierSignet);
    }

    [Fact]
    public async Task The_export_s_ground_of_irrecevabilite_is_kept_over_the_list_s_shorter_label()
    {
        Site.Serve(Discussion583, DiscussionWith("COM-47 rect. quinquies", "Irrecevable"), "application/json");
        await using var watch = Watch();

        var run = await SourcesHost.RunAsync(watch, "senat-amendements");

        Assert.Empty(run.Failures);
        var com47 = (Amendment)Assert.Single(run.Ingest.Relevant, r => r.Item.Id == "senat:2017-2018:583:COM-47").Item;
        Assert.Equal(("Irrecevable art. 40 C", "Irrecevable"), (com47.State, com47.Status));
    }

    [Fact]
    public async Task A_discussion_list_that_fails_leaves_its_text_for_the_next_run()
    {
        Site.Fail(Discussion583, 500);
        await using var watch = Watch();

        var report = await SourcesHost.RunAsync(watch, "senat-amendements");

        Assert.EndsWith(Discussion583, Assert.Single(report.Failures).Input);
        Assert.Equal(127, report.Ingest.Seen); // text 310 still arrives
        Assert.Null(await watch.GetRequiredService<IHttpCacheStore>().GetAsync(new Uri(Site.BaseUrl, Csv583).AbsoluteUri, CancellationToken.None));
    }

    [Fact]
    public async Task A_text_whose_export_answers_500_is_reported_and_the_others_still_arrive()
    {
        Site.Fail(Csv583, 500);
        await using var watch = Watch();

        var report = await SourcesHost.RunAsync(watch, "senat-amendements");
        var failure = Assert.Single(report.Failures);
        Assert.EndsWith(Csv583, failure.Input);
        Assert.Contains("HTTP 500", failure.Problem);
        Assert.Equal(127, report.Ingest.Seen);
        Assert.Null(await watch.GetRequiredService<IHttpCacheStore>().GetAsync(new Uri(Site.BaseUrl, Csv583).AbsoluteUri, CancellationToken.None));
        Assert.NotNull(await watch.GetRequiredService<IHttpCacheStore>().GetAsync(new Uri(Site.BaseUrl, Csv310).AbsoluteUri, CancellationToken.None));
    }

    [Fact]
    public async Task An_export_cut_off_in_transit_gives_no_amendment_and_a_failure()
    {
        Site.CutShort(Csv583, SenatFixtures.Bytes("ameli", "jeu_complet_commission_2017-2018_583.csv"), "text/csv");
        await using var watch = Watch();

        var report = await SourcesHost.RunAsync(watch, "senat-amendements");
        var failure = Assert.Single(report.Failures);
        Assert.EndsWith(Csv583, failure.Input);
        Assert.Equal(127, report.Ingest.Seen);
    }

    [Fact]
    public async Task An_amendment_withdrawn_before_the_sitting_keeps_its_content_and_reaches_those_who_heard_of_it()
    {
        // Text 310 is not tracked: COM-3 is relevant only because its article is watched. The export first shows it
        // undecided, then as it shows every amendment withdrawn before the sitting (COM-22, COM-34 of the same
        // file): its number and that sort, every other field empty.
        await using var watch = Host.Build(new Dictionary<string, string?>
        {
            ["Sources:Senat:BaseUrl"] = Site.BaseUrl.ToString(),
            ["Watchlist:WatchedArticles:0:Key"] = ArticleRef.Key("senat:2013-2014:310", "1"),
            ["Watchlist:WatchedArticles:0:Topics:0"] = "vsa",
        });
        var recorded = SenatFixtures.Bytes("ameli", "jeu_complet_commission_2013-2014_310.csv");
        Site.Serve(Csv310, WithLine(recorded, "COM-3", line => line.Replace("\tSatisfait ou sans objet\t", "\t\t")), "text/csv");
        var filed = await SourcesHost.RunAsync(watch, "senat-amendements");
        Assert.Equal(EventKind.Created, Assert.Single(filed.Ingest.Relevant, r => r.Item.Id == "senat:2013-2014:310:COM-3").Event);

        Site.Serve(Csv310, WithLine(recorded, "COM-3", _ => "Amt\tCOM-3\t\t\t\t\t\t\t\tCet amendement est retiré avant séance\t\t"), "text/csv");
        var withdrawn = await SourcesHost.RunAsync(watch, "senat-amendements");

        Assert.Empty(withdrawn.Failures);
        var read = Assert.Single(withdrawn.Ingest.Relevant, r => r.Event is not null);
        Assert.Equal(("senat:2013-2014:310:COM-3", EventKind.StatusChanged), (read.Item.Id, read.Event!.Value));
        var amendment = (Amendment)read.Item;
        Assert.Equal(("Retiré", "M. RETAILLEAU", "1"), (amendment.Status, amendment.Authors, amendment.Article?.Number));
        Assert.StartsWith("à l'alinéa 15, remplacer les mots", amendment.Dispositif);
        var message = (await SourcesHost.EventsAsync(watch)).Last();
        Assert.Equal(read.Item.Id, message.Event.ItemId);
        Assert.Contains("COM-3 retiré", message.Summary.Headline);
    }

    /// <summary>A recorded cp1252 export with the line of amendment <paramref name="number"/> rewritten.</summary>
    private static byte[] WithLine(byte[] export, string number, Func<string, string> rewrite)
    {
        var cp1252 = Encoding.Latin1; // the same bytes as cp1252 for every character these lines hold
        var lines = cp1252.GetString(export).Split("\r\n");
        var at = Array.FindIndex(lines, l => l.StartsWith($"Amt\t{number}\t", StringComparison.Ordinal));
        Assert.True(at > 0);
        lines[at] = rewrite(lines[at]);
        return cp1252.GetBytes(string.Join("\r\n", lines));
    }

    private static byte[] Replace(byte[] source, byte[] from, byte[] to)
    {
        var at = source.AsSpan().IndexOf(from);
        Assert.True(at >= 0);
        var copy = source.ToArray();
        to.CopyTo(copy.AsSpan(at));
        return copy;
    }
}
