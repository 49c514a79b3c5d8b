using Microsoft.Extensions.DependencyInjection;
using Watch.Domain;
using Watch.Pipeline;
using Watch.Versions;

namespace Watch.Tests.Pipeline;

/// <summary>
/// « Is the décret out yet? »: the JO law of 19 May 2023 (article 10, VSA experiment) calls for a décret in
/// Conseil d'État; décret n° 2023-828 of 28 August 2023 applies it. No original JORF XML is recorded in the
/// fixtures, so the two texts are built here with their published numbers, titles and the wording of the call.
/// </summary>
public sealed class ImplementingDecreesTests : IDisposable
{
    private readonly TestHost _host = new();
    private readonly ServiceProvider _watch;

    public ImplementingDecreesTests() => _watch = _host.Build(new Dictionary<string, string?>());

    public void Dispose()
    {
        _watch.Dispose();
        _host.Dispose();
    }

    private static readonly OfficialText Law = new()
    {
        Id = "JORFTEXT000047561974",
        Chamber = Chamber.JournalOfficiel,
        Url = "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000047561974",
        Nature = "LOI",
        Number = "2023-380",
        Origin = "JORF",
        ShortTitle = "LOI n° 2023-380 du 19 mai 2023",
        FullTitle = "LOI n° 2023-380 du 19 mai 2023 relative aux jeux Olympiques et Paralympiques de 2024 et portant diverses autres dispositions",
        Articles =
        [
            Article("1", "Le code du sport est ainsi modifié."),
            Article("10", "I. – À titre expérimental et jusqu'au 31 mars 2025, les images collectées au moyen de systèmes de vidéoprotection peuvent faire l'objet de traitements algorithmiques. "
                + "VIII. – Un décret en Conseil d'État, pris après avis de la Commission nationale de l'informatique et des libertés, précise les modalités d'application du présent article."),
        ],
    };

    /// <summary>Décret n° 2023-828, citing the law as <paramref name="visa"/> does.</summary>
    private static OfficialText DecreeCiting(string visa) =>
        Decree("JORFTEXT000048023155", "2023-828") with { Citations = Watch.Parsing.Legifrance.LawCitations.Extract(visa) };

    private static OfficialText Decree(string id, string number) => new()
    {
        Id = id,
        Chamber = Chamber.JournalOfficiel,
        Url = $"https://www.legifrance.gouv.fr/jorf/id/{id}",
        Nature = "DECRET",
        Number = number,
        Origin = "JORF",
        ShortTitle = $"Décret n° {number}",
        FullTitle = $"Décret n° {number} relatif aux modalités de mise en œuvre des traitements",
        Visas = "Vu la loi n° 2023-380 du 19 mai 2023 relative aux jeux Olympiques et Paralympiques de 2024, notamment son article 10 ;",
        Citations = [new LawCitation("2023-380", "10")],
    };

    private static OfficialArticle Article(string number, string content) => new()
    {
        Id = $"JORFARTI00004756{number.PadLeft(4, '0')}",
        Number = number,
        Url = "https://www.legifrance.gouv.fr/jorf/article_jo/JORFARTI000047562001",
        Origin = "JORF",
        Content = content,
    };

    private async Task<IReadOnlyList<StoredEvent>> IngestAsync(params WatchItem[] items)
    {
        var store = _watch.GetRequiredService<IVersionStore>();
        var before = (await store.EventsSinceAsync(0, 1000, CancellationToken.None)).Count;
        await _watch.GetRequiredService<IngestPipeline>().IngestAsync(items, CancellationToken.None);
        return (await store.EventsSinceAsync(0, 1000, CancellationToken.None)).Skip(before).ToList();
    }

    [Fact]
    public async Task The_law_awaits_its_decree_and_the_decree_that_applies_it_resolves_it_once()
    {
        var awaiting = Assert.Single(await IngestAsync(Law));
        Assert.Equal(EventKind.AwaitingDecree, awaiting.Event.Kind);
        Assert.Equal("⏳ Loi n° 2023-380 : l'article 10 renvoie à un décret, pas encore publié", awaiting.Summary.Headline);

        var published = Assert.Single(await IngestAsync(Decree("JORFTEXT000048023155", "2023-828")));
        Assert.Equal(EventKind.DecreePublished, published.Event.Kind);
        Assert.Equal("✅ Décret n° 2023-828 publié : il applique l'article 10 de la loi n° 2023-380", published.Summary.Headline);
        Assert.Contains("Décret attendu depuis le", published.Summary.PlainText);
        Assert.Contains("loi n° 2023-380", published.Event.Reason);

        // A later décret on the same article is still followed, but the wait is over: a plain new-text event.
        var later = Assert.Single(await IngestAsync(Decree("JORFTEXT000049999999", "2024-999")));
        Assert.Equal(EventKind.Created, later.Event.Kind);
    }

    [Fact]
    public async Task A_law_and_its_decree_read_together_are_linked_and_nothing_is_said_to_await()
    {
        // One JO holding both, or the days an outage missed read at once.
        var events = await IngestAsync(Law, Decree("JORFTEXT000048023155", "2023-828"));

        Assert.DoesNotContain(events, e => e.Event.Kind == EventKind.AwaitingDecree);
        var published = Assert.Single(events, e => e.Event.Kind == EventKind.DecreePublished);
        Assert.Equal("JORFTEXT000048023155", published.Event.ItemId);
        Assert.Equal("✅ Décret n° 2023-828 publié : il applique l'article 10 de la loi n° 2023-380", published.Summary.Headline);
        Assert.Equal(EventKind.Created, Assert.Single(events, e => e.Event.ItemId == Law.Id).Event.Kind);
        var call = Assert.Single(await _watch.GetRequiredService<IVersionStore>().DecreeCallsAsync([("2023-380", "10")], CancellationToken.None));
        Assert.Equal("JORFTEXT000048023155", call.ResolvedBy);
    }

    [Fact]
    public async Task A_decree_in_the_batch_after_its_law_is_linked_though_the_law_is_still_being_written()
    {
        // A day's JO: 499 arrêtés, the law, then the décret, which falls in the next batch of 500 while the first is stored.
        var arretes = Enumerable.Range(1, 499).Select(i => (WatchItem)(Law with
        {
            Id = $"JORFTEXT{i:D12}", Nature = "ARRETE", Number = null, ShortTitle = $"Arrêté n° {i} portant nomination", FullTitle = null, Articles = [],
        }));

        // The store takes its time writing a batch (a busy disk), so the next batch is classified meanwhile.
        var store = _watch.GetRequiredService<IVersionStore>();
        var pipeline = new IngestPipeline(SlowCommits.Around(store), _watch.GetRequiredService<Watch.Relevance.RelevanceClassifier>(),
            _watch.GetRequiredService<Watch.Summaries.EventSummarizer>(), Microsoft.Extensions.Logging.Abstractions.NullLogger<IngestPipeline>.Instance);
        await pipeline.IngestAsync([.. arretes, Law, Decree("JORFTEXT000048023155", "2023-828")], CancellationToken.None);
        var events = await store.EventsSinceAsync(0, 1000, CancellationToken.None);

        // Batch by batch, as it was read: the law awaits its décret, then the décret is published.
        Assert.Equal([(Law.Id, EventKind.AwaitingDecree), ("JORFTEXT000048023155", EventKind.DecreePublished)],
            events.Select(e => (e.Event.ItemId, e.Event.Kind)));
        Assert.Equal("JORFTEXT000048023155", Assert.Single(await _watch.GetRequiredService<IVersionStore>().DecreeCallsAsync([("2023-380", "10")], CancellationToken.None)).ResolvedBy);
    }

    [Fact]
    public async Task Calls_for_a_decree_are_read_in_the_usual_wordings_and_only_in_laws()
    {
        Assert.Equal(["10"], ImplementingDecrees.CallsOf(Law));
        var wordings = new[]
        {
            "Les conditions d'application du présent article sont fixées par décret en Conseil d'État.",
            "Un décret détermine les catégories de données enregistrées.",
            "Les modalités de cette expérimentation sont définies par décret.",
            "Un décret en Conseil d'État pris après avis de la Commission nationale de l'informatique et des libertés précise les modalités d'application du présent article.",
            "Les garanties applicables aux données sont prévues par décret.",
        };
        foreach (var text in wordings)
            Assert.Single(ImplementingDecrees.CallsOf(Law with { Articles = [Article("3", text)] }));
        Assert.Empty(ImplementingDecrees.CallsOf(Law with { Articles = [Article("3", "Le décret n° 2019-1 du 2 janvier 2019 est abrogé.")] }));
        Assert.Empty(ImplementingDecrees.CallsOf(Law with { Nature = "DECRET" }));
        // A loi organique calls for décrets too.
        Assert.Equal(["10"], ImplementingDecrees.CallsOf(Law with { Nature = "LOI_ORGANIQUE" }));
    }

    [Theory]
    // The Sénat's PLFSS 2018 text (fixtures/senat/textes/pjl17-063.html), new article L. 643-10 of the code de la sécurité sociale.
    [InlineData("Des décrets en conseil d'État déterminent, après avis du conseil d'administration de la caisse nationale intéressée, la structure des organisations, leurs règles de fonctionnement ainsi que le mode d'élection des membres des conseils d'administration de leurs caisses ou sections de caisses.")]
    // AN amendment AC14 on the PPL n° 418 (AMANR5L17PO419604B0418P0D1N000014, corpus of the 17th legislature).
    [InlineData("L’État et les collectivités territoriales pondèrent la répartition des moyens attribués aux établissements scolaires du premier et du second degré en fonction d’un indicateur de mixité sociale dont les modalités sont définies par décrets en Conseil d’État.")]
    public async Task A_law_calling_for_decrets_in_the_plural_awaits_them_until_a_decret_applies_that_article(string wording)
    {
        var law = Law with { Articles = [Article("3", wording)] };
        var awaiting = Assert.Single(await IngestAsync(law));
        Assert.Equal("⏳ Loi n° 2023-380 : l'article 3 renvoie à des décrets, pas encore publiés", awaiting.Summary.Headline);
        Assert.Contains("Watch vous préviendra de chacun dès sa parution au Journal officiel.", awaiting.Summary.PlainText);

        var decree = DecreeCiting("Vu la loi n° 2023-380 du 19 mai 2023, notamment son article 3 ;");
        var published = Assert.Single(await IngestAsync(decree));
        Assert.Equal("✅ Décret n° 2023-828 publié : il applique l'article 3 de la loi n° 2023-380", published.Summary.Headline);
    }

    [Fact]
    public async Task Several_articles_each_calling_for_a_decree_await_one_each_and_a_decree_applying_two_names_them_once()
    {
        var law = Law with
        {
            Articles =
            [
                Article("3", "Les conditions d'application du présent article sont fixées par décret en Conseil d'État."),
                Article("4", "Un décret détermine les catégories de données enregistrées."),
                Article("5", "Un décret en Conseil d'État fixe la durée de conservation des images."),
            ],
        };
        var awaiting = Assert.Single(await IngestAsync(law));
        Assert.Equal("⏳ Loi n° 2023-380 : les articles 3, 4 et 5 renvoient chacun à un décret, pas encore publié", awaiting.Summary.Headline);
        Assert.Contains("Watch vous préviendra de chacun dès sa parution au Journal officiel.", awaiting.Summary.PlainText);

        var decree = DecreeCiting("Vu la loi n° 2023-380 du 19 mai 2023, notamment ses articles 3 et 4 ;");
        var published = Assert.Single(await IngestAsync(decree));
        Assert.Equal("✅ Décret n° 2023-828 publié : il applique les articles 3 et 4 de la loi n° 2023-380", published.Summary.Headline);
    }

    [Fact]
    public void An_article_numbered_1er_is_the_article_1_decrees_cite()
    {
        // DILA numbers a first article « 1er »; décrets cite it as « article 1er » or « article premier », read as « 1 ».
        var law = Law with { Articles = [Article("1er", "Un décret en Conseil d'État fixe les conditions d'application du présent article.")] };
        var decree = DecreeCiting("Vu la loi n° 2023-380 du 19 mai 2023, notamment son article 1er ;");

        Assert.Equal(ImplementingDecrees.CallsOf(law).Select(a => ("2023-380", a)), ImplementingDecrees.AnswersOf(decree));
    }

    /// <summary>The store, writing each batch a second and a half late.</summary>
    public class SlowCommits : System.Reflection.DispatchProxy
    {
        private IVersionStore _inner = null!;

        public static IVersionStore Around(IVersionStore inner)
        {
            var proxy = Create<IVersionStore, SlowCommits>();
            ((SlowCommits)(object)proxy)._inner = inner;
            return proxy;
        }

        protected override object? Invoke(System.Reflection.MethodInfo? method, object?[]? args)
        {
            if (method!.Name == nameof(IVersionStore.CommitAsync)) Thread.Sleep(1500);
            return method.Invoke(_inner, args);
        }
    }
}
