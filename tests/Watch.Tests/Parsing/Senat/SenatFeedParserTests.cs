using Watch.Parsing.Senat;

namespace Watch.Tests.Parsing.Senat;

public class SenatFeedParserTests
{
    private static SenatFeed Read(string file)
    {
        using var s = SenatFixtures.Open("rss", file);
        return SenatFeedParser.Parse(s, file);
    }

    [Fact]
    public void Reads_an_iso_8859_15_atom_0_3_feed()
    {
        var feed = Read("doslegppl17-699.xml");

        Assert.Equal("Sénat - Instituer un médiateur territorial dans certaines collectivités", feed.Title);
        Assert.Equal("https://www.senat.fr/dossierleg/ppl17-699.html", feed.DossierUrl);
        Assert.Equal(DateTimeOffset.Parse("2019-06-13T14:01:13Z"), feed.Modified);
        Assert.Equal(8, feed.Entries.Count);

        var petiteLoi = feed.Entries[0];
        Assert.Equal("Petite loi", petiteLoi.Title);
        Assert.Equal("https://www.senat.fr/petite-loi-ameli/2018-2019/547.html", petiteLoi.Url); // href was relative
        Assert.Equal(DateTimeOffset.Parse("2019-06-13T14:01:13Z"), petiteLoi.Issued);
        Assert.Equal("Première lecture - Sénat : Petite loi", petiteLoi.Summary);
    }

    [Fact]
    public void Keeps_links_to_other_sites_and_reads_dates()
    {
        var feed = Read("doslegppl18-462.xml");

        Assert.Equal(7, feed.Entries.Count);
        Assert.Equal("http://www.assemblee-nationale.fr/15/propositions/pion2023.asp", feed.Entries[0].Url);
        var deposit = feed.Entries[^1];
        Assert.Equal("Texte n° 462", deposit.Title);
        Assert.Equal("https://www.senat.fr/leg/ppl18-462.html", deposit.Url);
        Assert.Equal(DateTimeOffset.Parse("2019-04-15T22:00:00Z"), deposit.Issued);
        Assert.Contains("François-Noël BUFFET", deposit.Summary);
    }

    [Fact]
    public void Reads_a_long_feed()
    {
        var feed = Read("doslegpjl18-404.xml");

        Assert.Equal(43, feed.Entries.Count);
        Assert.Equal("Texte n° 109", feed.Entries[1].Title);
        Assert.Equal("https://www.senat.fr/leg/tas18-109.html", feed.Entries[1].Url);
        Assert.All(feed.Entries, e => Assert.StartsWith("http", e.Url));
    }
}
