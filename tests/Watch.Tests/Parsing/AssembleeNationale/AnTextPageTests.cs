using System.Text;
using Watch.Domain;
using Watch.Parsing.AssembleeNationale;
using Watch.Parsing.Texts;
using static Watch.Tests.Parsing.Texts.TextFixtures;

namespace Watch.Tests.Parsing.AssembleeNationale;

/// <summary>
/// The Assemblée's current text pages (<c>/dyn/opendata/{uid}.html</c>) on a recorded one: the CMP text of the
/// projet de loi « justice criminelle et respect des victimes » (PRJLANR5L17BTC3046), trimmed to five articles.
/// </summary>
public class AnTextPageTests
{
    private static readonly Uri Url = new("https://www.assemblee-nationale.fr/dyn/opendata/PRJLANR5L17BTC3046.html");

    private static byte[] Page() => File.ReadAllBytes(PathOf(Prjlan3046));

    [Fact]
    public void Reads_the_articles_their_divisions_and_the_title_of_the_cover()
    {
        var text = BillPage.Read(Page(), "PRJLANR5L17BTC3046", Url);

        Assert.Equal("an:texte:PRJLANR5L17BTC3046", text.Id);
        Assert.Equal(Chamber.AssembleeNationale, text.Chamber);
        Assert.Equal(Url.AbsoluteUri, text.Url);
        // The page's <title> is only the uid; the cover says what the bill is.
        Assert.Equal("Projet de loi sur la justice criminelle et le respect des victimes", text.ShortTitle);
        Assert.Equal(["1", "1 bis", "2", "2 bis", "3"], text.Articles.Select(a => a.Number));
        Assert.Equal("Article 1er bis", text.Articles[1].Label);
        Assert.StartsWith("TITRE Ier – DISPOSITIONS TENDANT À L'AMÉLIORATION", text.Articles[0].SectionPath[0]);
        Assert.StartsWith("I. - Le code de procédure pénale est ainsi modifié :", text.Articles[0].Text);
        Assert.Contains("PRJLANR5L17BTC3046", text.TrackingKeys);
        // A « TC » uid, but the cover says who drew it up: « texte ÉLABORÉ PAR » / « LA Commission Mixte Paritaire ».
        Assert.Equal("la commission mixte paritaire", text.DraftedBy);
    }

    [Fact]
    public void A_quoted_article_or_division_inside_an_article_stays_text()
    {
        var page = Encoding.UTF8.GetString(Page());
        var firstAlinea = page.IndexOf("<p class=\"assnatLoiTexte\">", StringComparison.Ordinal);
        Assert.True(firstAlinea > 0);
        // An article of a code quoted by the bill, as the AN marks it: the "…0" classes.
        var quoted = "<p class=\"assnat9ArticleNum0\">Article 3</p><p class=\"assnat4TitreNum0\">TITRE II</p>";
        var withQuote = Encoding.UTF8.GetBytes(page.Insert(firstAlinea, quoted));

        var text = BillPage.Read(withQuote, "PRJLANR5L17BTC3046", Url);

        Assert.Equal(["1", "1 bis", "2", "2 bis", "3"], text.Articles.Select(a => a.Number));
        Assert.StartsWith("Article 3\nTITRE II\nI. - Le code de procédure pénale", text.Articles[0].Text);
    }

    [Fact]
    public void A_page_without_articles_is_a_clear_error()
    {
        var cover = Encoding.UTF8.GetBytes("<!DOCTYPE html><html lang=\"fr-FR\"><head><meta charset=\"utf-8\"><title>PIONANR5L17B0134</title></head><body><div class=\"assnatSection1\"><p>PROPOSITION DE LOI</p></div></body></html>");

        var error = Assert.Throws<TextFormatException>(() => BillPage.Read(cover, "PIONANR5L17B0134", Url));
        Assert.Contains("sans aucun article", error.Message);
    }

    [Fact]
    public void A_Senat_page_where_the_Assemblee_s_text_was_expected_is_refused()
    {
        var senatPage = File.ReadAllBytes(PathOf(Pjl17063));

        Assert.Equal(Chamber.Senat, BillPage.Read(senatPage, "pjl17-063", new Uri("https://www.senat.fr/leg/pjl17-063.html")).Chamber);
        var error = Assert.Throws<TextFormatException>(() => BillPage.Read(senatPage, "PIONANR5L17B0134", Url, Chamber.AssembleeNationale));
        Assert.Contains("reçu une page du Sénat", error.Message);
    }

    [Theory]
    [InlineData("PIONANR5L17B0134", true)]
    [InlineData("PIONANR5L17BTC0636", true)]
    [InlineData("PRJLANR5L17BTC3046", true)]
    [InlineData("PRJLANR5L17B0324", true)]
    [InlineData("AMANR5L17PO59051B0134P0D1N000001", false)]
    [InlineData("RAPPANR5L17B0575", false)]
    [InlineData("DLR5L16N49176", false)]
    public void Tells_bill_texts_from_other_publications(string uid, bool billText) =>
        Assert.Equal(billText, PublicationList.IsBillText(uid));
}
