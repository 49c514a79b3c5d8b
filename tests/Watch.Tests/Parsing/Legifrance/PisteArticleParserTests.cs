using Watch.Parsing.Legifrance;

namespace Watch.Tests.Parsing.Legifrance;

public class PisteArticleParserTests
{
    [Fact]
    public void Reads_a_piste_article_like_the_xml_one()
    {
        using var s = LegifranceFixtures.Open("piste-api", "LEGIARTI000006219167.json");
        var a = Assert.Single(PisteArticleParser.Parse(s, "LEGIARTI000006219167.json"));

        Assert.Equal("LEGIARTI000006219167", a.Id);
        Assert.Equal("L121-1", a.Number);
        Assert.Equal("VIGUEUR", a.State);
        Assert.Equal(new DateOnly(2000, 9, 21), a.StartDate); // 969494400000 ms
        Assert.Null(a.EndDate); // 32472144000000 ms = 2999-01-01
        Assert.Equal(("LEGITEXT000005634379", "Code de commerce"), (a.TextCid, a.TextTitle));
        Assert.Equal(5, a.Context.Count);
        Assert.Equal("Partie législative", a.Context[0]);
        Assert.Equal("Section 1 : De la qualité de commerçant.", a.Context[^1]);
        Assert.Equal("Sont commerçants ceux qui exercent des actes de commerce et en font leur profession habituelle.", a.Content);
        Assert.Equal("https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006219167", a.Url);
        Assert.Single(a.Versions);
    }

    [Theory]
    [InlineData(969494400000, "2000-09-21")] // midnight UTC
    [InlineData(969487200000, "2000-09-21")] // midnight Paris (22:00 UTC the day before)
    [InlineData(32472144000000, null)]
    public void Reads_epoch_milliseconds_as_paris_days(long ms, string? expected)
    {
        Assert.Equal(expected is null ? null : DateOnly.Parse(expected), PisteJson.FromEpochMilliseconds(ms));
    }
}
