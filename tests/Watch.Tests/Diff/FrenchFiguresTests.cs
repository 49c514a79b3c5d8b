using Watch.Diff;

namespace Watch.Tests.Diff;

public class FrenchFiguresTests
{
    [Theory]
    [InlineData("jusqu'au 31 mars 2025 inclus", FigureKind.Date, "31 mars 2025")]
    [InlineData("à compter du 1er mars 2027", FigureKind.Date, "1er mars 2027")]
    [InlineData("pendant une durée de douze mois au plus", FigureKind.Duration, "douze mois")]
    [InlineData("dans un délai de vingt-quatre mois", FigureKind.Duration, "vingt-quatre mois")]
    [InlineData("au moins trois jours francs avant", FigureKind.Duration, "trois jours francs")]
    [InlineData("dans la limite de 0,13 % du chiffre", FigureKind.Percentage, "0,13 %")]
    [InlineData("une amende de 3 750 euros", FigureKind.Amount, "3 750 euros")]
    [InlineData("le montant de 6,0 milliards d'euros correspondant", FigureKind.Amount, "6,0 milliards d'euros")]
    [InlineData("l'année : « 2011 » est remplacée", FigureKind.Year, "2011")]
    public void Finds_french_figures(string text, FigureKind kind, string figure)
    {
        var found = Assert.Single(FrenchFigures.Find(text));
        Assert.Equal((kind, figure), (found.Kind, found.Text));
    }

    [Theory]
    [InlineData("la loi n° 2000-321 du 12 avril 2000 relative aux droits des citoyens")]
    [InlineData("au sens de l'article L. 2016-3 du code")]
    public void Ignores_law_citations(string text) => Assert.Empty(FrenchFigures.Find(text));

    [Theory]
    [InlineData("douze mois", "12 mois")]
    [InlineData("45 000 euros", "45 000 €")]
    [InlineData("quatre-vingt-dix jours", "90 jours")]
    [InlineData("vingt et un jours", "21 jours")]
    [InlineData("1er janvier 2019", "premier janvier 2019")]
    [InlineData("5 %", "5 pour cent")]
    public void Same_value_in_two_spellings_is_not_a_change(string a, string b) =>
        Assert.Equal(FrenchFigures.Canonical(a), FrenchFigures.Canonical(b));
}
