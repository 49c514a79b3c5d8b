using Watch.Parsing.Texts;
using Watch.Parsing.Senat;
using Microsoft.Extensions.DependencyInjection;
using Watch.Domain;
using Watch.Pipeline;
using Watch.Sources.Senat;
using Watch.Versions;

namespace Watch.Tests.Pipeline;

/// <summary>
/// A new version of a followed text is announced with its article diff, computed against the stored version;
/// a new text of a dossier, against the dossier's text before it.
/// </summary>
public sealed class TextVersionEventsTests : IDisposable
{
    private readonly TestHost _host = new();
    private readonly ServiceProvider _watch;
    private readonly LegislativeText _adopted;
    private static readonly string AdoptedPath = Path.Combine(AppContext.BaseDirectory, "fixtures", "senat", "akn", "tas24-021.akn.xml");

    public TextVersionEventsTests()
    {
        _adopted = SenatAknText.Read(File.ReadAllBytes(AdoptedPath), "tas24-021", new Uri("https://www.senat.fr/leg/tas24-021.akn.xml"), null);
        _watch = _host.Build(new Dictionary<string, string?> { ["Watchlist:Tracked:0"] = _adopted.Id });
    }

    public void Dispose()
    {
        _watch.Dispose();
        _host.Dispose();
    }

    [Fact]
    public async Task A_renumbered_article_with_a_changed_duration_is_told_as_such()
    {
        var pipeline = _watch.GetRequiredService<IngestPipeline>();
        await pipeline.IngestAsync([_adopted], CancellationToken.None);

        // The next reading: a new article 1 A, and the article on travel abroad moved to number 12 with a longer notice.
        var first = _adopted.Articles.First(a => a.Text.Contains("quinze jours au plus tard avant ledit déplacement")); // the recorded text
        var rest = _adopted.Articles.Where(a => a != first).ToList();
        var next = _adopted with
        {
            Articles =
            [
                new LegislativeArticle("1 A", "Article 1er A", first.SectionPath, "nouveau", "Le Gouvernement remet au Parlement un rapport sur l'application de la présente loi."),
                first with { Number = "12", Label = "Article 12", Text = first.Text.Replace("quinze jours au plus tard avant ledit déplacement", "trente jours au plus tard avant ledit déplacement") },
                .. rest,
            ],
        };
        await pipeline.IngestAsync([next], CancellationToken.None);

        var events = await _watch.GetRequiredService<IVersionStore>().EventsSinceAsync(0, 10, CancellationToken.None);
        Assert.Equal([EventKind.Created, EventKind.ContentChanged], events.Select(e => e.Event.Kind));
        var text = events[1].Summary.PlainText;
        Assert.StartsWith($"✏️ {_adopted.Title} : nouvelle version", text);
        Assert.Contains($"Article {(first.Number == "1" ? "1er" : first.Number)} → article 12", text);
        Assert.Contains("\"quinze jours\" → \"trente jours\"", text);
        Assert.Contains("Article 1er A", text);
    }

    [Fact]
    public async Task A_text_moved_on_and_changed_in_the_same_run_is_told_with_its_stage_and_its_diff()
    {
        var pipeline = _watch.GetRequiredService<IngestPipeline>();
        await pipeline.IngestAsync([_adopted], CancellationToken.None);

        var first = _adopted.Articles.First(a => a.Text.Contains("quinze jours au plus tard avant ledit déplacement")); // the recorded text
        var next = _adopted with
        {
            Stage = "transmis à l'Assemblée nationale",
            Articles = [.. _adopted.Articles.Select(a => a == first ? a with { Text = a.Text.Replace("quinze jours", "trente jours") } : a)],
        };
        await pipeline.IngestAsync([next], CancellationToken.None);
        await pipeline.IngestAsync([next], CancellationToken.None);

        var events = await _watch.GetRequiredService<IVersionStore>().EventsSinceAsync(0, 10, CancellationToken.None);
        Assert.Equal([EventKind.Created, EventKind.StatusChanged], events.Select(e => e.Event.Kind));
        var text = events[1].Summary.PlainText;
        Assert.StartsWith($"✏️ {_adopted.Title} : nouvelle version", text);
        Assert.Contains($"Étape : transmis à l'Assemblée nationale (avant : {_adopted.Stage})", text);
        Assert.Contains("\"quinze jours\" → \"trente jours\"", text);
    }

    /// <summary>The recorded text as republished with its typography retouched only: a capital, « € » for « euros », typographic quotes.</summary>
    private LegislativeText Retouched(string? stage = null)
    {
        var retouched = _adopted.Articles.Select(a => a with
        {
            Text = a.Text.Replace(" euros", " €").Replace("\"", "«\u00A0").Replace("la présente loi", "la présente Loi"),
        }).ToList();
        Assert.NotEqual(_adopted.Substance, (_adopted with { Articles = retouched }).Substance);
        return _adopted with { Articles = retouched, Stage = stage ?? _adopted.Stage };
    }

    [Fact]
    public async Task A_text_republished_with_its_typography_retouched_is_stored_but_not_told()
    {
        var pipeline = _watch.GetRequiredService<IngestPipeline>();
        await pipeline.IngestAsync([_adopted], CancellationToken.None);

        var report = await pipeline.IngestAsync([Retouched()], CancellationToken.None);

        Assert.Equal((1, 0), (report.Changed, report.Events));
        var store = _watch.GetRequiredService<IVersionStore>();
        Assert.Equal(Retouched().Substance, ((LegislativeText)(await store.LatestAsync(_adopted.Id, CancellationToken.None))!).Substance);
        Assert.Equal([EventKind.Created], (await store.EventsSinceAsync(0, 10, CancellationToken.None)).Select(e => e.Event.Kind));
    }

    [Fact]
    public async Task A_text_moved_on_with_its_typography_retouched_is_told_by_its_stage_alone()
    {
        var pipeline = _watch.GetRequiredService<IngestPipeline>();
        await pipeline.IngestAsync([_adopted], CancellationToken.None);

        await pipeline.IngestAsync([Retouched("transmis à l'Assemblée nationale")], CancellationToken.None);

        var events = await _watch.GetRequiredService<IVersionStore>().EventsSinceAsync(0, 10, CancellationToken.None);
        Assert.Equal([EventKind.Created, EventKind.StatusChanged], events.Select(e => e.Event.Kind));
        Assert.StartsWith("➡️ Sénat — ", events[1].Summary.PlainText);
        Assert.Contains($"Étape : transmis à l'Assemblée nationale (avant : {_adopted.Stage})", events[1].Summary.PlainText);
        Assert.DoesNotContain("nouvelle version", events[1].Summary.PlainText);
    }

    // The recorded PPL n° 1890 and the text the Assemblée adopted from it (TA n° 376), under uids of the form the
    // dossiers use; the dossier names them in the order of its steps.
    private const string Bill = "PIONANR5L13B1890", Adopted = "PIONANR5L13BTA0376";

    private static readonly Dossier Simplification = new()
    {
        Id = "DLR5L13N23456", Chamber = Chamber.AssembleeNationale, Url = "https://www.assemblee-nationale.fr/dyn/13/dossiers/DLR5L13N23456",
        Legislature = new Legislature(13), Name = "Simplification et amélioration de la qualité du droit",
        Steps =
        [
            new DossierStep { Uid = "1", Code = "AN1-DEPOT", Label = "Dépôt", Depth = 1, TexteAssocie = Bill },
            new DossierStep { Uid = "2", Code = "AN1-DEBATS-DEC", Label = "Décision", Depth = 2, TextesAssocies = [Adopted] },
        ],
    };

    private static LegislativeText Page(string file, string uid) =>
        BillPage.Read(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "replay", "an", "textes", file)), uid,
            new Uri($"https://www.assemblee-nationale.fr/dyn/opendata/{uid}.html"));

    [Fact]
    public async Task A_new_text_of_a_dossier_is_told_by_its_diff_against_the_text_before_it()
    {
        await using var watch = _host.Build(new Dictionary<string, string?> { ["Watchlist:Tracked:0"] = Simplification.Id });
        var pipeline = watch.GetRequiredService<IngestPipeline>();

        await pipeline.IngestAsync([Simplification], CancellationToken.None);
        await pipeline.IngestAsync([Page("pion1890.asp.html", Bill)], CancellationToken.None);
        await pipeline.IngestAsync([Page("ta0376.asp.html", Adopted)], CancellationToken.None);

        var events = (await watch.GetRequiredService<IVersionStore>().EventsSinceAsync(0, 10, CancellationToken.None))
            .Where(e => e.Event.ItemKind == ItemKind.Text).ToList();
        Assert.Equal(["an:texte:" + Bill, "an:texte:" + Adopted], events.Select(e => e.Event.ItemId));
        Assert.StartsWith("📄 Assemblée nationale", events[0].Summary.PlainText); // nothing before it to compare with
        var adopted = events[1].Summary.PlainText;
        Assert.Contains("texte adopté n° 376, comparé à la proposition de loi n° 1890 — Articles :", adopted);
        Assert.Contains("✏️ Article 1er : modifié", adopted);
    }

    [Fact]
    public async Task A_new_text_s_message_shows_first_the_changed_articles_its_relevance_matched()
    {
        await using var watch = _host.Build(new Dictionary<string, string?> { ["Watchlist:Tracked:0"] = Simplification.Id });
        var pipeline = watch.GetRequiredService<IngestPipeline>();

        await pipeline.IngestAsync([Simplification], CancellationToken.None);
        await pipeline.IngestAsync([Page("pion1890.asp.html", Bill)], CancellationToken.None);
        await pipeline.IngestAsync([Page("ta0376.asp.html", Adopted)], CancellationToken.None);

        var adopted = (await watch.GetRequiredService<IVersionStore>().EventsSinceAsync(0, 10, CancellationToken.None))
            .Single(e => e.Event.ItemId == "an:texte:" + Adopted).Summary;
        var text = adopted.PlainText;
        // The recorded TA n° 376 matches on words of its new article 29 bis (fichiers de police, conservation des
        // données, biométrique): that article comes first, before articles 1 to 7, and the « Pourquoi » names it for the
        // phrases of its topic (renseignement; « biométrique » alone does not make it about biometrics).
        Assert.Contains("➕ Article 29 bis : ajouté", text);
        Assert.True(text.IndexOf("Article 29 bis", StringComparison.Ordinal) < text.IndexOf("Article 1er", StringComparison.Ordinal), text);
        Assert.Contains("« fichiers de police » (article 29 bis)", text);
        Assert.Matches(@"… et \d+ autres articles changés", text);
        Assert.DoesNotContain("ligne(s)", text);
        Assert.True(adopted.Html.Length <= 4096, adopted.Html);
    }

    [Fact]
    public async Task A_dossier_read_after_its_texts_carries_a_watched_article_down_to_the_later_one()
    {
        // Texts are read every half hour, their dossier every few hours: here the bill and the adopted text come first.
        await using var watch = _host.Build(new Dictionary<string, string?>
        {
            ["Watchlist:WatchedArticles:0:Key"] = Bill + "#1",
            ["Watchlist:WatchedArticles:0:Topics:0"] = "vsa",
        });
        var pipeline = watch.GetRequiredService<IngestPipeline>();
        var store = watch.GetRequiredService<IVersionStore>();

        await pipeline.IngestAsync([Page("pion1890.asp.html", Bill)], CancellationToken.None);
        await pipeline.IngestAsync([Page("ta0376.asp.html", Adopted)], CancellationToken.None);
        Assert.Empty(await store.WatchedKeysAsync([Adopted + "#1"], CancellationToken.None)); // no dossier yet: nothing links them
        await pipeline.IngestAsync([Simplification], CancellationToken.None);

        Assert.Equal(["vsa"], (await store.WatchedKeysAsync([Adopted + "#1"], CancellationToken.None))[Adopted + "#1"].Topics);
    }

    [Fact]
    public async Task A_new_senat_text_is_told_against_the_dossier_s_text_read_before_it()
    {
        var proposition = Proposition();
        var pipeline = _watch.GetRequiredService<IngestPipeline>();

        await pipeline.IngestAsync([proposition], CancellationToken.None);
        await pipeline.IngestAsync([_adopted], CancellationToken.None);

        var events = await _watch.GetRequiredService<IVersionStore>().EventsSinceAsync(0, 10, CancellationToken.None);
        Assert.Equal([proposition.Id, _adopted.Id], events.Select(e => e.Event.ItemId));
        var summary = events[1].Summary;
        var text = summary.PlainText;
        // Named as the Sénat prints them, not by their file names; the adopted text's stage and date, read from its
        // workflow, are told although the proposition was at that stage too (it is read from the same file).
        Assert.StartsWith($"✏️ {_adopted.Title} : texte adopté n° 21 (2024-2025), comparé à la proposition de loi n° 756 (2023-2024) — Articles : 1 modifié\n", text);
        Assert.Contains("\nÉtape : adopté par le Sénat\nDate : 5 novembre 2024\n", text);
        Assert.Contains("\"huit jours\" → \"quinze jours\"", text);
        // The link goes to the dossier page (the Akoma Ntoso file is XML), and says so.
        Assert.EndsWith("<a href=\"https://www.senat.fr/dossier-legislatif/ppl23-756.html\">Voir le dossier sur le site du Sénat</a>", summary.Html);
    }

    [Fact]
    public async Task A_senat_commission_text_is_named_as_the_commission_s_not_as_a_new_proposition()
    {
        // Filed as « ppl24-099 », the step « de la commission » of the dossier's workflow, by the commission des lois.
        var proposition = Proposition();
        var commission = SenatAknText.Read(File.ReadAllBytes(AdoptedPath), "ppl24-099", new Uri("https://www.senat.fr/leg/ppl24-099.akn.xml"), null);
        var pipeline = _watch.GetRequiredService<IngestPipeline>();

        await pipeline.IngestAsync([proposition], CancellationToken.None);
        await pipeline.IngestAsync([commission], CancellationToken.None);

        var events = await _watch.GetRequiredService<IVersionStore>().EventsSinceAsync(0, 10, CancellationToken.None);
        var told = events.Single(e => e.Event.ItemId == commission.Id).Summary.PlainText;
        Assert.StartsWith($"✏️ {commission.Title} : texte de la commission n° 99 (2024-2025), comparé à la proposition de loi n° 756 (2023-2024) — ", told);
    }

    [Fact]
    public async Task Senat_texts_read_newest_first_are_told_in_the_order_of_their_dossier()
    {
        // The Sénat's index lists the newest first: one run reads the adopted text, then the proposition.
        var proposition = Proposition();

        await _watch.GetRequiredService<IngestPipeline>().IngestAsync([_adopted, proposition], CancellationToken.None);

        var events = await _watch.GetRequiredService<IVersionStore>().EventsSinceAsync(0, 10, CancellationToken.None);
        var adopted = events.Single(e => e.Event.ItemId == _adopted.Id).Summary.PlainText;
        Assert.Contains("texte adopté n° 21 (2024-2025), comparé à la proposition de loi n° 756 (2023-2024)", adopted);
        Assert.Contains("\"huit jours\" → \"quinze jours\"", adopted);
        Assert.DoesNotContain("comparé à", events.Single(e => e.Event.ItemId == proposition.Id).Summary.PlainText);
    }

    [Fact]
    public async Task A_senat_amendment_names_its_text_s_dossier_before_any_discussion_list_does()
    {
        var proposition = Proposition();
        var pipeline = _watch.GetRequiredService<IngestPipeline>();
        await pipeline.IngestAsync([proposition], CancellationToken.None);

        // As the CSV export gives an amendment filed on n° 756 of session 2023-2024 before the text is scheduled:
        // its text by session and number, no dossier (only the discussion list names it).
        var amendment = new Amendment
        {
            Id = "senat:2023-2024:756:1", Chamber = Chamber.Senat, Url = "https://www.senat.fr/amendements/2023-2024/756/Amdt_1.html",
            Number = "1", TextRef = "senat:2023-2024:756", Authors = "M. BENARROCHE", State = "Déposé",
            Dispositif = "Supprimer cet article.", ExposeSommaire = "Le recours à la reconnaissance faciale n'est pas proportionné.",
        };
        await pipeline.IngestAsync([amendment], CancellationToken.None);

        var told = (await _watch.GetRequiredService<IVersionStore>().EventsSinceAsync(0, 10, CancellationToken.None)).Single(e => e.Event.ItemId == amendment.Id);
        Assert.Equal("ppl23-756", proposition.DossierSignet);
        Assert.Contains(SenatDossier.IdOf("ppl23-756"), told.Event.Followable);
    }

    /// <summary>
    /// The proposition before the recorded text adopted by the Sénat (tas24-021, dossier ppl23-756): the same file read
    /// under the proposition's name, which its workflow's first step links, with one of its durations different.
    /// </summary>
    private LegislativeText Proposition()
    {
        var read = SenatAknText.Read(File.ReadAllBytes(AdoptedPath), "ppl23-756", new Uri("https://www.senat.fr/leg/ppl23-756.akn.xml"), null);
        var first = read.Articles.First(a => a.Text.Contains("quinze jours au plus tard avant ledit déplacement"));
        return read with { Articles = [.. read.Articles.Select(a => a == first ? a with { Text = a.Text.Replace("quinze jours", "huit jours") } : a)] };
    }
}
