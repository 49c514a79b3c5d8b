using Watch.Domain;
using Watch.Relevance;

namespace Watch.Tests.Domain;

/// <summary>How messages name articles and annexes, from the numbers the text parsers give them or from their keys.</summary>
public sealed class ArticleNamesTests
{
    [Theory]
    [InlineData("7 bis", "article 7 bis")]
    [InlineData("1", "article 1er")]
    [InlineData("annexe A", "annexe A")]
    [InlineData("annexe a", "annexe A")] // from a key, lower case
    [InlineData("annexe", "annexe")]
    [InlineData("annexe viii", "annexe VIII")] // from a key, a roman number
    public void Names_an_article_or_an_annex(string number, string named) => Assert.Equal(named, ArticleRef.Named(number));

    [Theory]
    [InlineData(new[] { "7" }, "article 7")]
    [InlineData(new[] { "3", "4" }, "articles 3 et 4")]
    [InlineData(new[] { "7", "29 bis", "29 ter", "30" }, "articles 7, 29 bis et 2 autres")]
    [InlineData(new[] { "7", "29 bis", "29 ter" }, "articles 7, 29 bis et 29 ter")]
    [InlineData(new[] { "annexe A", "annexe b" }, "annexes A et B")]
    [InlineData(new[] { "7", "annexe A" }, "article 7 et annexe A")]
    public void Names_several_together_counting_those_beyond_two(string[] numbers, string named) =>
        Assert.Equal(named, ArticleRef.NamedTogether(numbers, max: 2));

    [Fact]
    public void Names_every_one_when_no_limit_is_given() =>
        Assert.Equal("articles 1er, 2, 3, 4 et 5", ArticleRef.NamedTogether(["1", "2", "3", "4", "5"]));

    [Theory]
    [InlineData("RAPPORT ANNEXÉ", "l'article premier (rapport annexé)")]
    [InlineData("RAPPORT ANNEXE", "l'article premier (rapport annexé)")] // capitals without accents
    [InlineData("ETAT B", "l'article premier (état B)")]
    public void An_annex_reads_as_messages_write_it(string annex, string french) =>
        Assert.Equal(french, (ArticleRef.FromDesignation("ART. PREMIER")! with { Annex = annex }).ToFrench());

    [Fact]
    public void A_followed_annex_is_told_as_an_annex() =>
        Assert.Equal("annexe A (PRJLANR5L17B1470)", RelevanceResult.TrackedPhrase("PRJLANR5L17B1470#annexe a"));
}
