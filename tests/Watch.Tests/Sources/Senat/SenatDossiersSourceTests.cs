using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Watch.Domain;
using Watch.Summaries;
using Watch.Tests.Parsing.Senat;
using Watch.Versions;

namespace Watch.Tests.Sources.Senat;

/// <summary>
/// The Sénat dossiers source through the real Fetcher against a loopback www.senat.fr serving the recorded
/// dossier pages (SILT pjl16-587, drones ppl15-504) and the recorded "textes récents" page.
/// </summary>
public sealed class SenatDossiersSourceTests : LoopbackSourceTests
{
    private const string Silt = "dossier-legislatif/pjl16-587.html";
    private const string Drones = "dossier-legislatif/ppl15-504.html";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Site.Serve(Silt, SenatFixtures.Bytes("dossiers-html", "dossier-legislatif-pjl16-587.html"), "text/html");
        Site.Serve(Drones, SenatFixtures.Bytes("dossiers-html", "dossier-legislatif-ppl15-504.html"), "text/html");
    }

    private ServiceProvider Watch(params (string, string?)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sources:Senat:BaseUrl"] = Site.BaseUrl.ToString(),
            ["Sources:Senat:Dossiers:0"] = "pjl16-587",
            ["Sources:Senat:Dossiers:1"] = "ppl15-504",
            ["Sources:Senat:RecentTextsPath"] = "",
            ["Watchlist:Tracked:0"] = "pjl16-587",
        };
        foreach (var (k, v) in more) settings[k] = v;
        return Host.Build(settings);
    }

    [Fact]
    public async Task Configured_dossiers_are_read_a_304_is_nothing_a_new_document_is_an_event()
    {
        await using var watch = Watch();

        var first = await SourcesHost.RunAsync(watch, "senat-dossiers");
        Assert.Empty(first.Failures);
        Assert.Equal(2, first.Ingest.Seen);
        var silt = Assert.IsType<SenatDossier>(first.Ingest.Relevant.Single(r => r.Item.Id == "senat:dossier:pjl16-587").Item);
        Assert.Equal("Sécurité intérieure et lutte contre le terrorisme", silt.Name);

        var second = await SourcesHost.RunAsync(watch, "senat-dossiers");
        Assert.Empty(second.Failures);
        Assert.Equal(0, second.Ingest.Seen);

        // The page gains a document in its last completed step: the same page with one more list item.
        var html = Encoding.UTF8.GetString(SenatFixtures.Bytes("dossiers-html", "dossier-legislatif-pjl16-587.html"));
        // The last step block of the timeline (#timeline-5) gets one more document.
        var block = html.LastIndexOf("id=\"timeline-", StringComparison.Ordinal);
        var itemEnd = html.IndexOf("</li>", block, StringComparison.Ordinal) + "</li>".Length;
        Site.Serve(Silt, Encoding.UTF8.GetBytes(html.Insert(itemEnd, "<li>Décision du Conseil constitutionnel ajoutée pour ce test</li>")), "text/html");

        var third = await SourcesHost.RunAsync(watch, "senat-dossiers");
        Assert.Empty(third.Failures);
        Assert.Equal(1, third.Ingest.Changed);
        var events = await SourcesHost.EventsAsync(watch);
        Assert.Equal(EventKind.ContentChanged, events[^1].Event.Kind);
        var changed = Assert.Single(third.Ingest.Relevant);
        var message = SenatMessages.Write((SenatDossier)changed.Item, EventKind.ContentChanged, null, changed.Relevance);
        Assert.Equal("🆕 Du nouveau au dossier « Sécurité intérieure et lutte contre le terrorisme » (Sénat)", message.Headline);
        Assert.Contains(((SenatDossier)changed.Item).Steps.SelectMany(st => st.Documents), d => d.Text == "Décision du Conseil constitutionnel ajoutée pour ce test");
        Assert.Contains("<i>Dernier document :</i>", message.Html);
    }

    [Fact]
    public async Task A_dossier_followed_because_a_relevant_item_named_it_is_read_without_being_configured()
    {
        await using var watch = Watch(("Sources:Senat:Dossiers:0", null), ("Sources:Senat:Dossiers:1", null));
        var store = watch.GetRequiredService<IVersionStore>();
        Assert.Equal(0, (await SourcesHost.RunAsync(watch, "senat-dossiers")).Ingest.Seen);

        // What the pipeline records when a relevant AN dossier names its Sénat counterpart (senatChemin).
        await store.CommitAsync([], [], [new WatchedKey(SenatDossier.IdOf("ppl15-504"), ["drones"])], [], CancellationToken.None);
        var report = await SourcesHost.RunAsync(watch, "senat-dossiers");

        Assert.Empty(report.Failures);
        Assert.Equal("senat:dossier:ppl15-504", Assert.Single(report.Ingest.Relevant).Item.Id);
        Assert.Equal(1, report.Ingest.Seen);
        // Polled every run from now on, at the cost of a 304 while it does not move.
        var again = await SourcesHost.RunAsync(watch, "senat-dossiers");
        Assert.Empty(again.Failures);
        Assert.Equal(0, again.Ingest.Seen);
    }

    [Fact]
    public async Task A_dossier_page_cut_off_in_transit_is_a_failure_and_is_read_whole_next_run()
    {
        Site.CutShort(Silt, SenatFixtures.Bytes("dossiers-html", "dossier-legislatif-pjl16-587.html"), "text/html");
        await using var watch = Watch();

        var cut = await SourcesHost.RunAsync(watch, "senat-dossiers");
        Assert.EndsWith(Silt, Assert.Single(cut.Failures).Input);
        Assert.Equal(["senat:dossier:ppl15-504"], cut.Ingest.Relevant.Select(r => r.Item.Id)); // the other page still arrives
        Assert.Null(await watch.GetRequiredService<IHttpCacheStore>().GetAsync(new Uri(Site.BaseUrl, Silt).AbsoluteUri, CancellationToken.None));

        Site.Serve(Silt, SenatFixtures.Bytes("dossiers-html", "dossier-legislatif-pjl16-587.html"), "text/html");
        var whole = await SourcesHost.RunAsync(watch, "senat-dossiers");
        Assert.Empty(whole.Failures);
        Assert.Contains(whole.Ingest.Relevant, r => r.Item.Id == "senat:dossier:pjl16-587");
    }

    [Fact]
    public async Task A_dossier_page_answering_500_is_reported_and_the_other_still_arrives()
    {
        Site.Fail(Drones, 500);
        await using var watch = Watch();

        var report = await SourcesHost.RunAsync(watch, "senat-dossiers");
        var failure = Assert.Single(report.Failures);
        Assert.EndsWith(Drones, failure.Input);
        Assert.Contains("HTTP 500", failure.Problem);
        Assert.Equal(1, report.Ingest.Seen);
        Assert.Null(await watch.GetRequiredService<IHttpCacheStore>().GetAsync(new Uri(Site.BaseUrl, Drones).AbsoluteUri, CancellationToken.None));
    }

    [Fact]
    public async Task The_recent_texts_page_gives_the_dossiers_to_read_in_its_order_and_the_budget_moves_on()
    {
        Site.Serve("dossiers-legislatifs/textes-recents.html", SenatFixtures.Bytes("textes-recents.html"), "text/html");
        await using var watch = Watch(("Sources:Senat:RecentTextsPath", "dossiers-legislatifs/textes-recents.html"),
            ("Sources:Senat:Dossiers:0", null), ("Sources:Senat:Dossiers:1", null), ("Sources:Senat:MaxDossiersPerRun", "3"));
        // The recorded page lists 308 dossiers. The first six are online (each served a recorded dossier page here).
        var recent = global::Watch.Parsing.Senat.SenatRecentTextsParser.Parse(SenatFixtures.Open("textes-recents.html"), "textes-recents.html");
        var pages = recent.Select(r => r.Signet).Distinct().Select(s => $"dossier-legislatif/{s}.html").ToList();
        foreach (var page in pages.Take(6)) Site.Serve(page, SenatFixtures.Bytes("dossiers-html", "dossier-legislatif-pjl16-587.html"), "text/html");
        int[] Asked() => pages.Take(9).Select(p => Site.CountOf(p)).ToArray();

        var first = await SourcesHost.RunAsync(watch, "senat-dossiers");
        Assert.Empty(first.Failures);
        Assert.Equal([1, 1, 1, 0, 0, 0, 0, 0, 0], Asked());
        var pageMark = new Uri(Site.BaseUrl, "dossiers-legislatifs/textes-recents.html").AbsoluteUri;
        Assert.Null(await watch.GetRequiredService<IHttpCacheStore>().GetAsync(pageMark, CancellationToken.None)); // the rest is still due

        // The next runs go on down the page: what was read is not asked for again until its lines change.
        await SourcesHost.RunAsync(watch, "senat-dossiers");
        Assert.Equal([1, 1, 1, 1, 1, 1, 0, 0, 0], Asked());
        var third = await SourcesHost.RunAsync(watch, "senat-dossiers");
        Assert.Equal([1, 1, 1, 1, 1, 1, 1, 1, 1], Asked());
        Assert.Equal(pages.Skip(6).Take(3), third.Failures.Select(f => f.Input[Site.BaseUrl.AbsoluteUri.Length..])); // not online: 404
    }
}
