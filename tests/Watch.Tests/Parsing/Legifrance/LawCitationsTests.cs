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
}
