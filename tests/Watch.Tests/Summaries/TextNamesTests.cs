using Watch.Summaries;

namespace Watch.Tests.Summaries;

/// <summary>Text uids as the AN open data gives them (these appear in the recorded dossiers and amendments) and what a reader calls them.</summary>
public class TextNamesTests
{
    [Theory]
    [InlineData("PRJLANR5L15B0424", "projet de loi n° 424")]
    [InlineData("PIONANR5L17B0134", "proposition de loi n° 134")]
    [InlineData("PIONANR5L17BTC0636", "texte de la commission n° 636")]
    [InlineData("PRJLANR5L15BTA0302", "texte adopté n° 302")]
    [InlineData("RAPPANR5L15B0575", "texte n° 575")]
    [InlineData("DLR5L16N49176", "texte DLR5L16N49176")]
    [InlineData("an:14:996", "texte n° 996 (14e législature)")] // before the open data: LegacyAmendment's key
    public void Names_an_assemblee_text_by_its_stage_and_number(string uid, string name) =>
        Assert.Equal(name, TextNames.Assemblee(uid));

    [Fact]
    public void Names_an_assemblee_text_by_who_drew_it_up_when_its_cover_says_it() =>
        Assert.Equal("texte n° 3046 élaboré par la commission mixte paritaire", TextNames.Assemblee("PRJLANR5L17BTC3046", "la commission mixte paritaire"));

    [Theory]
    [InlineData("tas24-021", "texte adopté n° 21 (2024-2025)")] // the recorded Akoma Ntoso text, adopted on 5 November 2024
    [InlineData("ppl23-756", "proposition de loi n° 756 (2023-2024)")] // its dossier's proposition, filed on 11 September 2024
    [InlineData("pjl17-063", "projet de loi n° 63 (2017-2018)")] // the recorded Sénat bill page
    public void Names_a_senat_text_by_its_kind_number_and_session(string name, string expected) =>
        Assert.Equal(expected, TextNames.Senat(name));

    [Fact]
    public void Names_a_senat_commission_text_as_the_dossier_page_does() =>
        // Filed as « ppl24-099 », the step « de la commission » of tas24-021's workflow; the Sénat's pages say « texte de la commission n° 630 (2016-2017) ».
        Assert.Equal("texte de la commission n° 99 (2024-2025)", TextNames.Senat("ppl24-099", "la commission des lois"));
}
