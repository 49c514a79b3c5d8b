using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Watch.Domain;
using Watch.Versions;
using static Watch.Tests.Parsing.Texts.TextFixtures;

namespace Watch.Tests.Sources.AssembleeNationale;

/// <summary>
/// The AN texts source through the real Fetcher against a loopback www.assemblee-nationale.fr serving the
/// recorded page PRJLANR5L17BTC3046.html at <c>/dyn/opendata/</c>. The day's publication list is written as
/// the amendments source reads it (<c>date;URL</c> lines pointing at each file's XML).
/// </summary>
public sealed class AnTextsSourceTests : LoopbackSourceTests
{
    private const string Uid = "PRJLANR5L17BTC3046";
    private const string PagePath = $"dyn/opendata/{Uid}.html";

    private ServiceProvider Watch(params string[] tracked) => Watch(60, tracked);

    private ServiceProvider Watch(int maxTextsPerRun, params string[] tracked)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sources:AssembleeNationale:BaseUrl"] = Site.BaseUrl.ToString(),
            ["Sources:AssembleeNationale:MaxTextsPerRun"] = maxTextsPerRun.ToString(),
        };
        for (var i = 0; i < tracked.Length; i++) settings[$"Watchlist:Tracked:{i}"] = tracked[i];
        return Host.Build(settings);
    }

    /// <summary>Today's list announcing the text and, as on the real lists, an amendment this source leaves alone.</summary>
    private void Announce(params string[] uids) => PublicationLists.Announce(Site, [.. uids, "AMANR5L17PO59051B0134P0D1N000001"]);

    private static byte[] Page() => File.ReadAllBytes(PathOf(Prjlan3046));

    [Fact]
    public async Task An_announced_text_is_read_once_a_new_version_is_told_by_its_diff_a_304_is_nothing()
    {
        Announce(Uid);
        Site.Serve(PagePath, Page(), "text/html; charset=utf-8");
        await using var watch = Watch(tracked: Uid);

        var first = await SourcesHost.RunAsync(watch, "an-textes");
        Assert.Empty(first.Failures);
        var text = Assert.IsType<LegislativeText>(Assert.Single(first.Ingest.Relevant).Item);
        Assert.Equal("an:texte:" + Uid, text.Id);
        Assert.Equal(5, text.Articles.Count);
        Assert.Equal(0, Site.CountOf($"dyn/opendata/AMANR5L17PO59051B0134P0D1N000001.json"));
        var created = Assert.Single(await SourcesHost.EventsAsync(watch));
        Assert.Equal(EventKind.Created, created.Event.Kind);
        Assert.StartsWith("📄 Assemblée nationale — Projet de loi sur la justice criminelle", created.Summary.Headline);

        // Same page: the conditional GET earns a 304 and nothing happens.
        var second = await SourcesHost.RunAsync(watch, "an-textes");
        Assert.Empty(second.Failures);
        Assert.Equal(0, second.Ingest.Seen);
        Assert.Equal(2, Site.CountOf(PagePath));

        // A corrected version: one deadline in article 1er moves.
        var page = Encoding.UTF8.GetString(Page());
        const string FirstAlinea = "I. – Le code de procédure pénale est ainsi modifié :";
        var at = page.IndexOf(FirstAlinea, StringComparison.Ordinal);
        Assert.True(at > 0);
        var changed = page[..at] + "I. – Le code de procédure pénale est ainsi modifié à compter du 1er mars 2027 :" + page[(at + FirstAlinea.Length)..];
        Site.Serve(PagePath, Encoding.UTF8.GetBytes(changed), "text/html; charset=utf-8");
        var third = await SourcesHost.RunAsync(watch, "an-textes");
        Assert.Empty(third.Failures);
        Assert.Equal(1, third.Ingest.Changed);
        var events = await SourcesHost.EventsAsync(watch);
        Assert.Equal([EventKind.Created, EventKind.ContentChanged], events.Select(e => e.Event.Kind));
        Assert.Contains("Article 1er", events[1].Summary.Html);
        Assert.Contains("nouvelle version (Articles : 1 modifié)", events[1].Summary.Headline);
        Assert.Contains("✏️ Article 1er : modifié (1 modification)\n   I : ajouté : « à compter du 1er mars 2027 »", events[1].Summary.Html);
    }

    [Fact]
    public async Task An_untracked_new_text_is_read_and_kept_without_a_message_when_off_topic()
    {
        Announce(Uid);
        Site.Serve(PagePath, Page(), "text/html; charset=utf-8");
        await using var watch = Watch();

        var run = await SourcesHost.RunAsync(watch, "an-textes");

        Assert.Empty(run.Failures);
        Assert.Equal(1, run.Ingest.Seen);
        Assert.Empty(run.Ingest.Relevant); // criminal justice, not surveillance
        Assert.Empty(await SourcesHost.EventsAsync(watch));
        Assert.NotNull(await watch.GetRequiredService<IVersionStore>().LatestAsync("an:texte:" + Uid, CancellationToken.None));
    }

    [Fact]
    public async Task Followed_texts_are_rechecked_a_404_waits_a_500_fails_and_is_retried()
    {
        await using var watch = Watch();
        // An amendment found relevant earlier made its text worth following.
        // Its article 8 is watched too (the watchlist names it, or it was carried over from the text before).
        WatchedKey[] watched = [new("PIONANR5L17B0134", ["cameras"]), new("PIONANR5L17B0134#8", ["cameras"]), new(Uid, ["vsa"])];
        await watch.GetRequiredService<IVersionStore>().CommitAsync([], [], watched, [], CancellationToken.None);
        Site.Fail(PagePath, 500);

        var failed = await SourcesHost.RunAsync(watch, "an-textes");

        Assert.Equal(1, Site.CountOf("dyn/opendata/PIONANR5L17B0134.html")); // not online yet: 404, not a failure
        Assert.Equal(0, Site.CountOf("dyn/opendata/PIONANR5L17B0134")); // an article's key is not a page of its own
        var failure = Assert.Single(failed.Failures);
        Assert.EndsWith(PagePath, failure.Input);
        Assert.Contains("HTTP 500", failure.Problem);
        Assert.Null(await watch.GetRequiredService<IHttpCacheStore>().GetAsync(new Uri(Site.BaseUrl, PagePath).AbsoluteUri, CancellationToken.None));

        Site.Serve(PagePath, Page(), "text/html; charset=utf-8");
        var recovered = await SourcesHost.RunAsync(watch, "an-textes");
        Assert.Empty(recovered.Failures);
        var text = Assert.Single(recovered.Ingest.Relevant);
        Assert.Contains("suivi : " + Uid, text.Relevance.Explain(max: 3));
    }

    [Fact]
    public async Task Over_budget_texts_never_read_go_first()
    {
        const string Other = "PIONANR5L17B0134";
        Site.Serve(PagePath, Page(), "text/html; charset=utf-8");
        Site.Serve($"dyn/opendata/{Other}.html", Page(), "text/html; charset=utf-8");
        await using var watch = Watch(maxTextsPerRun: 1, tracked: Uid);

        Announce(Uid);
        await SourcesHost.RunAsync(watch, "an-textes");
        Assert.Equal(1, Site.CountOf(PagePath));

        // The list names both again, the one already read first: the new one still takes the only place.
        Announce(Uid, Other);
        var next = await SourcesHost.RunAsync(watch, "an-textes");
        Assert.Empty(next.Failures);
        Assert.Equal(1, Site.CountOf(PagePath));
        Assert.Equal(1, Site.CountOf($"dyn/opendata/{Other}.html"));

        // Both read: one of them is checked again, in turn.
        await SourcesHost.RunAsync(watch, "an-textes");
        Assert.Equal(3, Site.CountOf(PagePath) + Site.CountOf($"dyn/opendata/{Other}.html"));
    }

    [Fact]
    public async Task A_cut_off_page_is_a_failure_and_stores_nothing()
    {
        Announce(Uid);
        Site.CutShort(PagePath, Page(), "text/html; charset=utf-8");
        await using var watch = Watch(tracked: Uid);

        var run = await SourcesHost.RunAsync(watch, "an-textes");

        Assert.Equal(0, run.Ingest.Seen);
        Assert.Contains(run.Failures, f => f.Input.EndsWith(PagePath));
        Assert.Null(await watch.GetRequiredService<IVersionStore>().LatestAsync("an:texte:" + Uid, CancellationToken.None));
    }
}
