using Microsoft.Extensions.DependencyInjection;
using Watch.Domain;
using Watch.Parsing.AssembleeNationale;
using Watch.Parsing.Senat;
using Watch.Pipeline;
using Watch.Parsing.Texts;
using Watch.Relevance;
using Watch.Tests.Parsing.AssembleeNationale;
using Watch.Tests.Parsing.Texts;
using Watch.Tests.Sources.AssembleeNationale;
using Watch.Versions;

namespace Watch.Tests.Pipeline;

/// <summary>
/// Relevance spreading from a surveillance amendment to its dossier, the dossier's agenda, and to the JO
/// texts that cite the dossier's law: the steps people must hear about though they carry no surveillance word.
/// </summary>
public sealed class RelevanceLinksTests : IDisposable
{
    private readonly TestHost _host = new();
    private readonly ServiceProvider _watch;

    public RelevanceLinksTests() => _watch = _host.Build(new Dictionary<string, string?>());

    public void Dispose()
    {
        _watch.Dispose();
        _host.Dispose();
    }

    private Task<IngestReport> IngestAsync(params WatchItem[] items) =>
        _watch.GetRequiredService<IngestPipeline>().IngestAsync(items, CancellationToken.None);

    /// <summary>Dossier « sûreté dans les transports » as the AN lists it: its text 636 (commission) is what amendment n° 85 amends.</summary>
    internal static Dossier Transports(string? lawNumber = null) => AnDossier("DLR5L16N49176", 16, "Renforcement de la sûreté dans les transports",
    [
        new DossierStep { Uid = "s1", Code = "AN1-COM-FOND-RAPPORT", Label = "Rapport", Depth = 2, TexteAdopte = "PIONANR5L17BTC0636" },
        .. lawNumber is null ? Array.Empty<DossierStep>() : [new DossierStep { Uid = "s2", Code = "PROM-PUB", Label = "Promulgation", Depth = 1, LawNumber = lawNumber }],
    ]);

    /// <summary>Dossier « programmation pour la refondation de Mayotte »: the bill as deposited (n° 1470), and the commission's text (n° 1573) the séance amended.</summary>
    internal static Dossier Mayotte() => AnDossier("DLR5L17N51985", 17, "Programmation pour la refondation de Mayotte",
    [
        new DossierStep { Uid = "s1", Code = "AN1-DEPOT", Label = "Dépôt", Depth = 2, TexteAssocie = "PRJLANR5L17B1470" },
        new DossierStep { Uid = "s2", Code = "AN1-COM-FOND-RAPPORT", Label = "Rapport", Depth = 2, TexteAdopte = "PRJLANR5L17BTC1573" },
    ]);

    /// <summary>An AN dossier whose file is not among the recordings, with the acts it lists that a test needs.</summary>
    internal static Dossier AnDossier(string uid, int legislature, string name, IReadOnlyList<DossierStep> steps) => new()
    {
        Id = uid,
        Chamber = Chamber.AssembleeNationale,
        Url = $"https://www.assemblee-nationale.fr/dyn/{legislature}/dossiers/{uid}",
        Legislature = new Legislature(legislature),
        Name = name,
        Steps = steps,
    };

    private static AgendaItem SittingOf11February()
    {
        var reunion = AgendaParser.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "an", "reunions", "RUANR5L17S2025IDS29020.json")), "IDS29020");
        return Assert.Single(reunion.Items, i => i.DossierRefs.Contains("DLR5L16N49176"));
    }

    [Fact]
    public async Task An_agenda_point_on_the_dossier_of_a_surveillance_amendment_is_announced()
    {
        var point = SittingOf11February();
        // Alone, « suite de la discussion de la proposition de loi … relative au renforcement de la sûreté dans les
        // transports » names the bill, not what about it is surveillance.
        var alone = Assert.Single((await IngestAsync(point)).Relevant);
        Assert.Equal(["lois"], alone.Relevance.Topics);

        await IngestAsync(AmendmentParserTests.Load("AMANR5L17PO838901BTC0636P0D1N000085")); // reconnaissance faciale
        // The dossier names the bill itself (relevant on its title); the text the amendment made watched adds its topics.
        var dossier = Assert.Single((await IngestAsync(Transports())).Relevant);
        Assert.Contains("biometrie", dossier.Relevance.Topics);

        var moved = point with { Start = point.Start.AddHours(1) }; // the agenda changes: a new version
        var announced = Assert.Single((await IngestAsync(moved)).Relevant);
        Assert.Equal(EventKind.ContentChanged, announced.Event);
        Assert.Equal(["biometrie", "cameras", "lois", "vsa"], announced.Relevance.Topics.Order());
    }

    [Fact]
    public async Task An_amendment_on_a_text_of_a_known_dossier_names_the_dossier()
    {
        await IngestAsync(Transports());

        var told = Assert.Single((await IngestAsync(AmendmentParserTests.Load("AMANR5L17PO838901BTC0636P0D1N000085"))).Relevant).Summary!;

        Assert.StartsWith("⚪ Amendement n° 85 rejeté sur un article additionnel après l'article 9 (texte de la commission n° 636)\n"
            + "Dossier : Renforcement de la sûreté dans les transports\n", told.PlainText);
    }

    /// <summary>
    /// The commission des lois' point of 27 November 2024, « Examen du texte » of the transports bill, once amendment n° 85
    /// (reconnaissance faciale) has made that bill's dossier watched.
    /// </summary>
    private async Task<AgendaItem> CommissionPointOnAWatchedDossierAsync()
    {
        await IngestAsync(AmendmentParserTests.Load("AMANR5L17PO838901BTC0636P0D1N000085"));
        await IngestAsync(Transports());
        var reunion = AgendaParser.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "an", "reunions", "RUANR5L17S2025IDC453853.json")), "IDC453853");
        return Assert.Single(reunion.Items, i => i.PointUid == "RUANR5L17S2025IDC453853PT34632");
    }

    [Fact]
    public async Task An_agenda_point_that_says_only_examen_du_texte_is_told_with_its_dossier_s_title()
    {
        var point = await CommissionPointOnAWatchedDossierAsync();

        var told = Assert.Single((await IngestAsync(point)).Relevant).Summary!;

        Assert.Equal("📅 À l'ordre du jour le mercredi 27 novembre 2024 à 9 h en commission des lois : Examen du texte — Renforcement de la sûreté dans les transports", told.Headline);
        Assert.Contains("Dossier : Renforcement de la sûreté dans les transports (DLR5L16N49176)\n", told.PlainText);
        // A sitting's point that names the bill itself is not told the title twice.
        var sitting = Assert.Single((await IngestAsync(SittingOf11February())).Relevant).Summary!;
        Assert.EndsWith("relative au renforcement de la sûreté dans les transports", sitting.Headline);
    }

    /// <summary>
    /// The AN strips a point's dossier when it removes the point from the agenda: every point Supprimé or Annulé in the
    /// recorded agendas names none (the commission des lois' PT35210 of 5 March 2025, PT34635 of 4 December 2024). The bill's
    /// followers must still hear that its examination was called off.
    /// </summary>
    [Fact]
    public async Task A_point_removed_from_the_agenda_keeps_the_dossier_it_named_and_its_followers_are_told()
    {
        var point = await CommissionPointOnAWatchedDossierAsync();
        Assert.Equal(EventKind.Created, Assert.Single((await IngestAsync(point)).Relevant).Event);

        var removed = point with { State = AgendaStates.Removed, DossierRefs = [] }; // as the AN publishes a removed point
        var told = Assert.Single((await IngestAsync(removed)).Relevant);

        Assert.Equal(EventKind.StatusChanged, told.Event);
        Assert.Equal(["DLR5L16N49176"], ((AgendaItem)told.Item).DossierRefs);
        Assert.Equal("❌ Retiré de l'ordre du jour (en commission des lois, mercredi 27 novembre 2024 à 9 h) : Examen du texte — Renforcement de la sûreté dans les transports",
            told.Summary!.Headline);
        var stored = await _watch.GetRequiredService<IVersionStore>().EventsSinceAsync(0, 100, CancellationToken.None);
        Assert.Contains("DLR5L16N49176", stored[^1].Event.Followable);
        // Read again as published, the removed point is the version stored: no change, no event.
        Assert.Equal((0, 0), ((await IngestAsync(removed)).Changed, (await IngestAsync(removed)).Events));
    }

    [Fact]
    public async Task A_decree_citing_the_law_of_a_watched_dossier_is_announced_and_one_citing_another_law_is_not()
    {
        await IngestAsync(AmendmentParserTests.Load("AMANR5L17PO838901BTC0636P0D1N000085"));
        await IngestAsync(Transports(lawNumber: "2025-532"));

        var decree = Decree("JORFTEXT000099999001", "2025-999", "2025-532");
        var unrelated = Decree("JORFTEXT000099999002", "2025-998", "2025-100");
        var report = await IngestAsync(decree, unrelated);

        var followed = Assert.Single(report.Relevant);
        Assert.Equal(decree.Id, followed.Item.Id);
        Assert.StartsWith("suivi : loi:2025-532", followed.Relevance.Explain());
        // Readers are told which law, as they name it.
        Assert.Contains("Pourquoi : suivi : loi n° 2025-532\n", followed.Summary!.PlainText);
    }

    /// <summary>The Sénat's page of the civil drones bill names the law it became (n° 2016-1428): the décrets applying it follow.</summary>
    [Fact]
    public async Task A_decree_citing_the_law_a_watched_senat_dossier_became_is_announced()
    {
        var drones = SenatDossierPageParser.Parse(File.ReadAllText(Fixture("senat", "dossiers-html", "dossier-legislatif-ppl15-504.html")), "ppl15-504");
        Assert.Contains("cameras", Assert.Single((await IngestAsync(drones)).Relevant).Relevance.Topics); // « drones »

        var report = await IngestAsync(Decree("JORFTEXT000099999003", "2018-374", "2016-1428"), Decree("JORFTEXT000099999004", "2018-375", "2016-1500"));

        var followed = Assert.Single(report.Relevant);
        Assert.Equal("JORFTEXT000099999003", followed.Item.Id);
        Assert.StartsWith("suivi : loi:2016-1428", followed.Relevance.Explain());
    }

    /// <summary>The 2013 transparency bill's Sénat page links the law's JO text by its id: that text follows the dossier.</summary>
    [Fact]
    public void The_jo_text_a_senat_dossier_links_borrows_its_id_from_it()
    {
        using var page = File.OpenRead(Fixture("senat", "dossiers-html", "pjl12-688.html"));
        var transparency = SenatDossierPageParser.Parse(page, "pjl12-688");
        var law = Decree("JORFTEXT000028056223", "2013-906", "2013-907") with { Nature = "LOI_ORGANIQUE" };

        Assert.Contains("JORFTEXT000028056223", RelevanceLinks.Lends(transparency).Intersect(RelevanceLinks.Borrows(law)));
        Assert.Contains(RelevanceLinks.LawKey("2013-906"), RelevanceLinks.Lends(transparency));
    }

    [Fact]
    public async Task Other_amendments_on_a_watched_text_are_still_judged_on_their_own_words()
    {
        await IngestAsync(AmendmentParserTests.Load("AMANR5L17PO838901BTC0636P0D1N000085"));
        var sameText = AmendmentParserTests.Load("AMANR5L17PO838901BTC0636P0D1N000088"); // récépissé for pat-downs, same text 636
        var report = await IngestAsync(sameText);
        Assert.DoesNotContain(report.Relevant, r => r.Relevance.Matches.Any(m => m.Phrase == "PIONANR5L17BTC0636"));
    }

    /// <summary>The item a meeting's convocation makes, from the agendas kept in <c>reunions-corpus/</c>.</summary>
    internal static AgendaItem Convocation(string reunion) =>
        Assert.Single(AgendaParser.Parse(File.ReadAllBytes(Fixture("an", "reunions-corpus", reunion + ".json")), reunion).Points,
            p => p.PointUid == AgendaItem.ConvocationPoint);

    [Fact]
    public async Task A_commission_meeting_naming_a_watched_bill_by_its_number_follows_it()
    {
        // The special commission on the cybersecurity bill, 10 September 2025, cancelled: its one point, « Examen du
        // texte », names no dossier; its convocation names the bill « (n° 1112) », and no surveillance word.
        var meeting = Convocation("RUANR5L17S2025IDC457350");
        Assert.False(Watch.Tests.Relevance.LabelledSet.Classifier().Classify(meeting).Relevant);
        // Amendment n° 318 on that bill (« boîtes noires », « portes dérobées ») makes it watched.
        var amendment = AmendmentParserTests.Load("AMANR5L17PO866672B1112P0D1N000318");
        Assert.Equal("PRJLANR5L17B1112", Assert.Single((await IngestAsync(amendment)).Relevant).Item is Amendment a ? a.TextRef : null);

        var told = Assert.Single((await IngestAsync(meeting)).Relevant);

        Assert.Contains("suivi : PRJLANR5L17B1112", told.Relevance.Explain());
        Assert.Contains("renseignement", told.Relevance.Topics);
        Assert.StartsWith("❌ Réunion annulée", told.Summary!.Headline);
        Assert.Contains("cybersécurité (n° 1112)", told.Summary.Headline);
    }

    [Fact]
    public async Task Whoever_follows_a_bill_hears_of_the_meetings_naming_it_by_its_number()
    {
        // The cybersecurity bill's dossier, as an-dossiers stores it: the bill the Sénat transmitted, n° 1112.
        await IngestAsync(AnDossier("DLR5L17N50731", 17, "Résilience des infrastructures critiques et renforcement de la cybersécurité",
            [new DossierStep { Uid = "s1", Code = "AN1-DEPOT", Label = "Dépôt", Depth = 2, TexteAssocie = "PRJLANR5L17B1112" }]));
        await IngestAsync(AmendmentParserTests.Load("AMANR5L17PO866672B1112P0D1N000318"));

        var told = Assert.Single((await IngestAsync(Convocation("RUANR5L17S2025IDC457350"))).Relevant);

        // Its event is the dossier's and the bill's, as a point naming the dossier is: a subscriber to either hears of it,
        // and the digest files it under the dossier. Of the texts numbered 1112, only the one the dossier holds.
        var stored = await _watch.GetRequiredService<IVersionStore>().EventsSinceAsync(0, 100, CancellationToken.None);
        var e = Assert.Single(stored, e => e.Event.ItemId == told.Item.Id);
        Assert.Equal([told.Item.Id, "PRJLANR5L17B1112", "DLR5L17N50731"], e.Event.Keys);
        Assert.Contains("Dossier : Résilience des infrastructures critiques et renforcement de la cybersécurité (DLR5L17N50731)", told.Summary!.PlainText);
        Assert.Contains("Pourquoi : suivi : projet de loi n° 1112\n", told.Summary.PlainText);
    }

    [Fact]
    public void A_meeting_lends_none_of_the_texts_it_names_by_number()
    {
        // The commission des lois of 4 December 2024, relevant on its words (« sûreté dans les transports (n° 134) »): a
        // convocation's other lines, on other texts, would make those watched.
        var meeting = Convocation("RUANR5L17S2025IDC453856");

        Assert.Contains("PIONANR5L17B0134", RelevanceLinks.Borrows(meeting));
        Assert.DoesNotContain(RelevanceLinks.Lends(meeting), key => key.Contains("0134", StringComparison.Ordinal));
    }

    /// <summary>A vote of the Mayotte bill's séances, placed in its dossier as the votes source places it.</summary>
    private static Vote MayotteVote(string uid) =>
        VoteParser.Parse(File.ReadAllBytes(Fixture("an", "mayotte", "scrutins", uid + ".json")), uid)
            with { DossierRef = "DLR5L17N51985", ReadingTexts = ["PRJLANR5L17B1470", "PRJLANR5L17BTC1573"] };

    [Fact]
    public async Task A_vote_on_an_amendment_follows_that_amendment_and_not_the_bill_it_made_watched()
    {
        // N° 229 (« caméras » in its exposé) makes the commission's text watched, and through it the dossier, whose
        // séances held 199 votes; n° 3 (on the Mayotte police) is about no surveillance.
        await IngestAsync(AmendmentParserTests.Load("AMANR5L17PO838901BTC1573P0D1N000229"), AmendmentParserTests.Load("AMANR5L17PO838901BTC1573P0D1N000003"));
        Assert.Equal("DLR5L17N51985", Assert.Single((await IngestAsync(Mayotte())).Relevant).Item.Id);

        var onWatched = MayotteVote("VTANR5L17V2811"); // « l'amendement n° 229 de Mme Nosbé à l'article premier et rapport annexé »
        var onOther = MayotteVote("VTANR5L17V2703"); // « l'amendement n° 3 de M. de Lépinau à l'article 10 »
        var secondDeliberation = MayotteVote("VTANR5L17V2871"); // n° 3 of the seconde délibération: another amendment
        var onArticle = MayotteVote("VTANR5L17V2694"); // « l'article 12 du projet de loi »
        var report = await IngestAsync(onWatched, onOther, secondDeliberation, onArticle);

        Assert.Equal(["VTANR5L17V2694", "VTANR5L17V2811"], report.Relevant.Select(r => r.Item.Id).Order(StringComparer.Ordinal));
        var vote = report.Relevant.Single(r => r.Item.Id == "VTANR5L17V2811");
        Assert.Equal("suivi : amendement n° 229 sur PRJLANR5L17BTC1573 (PO838901)", vote.Relevance.Explain());
        Assert.Contains("Pourquoi : suivi : amendement n° 229 sur le texte de la commission n° 1573, en séance publique\n", vote.Summary!.PlainText);
        Assert.Equal(["cameras"], vote.Relevance.Topics);
        // A vote on an article is about the bill: it follows the dossier.
        var onBill = report.Relevant.Single(r => r.Item.Id == "VTANR5L17V2694");
        Assert.Equal("suivi : DLR5L17N51985", onBill.Relevance.Explain());
        // Readers are told which dossier, by its title.
        Assert.Contains("Pourquoi : suivi : dossier « Programmation pour la refondation de Mayotte »\n", onBill.Summary!.PlainText);
        // Relevant through its amendment, the vote does not make the dossier's other votes relevant.
        Assert.Equal(["VTANR5L17V2811"], RelevanceLinks.Lends(onWatched));
    }

    /// <summary>The 2015 intelligence act came with a loi organique (n° 2015-911); its dossier lends « loi:2015-911 ».</summary>
    [Theory]
    [InlineData("LOI")]
    [InlineData("LOI_ORGANIQUE")]
    [InlineData("LOI_CONSTIT")]
    public void A_law_of_any_nature_borrows_its_number_as_its_dossier_lends_it(string nature)
    {
        var law = Decree("JORFTEXT000030931899", "2015-911", "2015-912") with { Nature = nature, ShortTitle = "Loi organique n° 2015-911 du 24 juillet 2015" };

        Assert.Contains(RelevanceLinks.LawKey("2015-911"), RelevanceLinks.Borrows(law));
        Assert.Equal([RelevanceLinks.LawKey("2015-911")], RelevanceLinks.Lends(law));
    }

    private static OfficialText Decree(string id, string number, string citedLaw) => new()
    {
        Id = id,
        Chamber = Chamber.JournalOfficiel,
        Url = $"https://www.legifrance.gouv.fr/jorf/id/{id}",
        Nature = "DECRET",
        Number = number,
        Origin = "JORF",
        ShortTitle = $"Décret n° {number} portant diverses dispositions",
        Visas = $"Vu la loi n° {citedLaw} ;",
        Citations = [new LawCitation(citedLaw, null)],
    };

    private static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "fixtures", .. parts]);

    [Fact]
    public void A_dossier_names_itself_in_the_other_chamber_as_the_other_chamber_names_it()
    {
        // ESSOC: the AN names the Sénat's page (senatChemin) and has an old-pages slug (titreChemin).
        var essoc = DossierParser.Parse(File.ReadAllBytes(Fixture("an", "dossiers", "dossier-DLR5L15N36159.json")), "DLR5L15N36159");
        Assert.Contains("senat:dossier:pjl17-259", RelevanceLinks.Lends(essoc));
        Assert.Contains("an:chemin:etat_service_societe_confiance", RelevanceLinks.Lends(essoc));
        // The Sénat names the AN dossier by uid in its Akoma Ntoso files (url-AN), by slug on its older dossier pages.
        var adopted = SenatAknText.Read(File.ReadAllBytes(Fixture("senat", "akn", "tas24-021.akn.xml")), "tas24-021", new Uri("https://www.senat.fr/akomantoso/tas24-021.akn.xml"), null);
        Assert.Contains("DLR5L17N50351", RelevanceLinks.Borrows(adopted));
        var silt = SenatDossierPageParser.Parse(File.ReadAllText(Fixture("senat", "dossiers-html", "dossier-legislatif-pjl16-587.html")), "pjl16-587");
        Assert.Contains("an:chemin:securite_interieure_lutte_terrorisme", RelevanceLinks.Borrows(silt));
        // The 2013 transparency bills share one AN page, each under an anchor.
        var transparency = SenatDossierPageParser.Parse(File.ReadAllText(Fixture("senat", "dossiers-html", "pjl12-688.html")), "pjl12-688");
        Assert.Contains("an:chemin:transparence_vie_publique_pjl", RelevanceLinks.Borrows(transparency));
    }

    [Fact]
    public void A_senat_bill_and_its_amendments_name_it_alike()
    {
        // The commission's amendments to text n° 583 of 2017-2018, as exported; the recorded Akoma Ntoso file read
        // under the name that bill's file has (« pjl17-583 »).
        using var csv = File.OpenRead(Fixture("senat", "ameli", "jeu_complet_commission_2017-2018_583.csv"));
        var onAnArticle = SenatAmendmentCsv.Read(csv, "jeu_complet_commission_2017-2018_583.csv").First(a => a.Article is { Additional: false, Number: not null });
        var bill = SenatAknText.Read(File.ReadAllBytes(Fixture("senat", "akn", "tas24-021.akn.xml")), "pjl17-583", new Uri("https://www.senat.fr/akomantoso/pjl17-583.akn.xml"), null);

        Assert.Equal("senat:2017-2018:583", bill.AmendedAs);
        // A relevant amendment lends its text: the bill follows it.
        Assert.Equal([onAnArticle.TextRef], RelevanceLinks.Lends(onAnArticle));
        Assert.Contains(onAnArticle.TextRef, RelevanceLinks.Borrows(bill));
        // A watched article of the bill (carried under AmendedAs) is the one its amendments name.
        Assert.Equal([ArticleRef.Key(bill.AmendedAs, onAnArticle.Article!.Number!)], RelevanceLinks.Borrows(onAnArticle));
    }

    [Fact]
    public async Task A_bill_relevant_in_the_senat_makes_its_assemblee_dossier_followed()
    {
        // tas24-021 (surveillance of convicted persons) is relevant on its own words; its url-AN names DLR5L17N50351.
        var adopted = SenatAknText.Read(File.ReadAllBytes(Fixture("senat", "akn", "tas24-021.akn.xml")), "tas24-021", new Uri("https://www.senat.fr/akomantoso/tas24-021.akn.xml"), null);
        Assert.Single((await IngestAsync(adopted)).Relevant);
        var anDossier = new Dossier
        {
            Id = "DLR5L17N50351", Chamber = Chamber.AssembleeNationale, Url = "https://www.assemblee-nationale.fr/dyn/17/dossiers/DLR5L17N50351",
            Legislature = new Legislature(17), Name = "Surveillance des individus condamnés pour des infractions sexuelles, violentes ou terroristes", Steps = [],
        };

        var followed = Assert.Single((await IngestAsync(anDossier)).Relevant);

        Assert.StartsWith("suivi : DLR5L17N50351", followed.Relevance.Explain());
        // Every template is given the titles of the dossiers it may follow.
        Assert.Contains("Pourquoi : suivi : dossier « Surveillance des individus condamnés pour des infractions sexuelles, violentes ou terroristes »", followed.Summary!.PlainText);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // both read in one batch, as a first run over a followed dossier reads them
    public async Task A_watched_article_stays_watched_in_the_next_text_of_its_dossier_under_its_new_number(bool together)
    {
        // PPL n° 1890 and the text the Assemblée adopted (TA n° 376): its article 83 was declared irrecevable there, its words
        // taken up by a new article 83 B. Only 83 is watched: its words are followed.
        using var host = new TestHost();
        await using var watch = host.Build(new Dictionary<string, string?>
        {
            ["Watchlist:WatchedArticles:100:Key"] = "pion1890#83",
            ["Watchlist:WatchedArticles:100:Topics:0"] = "renseignement",
            ["Watchlist:WatchedArticles:100:Label"] = "l'article suivi",
        });
        var pipeline = watch.GetRequiredService<IngestPipeline>();
        var store = watch.GetRequiredService<IVersionStore>();
        LegislativeText Text(string name) => (LegislativeText)Assert.Single(Watch.Parsing.ItemFiles.Parse(
            File.ReadAllBytes(Watch.Tests.Parsing.Texts.TextFixtures.PathOf($"an/textes/{name}.asp.html")), $"{name}.asp.html"));
        Amendment On(string article) => AmendmentOn("ta0376", article);
        var (bill, adopted) = (Text("pion1890"), Text("ta0376"));
        Assert.Contains(bill.Articles, a => a.Number == "83");
        Assert.Contains(adopted.Articles, a => a.Number == "83 B");
        await store.RecordDossierTextsAsync("DLR5L13N21790", [bill.Name, adopted.Name], CancellationToken.None);
        Assert.Empty((await pipeline.IngestAsync([On("ART. 83 B")], CancellationToken.None)).Relevant);

        if (together) await pipeline.IngestAsync([bill, adopted], CancellationToken.None);
        else
        {
            await pipeline.IngestAsync([bill], CancellationToken.None);
            await pipeline.IngestAsync([adopted], CancellationToken.None);
        }

        var amendment = On("ART. 83 B") with { Id = "AMAN-on-83-B" };
        // Nor « après l'article 83 B » (another article), nor the adopted text's article 83 (struck out there).
        var followed = Assert.Single((await pipeline.IngestAsync(
            [amendment, On("APRÈS ART. 83 B") with { Id = "AMAN-after-83-B" }, On("ART. 83") with { Id = "AMAN-on-83" }], CancellationToken.None)).Relevant);
        Assert.Equal("AMAN-on-83-B", followed.Item.Id);
        Assert.Equal(["renseignement"], followed.Relevance.Topics);
        Assert.StartsWith("suivi : article 83 B (ta0376)", followed.Relevance.Explain());
    }

    /// <summary>
    /// ppl11-290 (La Fabrique's record of the real texts): the commission struck out articles 3 and 4 (« (Supprimé) ») and
    /// wrote their provisions into article 2 (article 3's 48-hour strike notice is art. L. 1114-3 inside article 2). Whoever
    /// followed article 3 follows article 2 of the commission's text, where its words are.
    /// </summary>
    [Fact]
    public async Task A_watched_article_folded_into_another_stays_followed_in_the_article_that_took_its_words()
    {
        var (filed, commission) = (TextFixtures.Read(TextFixtures.Step0), TextFixtures.Read(TextFixtures.Step1));
        Assert.Contains("informent, au plus tard quarante-huit heures avant le début de chaque journée de grève", commission.Article("2")!.Text);
        Assert.Equal(ArticleStatus.Deleted, commission.Article("3")!.Status);

        var followed = await FollowedOnNextTextAsync(filed, commission, "3", "ART. 2", "ART. 3", "ART. 1");

        Assert.Equal(["ART. 2"], followed);
    }

    /// <summary>
    /// PLFSS 2018 as filed (pl0269) and as the Assemblée adopted it (pjl17-063): article 4's C3S provisions moved to a new
    /// article 8 bis, article 4 kept the rest. Whoever followed article 4 follows both; not 8 ter, new and about something else.
    /// </summary>
    [Fact]
    public async Task A_watched_article_split_in_two_stays_followed_in_both_parts()
    {
        var (filed, adopted) = (TextFixtures.Read(TextFixtures.Pl0269), TextFixtures.Read(TextFixtures.Pjl17063));
        Assert.Equal(ArticleStatus.New, adopted.Article("8 bis")!.Status);
        Assert.Equal(ArticleStatus.New, adopted.Article("8 ter")!.Status);

        var followed = await FollowedOnNextTextAsync(filed, adopted, "4", "ART. 4", "ART. 8 BIS", "ART. 8 TER", "ART. 5");

        Assert.Equal(["ART. 4", "ART. 8 BIS"], followed.Order());
    }

    /// <summary>
    /// The articles, among <paramref name="amended"/>, whose amendments on <paramref name="after"/> are relevant once
    /// <paramref name="watched"/> of <paramref name="before"/> is watched and both texts, in one dossier, are read in turn.
    /// </summary>
    private static async Task<IReadOnlyList<string>> FollowedOnNextTextAsync(TextVersion before, TextVersion after, string watched, params string[] amended)
    {
        using var host = new TestHost();
        await using var watch = host.Build(new Dictionary<string, string?>
        {
            ["Watchlist:WatchedArticles:100:Key"] = $"PIONANR5L99B0001#{watched}",
            ["Watchlist:WatchedArticles:100:Topics:0"] = "renseignement",
            ["Watchlist:WatchedArticles:100:Label"] = "l'article suivi",
        });
        var pipeline = watch.GetRequiredService<IngestPipeline>();
        var (bill, next) = (TextFixtures.AsAssemblee(before, "PIONANR5L99B0001"), TextFixtures.AsAssemblee(after, "PIONANR5L99BTC0002"));
        await watch.GetRequiredService<IVersionStore>().RecordDossierTextsAsync("DLR5L99N00001", [bill.Name, next.Name], CancellationToken.None);
        await pipeline.IngestAsync([bill], CancellationToken.None);
        await pipeline.IngestAsync([next], CancellationToken.None);

        var amendments = amended.Select(article => AmendmentOn(next.Name, article) with { Id = "AMAN-" + article }).ToList();
        return (await pipeline.IngestAsync(amendments, CancellationToken.None)).Relevant.Select(r => r.Item.Id["AMAN-".Length..]).ToList();
    }

    /// <summary>A real AN amendment (n° 71, irrelevant on its own words) put on <paramref name="article"/> (« ART. 83 B », « APRÈS ART. 83 B ») of <paramref name="text"/>.</summary>
    private static Amendment AmendmentOn(string text, string article) => AmendmentParser.Parse(Recorded.Edited(
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "replay", "an", "amendements", "AMANR5L17PO838901BTC0636P0D1N000071.json")), root =>
        {
            root["amendement"]!["texteLegislatifRef"] = text;
            var division = root["amendement"]!["pointeurFragmentTexte"]!["division"]!;
            division["articleDesignationCourte"] = article;
            var additional = article.StartsWith("APRÈS", StringComparison.Ordinal);
            division["articleAdditionnel"] = additional ? "true" : "false";
            division["avant_A_Apres"] = additional ? "Après" : "A";
        }), "AMANR5L17PO838901BTC0636P0D1N000071.json");
}
