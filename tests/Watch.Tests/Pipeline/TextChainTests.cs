using Microsoft.Extensions.DependencyInjection;
using Watch.Domain;
using Watch.Parsing;
using Watch.Parsing.Senat;
using Watch.Parsing.Texts;
using Watch.Pipeline;
using Watch.Tests.Parsing.Senat;
using Watch.Tests.Sources.AssembleeNationale;
using static Watch.Tests.Parsing.Texts.TextFixtures;

namespace Watch.Tests.Pipeline;

/// <summary>
/// A watched article followed from one chamber's text to the other's, through the AN dossier « Fonction publique : un État
/// au service d'une société de confiance » (DLR5L15N36159, recorded): its acts name the text the Assemblée adopted
/// (PRJLANR5L15BTA0073), the bill the Sénat received (PRJLSNR5S299B0259, the Sénat's pjl17-259), the text the Sénat
/// adopted (…BTA0075, tas17-075) and the Assemblée's next text (PRJLANR5L15B0806). The texts' articles are ppl11-290's,
/// recorded, whose commission folded article 3 into article 2.
/// </summary>
public sealed class TextChainTests
{
    private const string AnDossierUrl = "http://www.assemblee-nationale.fr/15/dossiers/DLR5L15N36159.asp";

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // the Sénat's text read before the AN dossier names it
    public async Task An_article_watched_in_the_assemblee_s_text_is_followed_in_the_bill_the_senat_received(bool dossierFirst)
    {
        var (adopted, received) = (AsAssemblee(Read(Step0), "PRJLANR5L15BTA0073"), SenatText(Read(Step1), "pjl17-259", step: 1));
        var amended = new Dictionary<string, string?> { ["Watchlist:WatchedArticles:100:Key"] = "PRJLANR5L15BTA0073#3" };

        var followed = await FollowedAsync(amended, dossierFirst ? [[Dossier()], [adopted], [received]] : (WatchItem[][])[[adopted], [received], [Dossier()]],
            new[] { "1", "2", "3" }.Select(a => SenatAmendment("senat:2017-2018:259", a)));

        Assert.Equal(["senat:2017-2018:259#2"], followed);
    }

    [Fact]
    public async Task An_article_watched_in_the_senat_s_adopted_text_is_followed_in_the_assemblee_s_next_text()
    {
        var (senate, next) = (SenatText(Read(Step0), "tas17-075", step: 3), AsAssemblee(Read(Step1), "PRJLANR5L15B0806"));
        var amended = new Dictionary<string, string?> { ["Watchlist:WatchedArticles:100:Key"] = "tas17-075#3" };

        var followed = await FollowedAsync(amended, [[Dossier()], [senate], [next]],
            new[] { "1", "2", "3" }.Select(a => SenatAmendment("PRJLANR5L15B0806", a)));

        Assert.Equal(["PRJLANR5L15B0806#2"], followed);
    }

    /// <summary>The keys of <paramref name="amendments"/> found relevant once the batches are read in turn.</summary>
    private static async Task<IReadOnlyList<string>> FollowedAsync(Dictionary<string, string?> watchlist, WatchItem[][] batches, IEnumerable<Amendment> amendments)
    {
        using var host = new TestHost();
        await using var watch = host.Build(new Dictionary<string, string?>(watchlist)
        {
            ["Watchlist:WatchedArticles:100:Topics:0"] = "renseignement",
            ["Watchlist:WatchedArticles:100:Label"] = "l'article suivi",
        });
        var pipeline = watch.GetRequiredService<IngestPipeline>();
        foreach (var batch in batches) await pipeline.IngestAsync(batch, CancellationToken.None);
        var relevant = (await pipeline.IngestAsync(amendments.ToList(), CancellationToken.None)).Relevant;
        return relevant.Select(r => (Amendment)r.Item).Select(a => ArticleRef.Key(a.TextRef, a.Article!.Number!)).ToList();
    }

    private static Dossier Dossier()
    {
        var dossier = (Dossier)Assert.Single(ItemFiles.Parse(File.ReadAllBytes(Recorded.Fixtures("dossiers", "dossier-DLR5L15N36159.json")), "dossier-DLR5L15N36159.json"));
        Assert.Equal("http://www.senat.fr/dossier-legislatif/pjl17-259.html", dossier.SenatUrl);
        Assert.Equal(["PRJLANR5L15BTA0073", "PRJLSNR5S299B0259"], dossier.TextRefs.Where(r => r is "PRJLANR5L15BTA0073" or "PRJLSNR5S299B0259"));
        return dossier;
    }

    /// <summary>A Sénat text as its Akoma Ntoso file names itself: its dossier, its step in it, and the AN's dossier (url-AN).</summary>
    private static LegislativeText SenatText(TextVersion version, string name, int step) => new()
    {
        Id = LegislativeText.SenatId(name),
        Chamber = Chamber.Senat,
        Url = $"https://www.senat.fr/akomantoso/{name}.akn.xml",
        Name = name,
        ShortTitle = version.Title,
        DossierSignet = "pjl17-259",
        DossierUrl = "https://www.senat.fr/dossier-legislatif/pjl17-259.html",
        AssembleeUrl = AnDossierUrl,
        WorkflowStep = step,
        Articles = version.StoredArticles(),
    };

    /// <summary>A real Sénat amendment (the first of text 310, 2013-2014, irrelevant on its own words) put on another text and article.</summary>
    private static Amendment SenatAmendment(string text, string article) =>
        SenatAmendmentCsv.Read(new MemoryStream(SenatFixtures.Bytes("ameli", "jeu_complet_commission_2013-2014_310.csv")), "jeu_complet_commission_2013-2014_310.csv")
            .First() with { Id = $"{text}-{article}", TextRef = text, Article = ArticleRef.FromDesignation($"Article {article}") };
}
