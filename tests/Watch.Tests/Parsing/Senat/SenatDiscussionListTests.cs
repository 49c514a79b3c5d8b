using System.Text;
using System.Text.Json.Nodes;
using Watch.Parsing;
using Watch.Parsing.Senat;

namespace Watch.Tests.Parsing.Senat;

public class SenatDiscussionListTests
{
    private static SenatDiscussionList Read(string file)
    {
        using var s = SenatFixtures.Open("ameli", file);
        return SenatDiscussionListParser.Parse(s, file);
    }

    [Fact]
    public void Reads_outcomes_and_sous_amendements()
    {
        var list = Read("liste_discussion_610.json");

        Assert.Equal("ppl16-610", list.DossierSignet);
        Assert.Equal("Qualité des études d'impact", list.Title);
        Assert.Equal(("2016-2017", "610"), (list.Session, list.TextNumber));
        Assert.Equal(14, list.Entries.Count);
        Assert.Equal(8, list.Entries.Count(e => e.Sort == "Adopté"));
        Assert.Equal(4, list.Entries.Count(e => e.Sort == "Rejeté"));
        Assert.Equal(2, list.Entries.Count(e => e.Sort == "Irrecevable"));
        Assert.Equal(8, list.Entries.Count(e => e.IsAdopte));

        var first = list.Entries[0];
        Assert.Equal(("COM-12", "Mme LAMURE", "Article 1er"), (first.Number, first.Author, first.Subdivision));
        Assert.Equal("https://www.senat.fr/amendements/commissions/2016-2017/610/Amdt_COM-12.html", first.Url);
        Assert.False(first.IsSousAmendement);
        Assert.Null(first.ParentId);

        var sub = Assert.Single(list.Entries, e => e.IsSousAmendement);
        Assert.Equal("COM-15", sub.Number);
        Assert.Equal("1109665", sub.ParentId);
        Assert.Equal("COM-9", sub.ParentNumber);
        Assert.True(sub.IsAdopte);
    }

    [Fact]
    public void Reads_a_list_saved_with_a_utf8_byte_order_mark()
    {
        byte[] marked = [0xEF, 0xBB, 0xBF, .. SenatFixtures.Bytes("ameli", "liste_discussion_610.json")];

        var list = SenatDiscussionListParser.Parse(new MemoryStream(marked), "liste_discussion_610.json");

        Assert.Equal(Read("liste_discussion_610.json").Entries, list.Entries);
    }

    [Fact]
    public void Reads_a_seance_list_not_yet_examined()
    {
        var list = Read("liste_discussion_103394.json");

        Assert.Equal("pjlf2019", list.DossierSignet);
        Assert.Equal(("2018-2019", "146"), (list.Session, list.TextNumber));
        Assert.Equal(10, list.Entries.Count);
        Assert.All(list.Entries, e => Assert.Null(e.Sort));
        Assert.All(list.Entries, e => Assert.False(e.IsAdopte));
        Assert.Equal("https://www.senat.fr/amendements/2018-2019/146/Amdt_II-7.html", list.Entries.Single(e => e.Number == "II-7").Url);
    }

    /// <summary>
    /// A subdivision or an amendment written as something else than an object (null, a string) is the list's fault, told
    /// as such: not an InvalidOperationException from the JSON reader, which would end the whole source run.
    /// </summary>
    [Theory]
    [InlineData("amendment", "null")]
    [InlineData("amendment", "\"COM-12\"")]
    [InlineData("subdivision", "null")]
    public void An_entry_that_is_not_an_object_is_a_parse_error(string entry, string value)
    {
        var list = JsonNode.Parse(SenatFixtures.Bytes("ameli", "liste_discussion_610.json"))!;
        var subdivisions = list["Subdivisions"]!.AsArray();
        var withAmendments = subdivisions.First(s => s!["Amendements"]!.AsArray().Count > 0)!;
        if (entry == "amendment") withAmendments["Amendements"]![0] = JsonNode.Parse(value);
        else subdivisions[subdivisions.IndexOf(withAmendments)] = JsonNode.Parse(value);

        var e = Assert.Throws<ParseException>(() =>
            SenatDiscussionListParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(list.ToJsonString())), "liste_discussion.json"));
        Assert.Contains($"{(entry == "amendment" ? "an amendment" : "a subdivision")} that is not a JSON object", e.Message);
    }
}
