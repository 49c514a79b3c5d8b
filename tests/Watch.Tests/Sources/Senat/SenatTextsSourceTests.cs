using Watch.Parsing.Senat;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Watch.Domain;
using Watch.Summaries;
using Watch.Sources.Senat;
using Watch.Tests.Parsing.Senat;
using Watch.Versions;

namespace Watch.Tests.Sources.Senat;

/// <summary>
/// The Sénat texts source through the real Fetcher against a loopback www.senat.fr serving the recorded
/// Akoma Ntoso file tas24-021.akn.xml. No recorded index exists, so the index is written in the structure
/// that public reusers of depots.xml document and parse (&lt;texts&gt;&lt;text&gt;&lt;url/&gt;&lt;lastModified/&gt;
/// &lt;lastModifiedDateTime/&gt;), pointing at the real file's official address.
/// </summary>
public sealed class SenatTextsSourceTests : LoopbackSourceTests
{
    private const string AknPath = "akomantoso/tas24-021.akn.xml";

    private ServiceProvider Watch() => Host.Build(new Dictionary<string, string?>
    {
        ["Sources:Senat:BaseUrl"] = Site.BaseUrl.ToString(),
        ["Watchlist:Tracked:0"] = "ppl23-756", // the dossier of tas24-021: its texts are followed whatever their words
    });

    internal static byte[] Index(params (string Name, DateTime ParisTime)[] texts) => Encoding.UTF8.GetBytes(
        "<?xml version='1.0' encoding='UTF-8' ?>\n<texts xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n" +
        string.Concat(texts.Select(t =>
            $"  <text>\n    <url>https://www.senat.fr/akomantoso/{t.Name}.akn.xml</url>\n" +
            $"    <lastModified>{t.ParisTime.ToString("ddd MMM dd HH:mm:ss 'CET' yyyy", System.Globalization.CultureInfo.InvariantCulture)}</lastModified>\n" +
            $"    <lastModifiedDateTime>{t.ParisTime:yyyy-MM-dd'T'HH:mm:ss}</lastModifiedDateTime>\n  </text>\n")) +
        "</texts>\n");

    private static DateTime Recent(int hoursAgo) => DateTime.UtcNow.AddHours(1 - hoursAgo).AddTicks(-(DateTime.UtcNow.Ticks % TimeSpan.TicksPerSecond));

    [Fact]
    public async Task A_listed_text_is_read_once_a_change_is_an_event_a_304_is_nothing()
    {
        var real = SenatFixtures.Bytes("akn", "tas24-021.akn.xml");
        Site.Serve("akomantoso/depots.xml", Index(), "text/xml");
        Site.Serve("akomantoso/adoptions.xml", Index(("tas24-021", Recent(30))), "text/xml");
        Site.Serve(AknPath, real, "text/xml");
        await using var watch = Watch();

        var first = await SourcesHost.RunAsync(watch, "senat-textes");
        Assert.Empty(first.Failures);
        Assert.Equal(1, first.Ingest.Seen);
        var text = Assert.IsType<LegislativeText>(Assert.Single(first.Ingest.Relevant).Item);
        Assert.Equal("senat:texte:tas24-021", text.Id);
        Assert.Equal("ppl23-756", text.DossierSignet);
        Assert.Equal("https://www.senat.fr/dossier-legislatif/ppl23-756.html", text.Url);
        Assert.Equal("http://www.assemblee-nationale.fr/17/dossiers/DLR5L17N50351.asp", text.AssembleeUrl);
        Assert.Equal("adopté par le Sénat", text.Stage);
        Assert.Equal(new DateOnly(2024, 11, 5), text.StageDate);
        Assert.StartsWith("Individus condamnés pour des infractions sexuelles", text.ShortTitle);
        Assert.NotEmpty(text.Articles);
        Assert.Equal(EventKind.Created, Assert.Single(await SourcesHost.EventsAsync(watch)).Event.Kind);

        // Same index (304), same line: nothing is fetched again, nothing happens.
        var second = await SourcesHost.RunAsync(watch, "senat-textes");
        Assert.Empty(second.Failures);
        Assert.Equal(0, second.Ingest.Seen);
        Assert.Equal(1, Site.CountOf(AknPath));

        // The Sénat republishes the text with one article changed, and its index line moves.
        var changed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(real).Replace("ou pour une infraction mentionnée au titre", "ou pour un délit mentionné au titre"));
        Assert.NotEqual(real, changed);
        Site.Serve(AknPath, changed, "text/xml");
        Site.Serve("akomantoso/adoptions.xml", Index(("tas24-021", Recent(2))), "text/xml");
        var third = await SourcesHost.RunAsync(watch, "senat-textes");
        Assert.Empty(third.Failures);
        Assert.Equal(1, third.Ingest.Changed);
        var events = await SourcesHost.EventsAsync(watch);
        Assert.Equal([EventKind.Created, EventKind.ContentChanged], events.Select(e => e.Event.Kind));
        var message = TextMessages.Write((LegislativeText)third.Ingest.Relevant[0].Item, EventKind.ContentChanged, "adopté par le Sénat", third.Ingest.Relevant[0].Relevance);
        Assert.StartsWith("✏️ Sénat — nouvelle version du texte « Individus condamnés", message.Headline);
        Assert.Equal("https://www.senat.fr/dossier-legislatif/ppl23-756.html", message.Url);
        // The dossier it follows, by its bill, as the Sénat prints it: its page is not stored, so its title is not known.
        Assert.Contains("<i>Pourquoi :</i> suivi : dossier de la proposition de loi n° 756 (2023-2024) du Sénat, « fichier judiciaire » (texte)\n", message.Html);
    }

    [Fact]
    public async Task An_index_gone_is_reported_not_read_as_nothing_new()
    {
        Site.Serve("akomantoso/depots.xml", Index(("tas24-021", Recent(5))), "text/xml");
        Site.Serve(AknPath, SenatFixtures.Bytes("akn", "tas24-021.akn.xml"), "text/xml");
        // adoptions.xml is not served: the loopback site answers 404, as the Sénat would for a moved index.
        await using var watch = Watch();

        var texts = await SourcesHost.RunAsync(watch, "senat-textes");
        var amendments = await SourcesHost.RunAsync(watch, "senat-amendements");

        Assert.Equal(1, texts.Ingest.Seen);
        var gone = Assert.Single(texts.Failures);
        Assert.EndsWith("/akomantoso/adoptions.xml", gone.Input);
        Assert.Contains("404", gone.Problem);
        Site.Fail("akomantoso/depots.xml", 404);
        var discovery = await SourcesHost.RunAsync(watch, "senat-amendements");
        Assert.DoesNotContain(amendments.Failures, f => f.Input.EndsWith("/akomantoso/depots.xml"));
        Assert.Contains(discovery.Failures, f => f.Input.EndsWith("/akomantoso/depots.xml") && f.Problem.Contains("404"));
    }

    [Fact]
    public async Task A_500_is_reported_nothing_is_marked_read_and_the_next_run_retries()
    {
        Site.Serve("akomantoso/depots.xml", Index(("tas24-021", Recent(5))), "text/xml");
        Site.Fail("akomantoso/adoptions.xml", 500);
        Site.Fail(AknPath, 500);
        await using var watch = Watch();

        var failed = await SourcesHost.RunAsync(watch, "senat-textes");
        Assert.Equal(0, failed.Ingest.Seen);
        Assert.Contains(failed.Failures, f => f.Input.EndsWith("/adoptions.xml") && f.Problem.Contains("HTTP 500"));
        Assert.Contains(failed.Failures, f => f.Input.EndsWith(AknPath) && f.Problem.Contains("HTTP 500"));
        var cache = watch.GetRequiredService<IHttpCacheStore>();
        Assert.Null(await cache.GetAsync(new Uri(Site.BaseUrl, "akomantoso/depots.xml").AbsoluteUri, CancellationToken.None));
        Assert.Null(await cache.GetAsync(new Uri(Site.BaseUrl, AknPath).AbsoluteUri, CancellationToken.None));

        // The server recovers: the same index is read again (it was not marked) and the text arrives.
        Site.Serve(AknPath, SenatFixtures.Bytes("akn", "tas24-021.akn.xml"), "text/xml");
        Site.Serve("akomantoso/adoptions.xml", Index(), "text/xml");
        var recovered = await SourcesHost.RunAsync(watch, "senat-textes");
        Assert.Empty(recovered.Failures);
        Assert.Equal(1, recovered.Ingest.Seen);
    }

    [Fact]
    public async Task A_text_cut_off_in_transit_is_a_failure_stores_nothing_and_is_read_whole_next_run()
    {
        var real = SenatFixtures.Bytes("akn", "tas24-021.akn.xml");
        Site.Serve("akomantoso/depots.xml", Index(), "text/xml");
        Site.Serve("akomantoso/adoptions.xml", Index(("tas24-021", Recent(5))), "text/xml");
        Site.CutShort(AknPath, real, "text/xml");
        await using var watch = Watch();

        var cut = await SourcesHost.RunAsync(watch, "senat-textes");
        Assert.EndsWith(AknPath, Assert.Single(cut.Failures).Input);
        Assert.Equal(0, cut.Ingest.Seen);
        Assert.Empty(await SourcesHost.EventsAsync(watch));

        Site.Serve(AknPath, real, "text/xml");
        var whole = await SourcesHost.RunAsync(watch, "senat-textes");
        Assert.Empty(whole.Failures);
        Assert.Equal("senat:texte:tas24-021", Assert.Single(whole.Ingest.Relevant).Item.Id);
    }

    [Fact]
    public async Task An_HTML_page_served_for_a_text_is_a_clear_failure()
    {
        Site.Serve("akomantoso/depots.xml", Index(("tas24-021", Recent(5))), "text/xml");
        Site.Serve("akomantoso/adoptions.xml", Index(), "text/xml");
        Site.Serve(AknPath, SenatFixtures.Bytes("textes-recents.html"), "text/html");
        await using var watch = Watch();

        var report = await SourcesHost.RunAsync(watch, "senat-textes");
        var failure = Assert.Single(report.Failures);
        Assert.Contains("HTML page", failure.Problem);
        Assert.Equal(0, report.Ingest.Seen);
    }

    [Fact]
    public void The_index_reads_urls_names_and_Paris_times()
    {
        var entries = SenatAknIndex.Parse(Index(("ppl25-170", new DateTime(2025, 12, 2, 11, 56, 58))), "depots.xml");
        var entry = Assert.Single(entries);
        Assert.Equal("ppl25-170", entry.Name);
        Assert.Equal("https://www.senat.fr/akomantoso/ppl25-170.akn.xml", entry.Url.AbsoluteUri);
        Assert.Equal("2025-12-02T11:56:58", entry.RawLastModified);
        Assert.Equal(new DateTimeOffset(2025, 12, 2, 11, 56, 58, TimeSpan.FromHours(1)), entry.LastModified);
        Assert.True(SenatTextNumber.TryParse("pjl22-220", out var bill));
        Assert.Equal(new SenatTextNumber("2022-2023", "220"), bill);
        Assert.False(SenatTextNumber.TryParse("tas24-021", out _));
    }

    [Fact]
    public void An_index_with_a_DTD_is_refused()
    {
        var xml = Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE texts [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><texts><text><url>&x;</url></text></texts>");
        var e = Assert.Throws<Watch.Parsing.ParseException>(() => SenatAknIndex.Parse(xml, "depots.xml"));
        Assert.Contains("DTD", e.Message);
    }
}
