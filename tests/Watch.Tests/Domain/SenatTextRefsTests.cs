using Watch.Domain;

namespace Watch.Tests.Domain;

public sealed class SenatTextRefsTests
{
    /// <summary>
    /// The AN's recorded dossiers name the Sénat's texts by their own uids: DLR5L15N36159 (Sénat page pjl17-259) names
    /// PRJLSNR5S299B0259 as the Sénat's deposit, DLR5L15N37055 (pjl18-323) PRJLSNR5S319B0323; the Sénat's adopted texts are
    /// numbered apart (tas24-021 is the 21st of 2024-2025), its reports share the bills' numbers and are not texts.
    /// </summary>
    [Theory]
    [InlineData("PRJLSNR5S299B0259", "pjl17-259", true)]
    [InlineData("PRJLSNR5S319B0323", "pjl18-323", true)]
    [InlineData("PRJLSNR5S299BTC0330", "pjl17-330", true)]
    [InlineData("PRJLSNR5S299BTA0075", "tas17-075", true)]
    [InlineData("PRJLSNR5S299BTA0075", "pjl17-075", false)]
    [InlineData("PRJLSNR5S299B0259", "tas17-259", false)]
    [InlineData("PRJLSNR5S299B0259", "pjl17-260", false)]
    [InlineData("RAPPSNR5S299B0329", "pjl17-329", false)]
    [InlineData("PRJLANR5L15BTA0073", "tas17-073", false)]
    [InlineData("PRJLSNR5S299B0259", "senat:2017-2018:259", false)]
    public void An_an_ref_names_the_senat_text_of_its_number_and_kind(string anRef, string senatName, bool names)
    {
        Assert.Equal(names, SenatTextRefs.Names(anRef, senatName));
    }

    [Theory]
    [InlineData("PRJLSNR5S299B0259", true)]
    [InlineData("PIONSNR5S359B0735", true)]
    [InlineData("RAPPSNR5S299B0329", false)]
    [InlineData("PRJLANR5L15B0424", false)]
    public void Only_the_senat_s_bills_and_texts_are_senat_texts(string anRef, bool isSenatText)
    {
        Assert.Equal(isSenatText, SenatTextRefs.IsSenatText(anRef));
    }
}
