using Watch.Domain;
using Watch.Parsing.Legifrance;

namespace Watch.Tests.Parsing.Legifrance;

public class LawCitationsTests
{
    [Fact]
    public void Reads_an_article_of_a_law_with_typographic_hyphen()
    {
        // Dispositif of AN amendment CL48 (AMANR5L17PO59051B0134P0D1N000048), as published: U+2011 in the number.
        var text = "L’article 10 de la loi n° 2023\u2011380 du 19 mai 2023 relative aux jeux Olympiques et Paralympiques de 2024 et portant diverses autres dispositions est abrogé.";

        Assert.Equal([new LawCitation("2023-380", "10")], LawCitations.Extract(text));
    }

    [Fact]
    public void Reads_visas_naming_an_article_after_the_title()
    {
        var visas = "Vu la loi n° 2023-380 du 19 mai 2023 relative aux jeux Olympiques et Paralympiques de 2024 et portant diverses autres dispositions, notamment son article 10 ;\n" +
                    "Vu la loi n° 78-17 du 6 janvier 1978 relative à l'informatique, aux fichiers et aux libertés ;";

        Assert.Equal([new LawCitation("2023-380", null), new LawCitation("2023-380", "10"), new LawCitation("78-17", null)],
            LawCitations.Extract(visas));
    }

    [Fact]
    public void The_own_article_of_a_text_whose_title_cites_the_law_is_not_the_law_s()
    {
        var visas = "Vu le décret n° 2023-828 du 28 août 2023 relatif aux modalités de mise en œuvre des traitements algorithmiques sur les images " +
                    "collectées au moyen de systèmes de vidéoprotection et de caméras installées sur des aéronefs, pris en application de l'article 10 " +
                    "de la loi n° 2023-380 du 19 mai 2023 relative aux jeux Olympiques et Paralympiques de 2024 et portant diverses autres dispositions, notamment son article 3 ;";

        Assert.Equal([new LawCitation("2023-380", "10")], LawCitations.Extract(visas));
    }

    [Theory]
    [InlineData("Les articles 1er à 4 de la loi n° 2023-380 du 19 mai 2023 sont applicables.", new[] { "1", "2", "3", "4" })]
    [InlineData("Le présent décret est pris pour l'application des articles 8 à 10 et 15 de la loi n° 2023-380 du 19 mai 2023.", new[] { "8", "9", "10", "15" })]
    [InlineData("Les articles 8 bis à 9 de la loi n° 2023-380 du 19 mai 2023 sont applicables.", new[] { "8 bis", "9" })]
    public void A_range_of_articles_names_every_article_in_it(string text, string[] articles) =>
        Assert.Equal(articles.Select(a => new LawCitation("2023-380", a)), LawCitations.Extract(text));

    [Fact]
    public void Resolves_a_short_citation_by_its_date_and_ignores_code_articles()
    {
        var texts = new[]
        {
            "Vu la loi n° 2023-380 du 19 mai 2023 relative aux jeux Olympiques et Paralympiques de 2024 ;",
            "Les articles 9 et 10 de la loi du 19 mai 2023 susvisée s'appliquent. L'article L. 251-2 du code de la sécurité intérieure est modifié.",
        };

        Assert.Equal([new LawCitation("2023-380", null), new LawCitation("2023-380", "9"), new LawCitation("2023-380", "10")],
            LawCitations.Extract(texts));
        Assert.Empty(LawCitations.Extract("Le I de l'article 10 de la loi du 19 mai 2023 susvisée")); // no number known
    }

    [Fact]
    public void A_loi_organique_and_a_loi_of_the_same_day_are_told_apart_in_short_citations()
    {
        // The two intelligence laws of 24 July 2015, as décrets cite them.
        var texts = new[]
        {
            "Vu la loi organique n° 2015-911 du 24 juillet 2015 relative à la nomination du président de la commission nationale de contrôle des techniques de renseignement ;",
            "Vu la loi n° 2015-912 du 24 juillet 2015 relative au renseignement ;",
            "Le présent décret est pris pour l'application de l'article 2 de la loi du 24 juillet 2015 susvisée et de l'article 1er de la loi organique du 24 juillet 2015 susvisée.",
        };

        Assert.Equal([new LawCitation("2015-911", null), new LawCitation("2015-912", null), new LawCitation("2015-912", "2"), new LawCitation("2015-911", "1")],
            LawCitations.Extract(texts));
    }
}
