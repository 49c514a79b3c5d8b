using AngleSharp.Html.Parser;
using Microsoft.Extensions.Options;
using Watch.Delivery.Email;
using Watch.Domain;
using Watch.Parsing.AssembleeNationale;
using Watch.Relevance;
using Watch.Summaries;
using Watch.Versions;

namespace Watch.Tests.Delivery.Email;

public sealed class DigestRendererTests
{
    private static readonly string Recorded = Path.Combine(AppContext.BaseDirectory, "replay", "an", "amendements");

    private static readonly Dictionary<string, string> NoTitles = [];

    private static readonly DigestRenderer Renderer = new(Options.Create(new WatchlistOptions
    {
        Topics = [new TopicOptions { Id = "vsa", Label = "Vidéosurveillance algorithmique" }],
    }));

    [Theory]
    [InlineData("2026-11-17", "2026-11-23", "du 17 au 23 novembre 2026")]
    [InlineData("2026-11-28", "2026-12-04", "du 28 novembre au 4 décembre 2026")]
    [InlineData("2026-12-29", "2027-01-04", "du 29 décembre 2026 au 4 janvier 2027")]
    [InlineData("2026-07-01", "2026-07-07", "du 1er au 7 juillet 2026")]
    [InlineData("2026-08-01", "2026-08-01", "le 1er août 2026")]
    public void Periods_are_written_in_French(string from, string to, string expected) =>
        Assert.Equal(expected, DigestRenderer.Period(DateOnly.Parse(from), DateOnly.Parse(to)));

    [Fact]
    public void The_subject_counts_the_events_of_the_period()
    {
        var (from, to) = (new DateOnly(2026, 11, 17), new DateOnly(2026, 11, 23));
        Assert.Equal("Watch — veille surveillance : 12 événements du 17 au 23 novembre 2026", DigestRenderer.Subject(12, from, to));
        Assert.Equal("Watch — veille surveillance : 1 événement du 17 au 23 novembre 2026", DigestRenderer.Subject(1, from, to));
    }

    [Fact]
    public void Real_amendments_are_grouped_by_the_text_they_amend_in_order_of_first_event()
    {
        var events = new[]
        {
            Event(1, "AMANR5L17PO838901BTC0636P0D1N000085"),
            Event(2, "AMANR5L17PO59051B0134P0D1N000048"),
            Event(3, "AMANR5L17PO838901BTC0636P0D1N000071"),
        };

        var groups = DigestRenderer.Group(events, NoTitles);

        Assert.Equal(["PIONANR5L17BTC0636", "PIONANR5L17B0134"], groups.Select(g => g.Key));
        Assert.Equal(["Texte de la commission n° 636 (PIONANR5L17BTC0636)", "Proposition de loi n° 134 (PIONANR5L17B0134)"], groups.Select(g => g.Label));
        Assert.Equal([1L, 3L], groups[0].Events.Select(e => e.Event.Id));
    }

    [Fact]
    public void A_dossier_key_wins_over_the_text_and_an_event_without_either_goes_under_Autres_last()
    {
        var inDossier = Event(1, "AMANR5L17PO838901BTC0636P0D1N000085") is var e1
            ? e1 with { Event = e1.Event with { Keys = [.. e1.Event.Keys, "DLR5L17N50633"] } } : null!;
        var alone = Event(2, "AMANR5L17PO838901BTC1043P0D1N000346") is var e2 ? e2 with { Event = e2.Event with { Keys = [e2.Event.ItemId] } } : null!;
        var plain = Event(3, "AMANR5L17PO838901BTC1043P0D1N000412");

        var groups = DigestRenderer.Group([alone, inDossier, plain], NoTitles);

        Assert.Equal(["DLR5L17N50633", "PIONANR5L17BTC1043", DigestRenderer.Others], groups.Select(g => g.Key));
        Assert.Equal("Dossier législatif DLR5L17N50633 (Assemblée nationale)", groups[0].Label);

        // Its title known, the dossier is named by it.
        var titled = DigestRenderer.Group([alone, inDossier, plain], new Dictionary<string, string> { ["DLR5L17N50633"] = "Sortir la France du piège du narcotrafic" });
        Assert.Equal("Sortir la France du piège du narcotrafic (dossier législatif, Assemblée nationale)", titled[0].Label);
    }

    [Fact]
    public void A_text_the_senat_adopted_goes_under_its_dossier_not_a_dossier_named_after_the_text()
    {
        var adopted = Assert.IsType<LegislativeText>(Assert.Single(Watch.Parsing.ItemFiles.Parse(
            Watch.Tests.Parsing.Senat.SenatFixtures.Bytes("akn", "tas24-021.akn.xml"), "tas24-021.akn.xml")));
        var stored = new StoredEvent(new WatchEvent(1, adopted.Id, ItemKind.Text, EventKind.Created, DateTimeOffset.UtcNow, ["vsa"], "", null,
            adopted.TrackingKeys.ToList()), new EventSummarizer().Summarize(adopted, EventKind.Created, null, new RelevanceResult(true, 1, ["vsa"], [])));

        var group = Assert.Single(DigestRenderer.Group([stored], new Dictionary<string, string> { ["ppl23-756"] = "Individus condamnés pour des faits de terrorisme" }));

        Assert.Equal("ppl23-756", group.Key);
        Assert.Equal("Individus condamnés pour des faits de terrorisme (dossier législatif, Sénat)", group.Label);
    }

    /// <summary>The event of an amendment filed, as the pipeline stores it: its keys, and its summary as the message says it.</summary>
    private static StoredEvent Filed(Amendment amendment) =>
        new(new WatchEvent(1, amendment.Id, ItemKind.Amendment, EventKind.Created, DateTimeOffset.UtcNow, ["vsa"], "", null, amendment.TrackingKeys.ToList()),
            new EventSummarizer().Summarize(amendment, EventKind.Created, null, new RelevanceResult(true, 1, ["vsa"], [])));

    /// <summary>A Sénat amendment whose text no dossier places yet goes under that text, named as its message names it.</summary>
    [Fact]
    public void A_senat_amendment_outside_any_known_dossier_goes_under_its_text_named_for_readers()
    {
        const string file = "jeu_complet_commission_2017-2018_583.csv";
        using var csv = Watch.Tests.Parsing.Senat.SenatFixtures.Open("ameli", file);
        var stored = Filed(Watch.Parsing.Senat.SenatAmendmentCsv.Read(csv, file).First(a => a.Number == "COM-43"));

        var group = Assert.Single(DigestRenderer.Group([stored], NoTitles));

        Assert.Equal("senat:2017-2018:583", group.Key);
        Assert.Equal("Texte n° 583 (2017-2018) du Sénat", group.Label);
        Assert.Contains("(texte n° 583 (2017-2018))", stored.Summary.Headline);
    }

    /// <summary>An amendment from before the open data (eliasse) goes under its text, named as its message names it.</summary>
    [Fact]
    public void An_amendment_from_before_the_open_data_goes_under_its_text_named_for_readers()
    {
        var file = Watch.Tests.Sources.AssembleeNationale.Recorded.Fixtures("eliasse", "4072-AN-135.xml");
        var stored = Filed(Assert.IsType<Amendment>(Assert.Single(Watch.Parsing.ItemFiles.Parse(File.ReadAllBytes(file), file))));

        var group = Assert.Single(DigestRenderer.Group([stored], NoTitles));

        Assert.Equal("an:14:4072", group.Key);
        Assert.Equal("Texte n° 4072 (14e législature) (an:14:4072)", group.Label);
        Assert.Contains("(texte n° 4072 (14e législature))", stored.Summary.Headline);
    }

    [Fact]
    public void Both_parts_say_the_same_and_stored_text_cannot_inject_markup()
    {
        var real = Event(7, "AMANR5L17PO838901BTC0636P0D1N000085");
        var hostile = real with { Summary = real.Summary with { Headline = "<script>alert('x')</script> & co", PlainText = "<script>alert('x')</script> & co\n<img src=x onerror=alert(1)>\n" + real.Summary.Url } };
        var unsubscribe = new Uri("https://veille.example.org/desabonnement?token=abc_DEF-123");

        var mail = Renderer.Digest([real, hostile], new DateOnly(2026, 11, 17), new DateOnly(2026, 11, 23), ["vsa", "PIONANR5L17BTC0636"], unsubscribe, NoTitles);

        var html = new HtmlParser().ParseDocument(mail.Html);
        Assert.Empty(html.QuerySelectorAll("script, img"));
        Assert.Contains("<script>alert('x')</script> & co", html.Body!.TextContent);
        Assert.Contains("<script>alert('x')</script> & co", mail.Text);
        Assert.Contains(real.Summary.Headline, mail.Text);
        Assert.Contains(real.Summary.Headline, html.Body.TextContent);
        Assert.Contains("sur les sujets que vous suivez : Vidéosurveillance algorithmique ; PIONANR5L17BTC0636.", mail.Text);
        Assert.Equal(unsubscribe.AbsoluteUri, html.QuerySelectorAll("a").Last().GetAttribute("href"));
        Assert.EndsWith($"Se désabonner : {unsubscribe.AbsoluteUri}\n", mail.Text);
        // The summary's lines (author, outcome, why) are kept, its link is shown once.
        Assert.Contains("Auteur : Mme Regol et 36 cosignataires", mail.Text);
        Assert.Equal(2, mail.Text.Split(real.Summary.Url).Length - 1);
    }

    /// <summary>A stored event as the pipeline makes it from a recorded amendment, with its real summary and keys.</summary>
    private static StoredEvent Event(long id, string uid)
    {
        var amendment = AmendmentParser.Parse(File.ReadAllBytes(Path.Combine(Recorded, uid + ".json")), uid);
        var relevance = new RelevanceResult(true, 1, ["vsa"], []);
        var summary = new EventSummarizer().Summarize(amendment, EventKind.Created, null, relevance);
        return new StoredEvent(
            new WatchEvent(id, amendment.Id, ItemKind.Amendment, EventKind.Created, DateTimeOffset.UtcNow, ["vsa"], "", null, amendment.TrackingKeys.ToList()),
            summary);
    }
}
