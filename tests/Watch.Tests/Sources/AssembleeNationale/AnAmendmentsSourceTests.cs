using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Watch.Domain;
using Watch.Tests.Parsing.AssembleeNationale;
using Watch.Versions;

namespace Watch.Tests.Sources.AssembleeNationale;

/// <summary>
/// The AN amendments source through the real Fetcher against a loopback www.assemblee-nationale.fr: the day's
/// publication list, then each amendment's <c>/dyn/opendata/{uid}.json</c>, recorded. Before its séance an amendment
/// is published without its fate, as the AN writes it (« A discuter », <c>sort</c> nil); the same file is published
/// again once it is decided.
/// </summary>
public sealed class AnAmendmentsSourceTests : LoopbackSourceTests
{
    /// <summary>n° 85 (Mme Regol): ban on facial recognition in transport; rejected.</summary>
    private const string FacialRecognitionBan = "AMANR5L17PO838901BTC0636P0D1N000085";
    /// <summary>CL1 on online child abuse: off topic.</summary>
    private const string OffTopic = "AMANR5L17PO59051B0369P0D1N000001";

    private ServiceProvider Watch() => Host.Build(new Dictionary<string, string?>
    {
        ["Sources:AssembleeNationale:BaseUrl"] = Site.BaseUrl.ToString(),
    });

    private void Announce(params string[] uids) => PublicationLists.Announce(Site, uids);

    private static string JsonPath(string uid) => $"dyn/opendata/{uid}.json";

    private static byte[] Recorded(string uid) => File.ReadAllBytes(Path.Combine(AmendmentParserTests.Dir, uid + ".json"));

    /// <summary>The recorded amendment as it was published before its séance decided it.</summary>
    private static byte[] BeforeItsSeance(string uid)
    {
        var json = JsonNode.Parse(Recorded(uid))!;
        var cycle = json["amendement"]!["cycleDeVie"]!;
        JsonNode Nil() => new JsonObject { ["@xmlns:xsi"] = "http://www.w3.org/2001/XMLSchema-instance", ["@xsi:nil"] = "true" };
        cycle["etatDesTraitements"] = new JsonObject { ["etat"] = new JsonObject { ["code"] = "AC", ["libelle"] = "A discuter" }, ["sousEtat"] = Nil() };
        cycle["dateSort"] = Nil();
        cycle["sort"] = Nil();
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    [Fact]
    public async Task A_relevant_amendment_is_fetched_again_until_its_fate_is_known_and_that_fate_is_news()
    {
        await using var watch = Watch();
        Announce(FacialRecognitionBan, OffTopic);
        Site.Serve(JsonPath(FacialRecognitionBan), BeforeItsSeance(FacialRecognitionBan), "application/json");
        Site.Serve(JsonPath(OffTopic), BeforeItsSeance(OffTopic), "application/json");

        var filed = await SourcesHost.RunAsync(watch, "an-amendements");
        Assert.Empty(filed.Failures);
        Assert.Equal(AmendmentStatus.Filed, Assert.Single(filed.Ingest.Relevant).Item.Status);

        // The next day's list no longer names them; the séance has rejected n° 85.
        Announce();
        Site.Serve(JsonPath(FacialRecognitionBan), Recorded(FacialRecognitionBan), "application/json");
        var decided = await SourcesHost.RunAsync(watch, "an-amendements");

        Assert.Empty(decided.Failures);
        Assert.Equal(2, Site.CountOf(JsonPath(FacialRecognitionBan)));
        Assert.Equal(1, Site.CountOf(JsonPath(OffTopic))); // still undecided, but its fate is not news
        var told = Assert.Single(decided.Ingest.Relevant);
        Assert.Equal(EventKind.StatusChanged, told.Event);
        Assert.Equal("Rejeté", told.Item.Status);
        var events = await SourcesHost.EventsAsync(watch);
        Assert.Equal([EventKind.Created, EventKind.StatusChanged], events.Where(e => e.Event.ItemId == FacialRecognitionBan).Select(e => e.Event.Kind));

        // Decided, it is not asked for again.
        await SourcesHost.RunAsync(watch, "an-amendements");
        Assert.Equal(2, Site.CountOf(JsonPath(FacialRecognitionBan)));
    }

    /// <summary>
    /// An HTML page answered with 200 where the day's list should be (an error or maintenance page) is not a list with
    /// nothing on it: it is reported, and its validators are not kept, so the next run asks for the list again.
    /// </summary>
    [Fact]
    public async Task A_page_served_in_place_of_the_publication_list_is_reported_and_not_marked_read()
    {
        var page = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "an", "legacy-html", "14_amendements_0996_CION_LOIS_CL4.html"));
        var list = $"dyn/opendata/list-publication/publication_{PublicationLists.Today}";
        Site.Serve(list, page, "text/html");
        await using var watch = Watch();

        var report = await SourcesHost.RunAsync(watch, "an-amendements");

        var failure = Assert.Single(report.Failures);
        Assert.EndsWith(list, failure.Input);
        Assert.Contains("not a publication list", failure.Problem);
        Assert.Null(await watch.GetRequiredService<IHttpCacheStore>().GetAsync(new Uri(Site.BaseUrl, list).AbsoluteUri, CancellationToken.None));
    }

    /// <summary>A day without publications is an empty list, not a failure.</summary>
    [Fact]
    public async Task An_empty_publication_list_is_no_failure()
    {
        Announce();
        await using var watch = Watch();

        var report = await SourcesHost.RunAsync(watch, "an-amendements");

        Assert.Empty(report.Failures);
    }

    /// <summary>
    /// A 429 asking for an hour's rest is heeded for the whole host, not per file: the next files are not asked for
    /// (each is reported, and its list left unread for the next run), instead of one refused request per file.
    /// </summary>
    [Fact]
    public async Task After_a_429_asking_for_an_hour_the_host_is_not_asked_again_in_that_hour()
    {
        string[] uids = [FacialRecognitionBan, OffTopic, "AMANR5L17PO838901BTC0636P0D1N000071", "AMANR5L17PO838901BTC0636P0D1N000080"];
        Announce(uids);
        foreach (var uid in uids) Site.Fail(JsonPath(uid), 429);
        Site.RetryAfter = "3600";
        await using var watch = Watch();

        var refusedAt = DateTimeOffset.UtcNow;
        var report = await SourcesHost.RunAsync(watch, "an-amendements");

        Assert.Equal(1, uids.Sum(uid => Site.CountOf(JsonPath(uid))));
        // Each failure carries the hour asked for, which the job's retry waits out (JitteredRetries).
        Assert.All(report.Failures, f => Assert.InRange(f.NotBefore!.Value - refusedAt, TimeSpan.FromSeconds(3595), TimeSpan.FromSeconds(3660)));
        // The 429 itself, then the three other amendments and yesterday's list, each reported without being asked for.
        Assert.Contains("HTTP 429", report.Failures[0].Problem);
        Assert.Equal(uids.Length + 1, report.Failures.Count);
        Assert.All(report.Failures.Skip(1), f => Assert.Contains("asked to be left alone until", f.Problem));

        var listsAsked = Site.Requests.Where(r => r.Key.Contains("list-publication")).Sum(r => r.Value);
        var next = await SourcesHost.RunAsync(watch, "an-amendements"); // within the hour: nothing is asked for
        Assert.Equal(0, next.Ingest.Seen);
        Assert.All(next.Failures, f => Assert.Contains("asked to be left alone until", f.Problem));
        Assert.Equal(1, uids.Sum(uid => Site.CountOf(JsonPath(uid))));
        Assert.Equal(listsAsked, Site.Requests.Where(r => r.Key.Contains("list-publication")).Sum(r => r.Value));
    }
}
