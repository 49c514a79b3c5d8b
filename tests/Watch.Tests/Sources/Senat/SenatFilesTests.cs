using System.Text;
using System.Text.RegularExpressions;
using Watch.Domain;
using Watch.Parsing.Senat;
using Watch.Parsing;
using Watch.Tests.Parsing.Senat;

namespace Watch.Tests.Sources.Senat;

/// <summary>The Sénat branches of <see cref="ItemFiles"/>: Ameli CSV (first line "sep=") and Akoma Ntoso, on the real files.</summary>
public sealed class SenatFilesTests
{
    [Fact]
    public void ItemFiles_reads_an_Ameli_export()
    {
        var items = ItemFiles.Parse(SenatFixtures.Bytes("ameli", "jeu_complet_commission_2013-2014_310.csv"), "jeu_complet_commission_2013-2014_310.csv");
        Assert.Equal(127, items.Count);
        Assert.All(items, i => Assert.Equal("senat:2013-2014:310", Assert.IsType<Amendment>(i).TextRef));
    }

    [Fact]
    public void ItemFiles_reads_an_Akoma_Ntoso_text()
    {
        var text = Assert.IsType<LegislativeText>(Assert.Single(ItemFiles.Parse(SenatFixtures.Bytes("akn", "tas24-021.akn.xml"), "tas24-021.akn.xml")));
        Assert.Equal("senat:texte:tas24-021", text.Id);
        Assert.Equal("ppl23-756", text.DossierSignet);
        Assert.Contains("ppl23-756", text.TrackingKeys);
        Assert.Contains("senat:dossier:ppl23-756", text.TrackingKeys);
        Assert.All(text.Articles, a => Assert.False(string.IsNullOrWhiteSpace(a.Number)));
        Assert.Contains(text.Articles, a => a.Text.Contains("code de procédure pénale"));
    }

    [Theory]
    [InlineData("tas24-021", 3)] // « /akn/fr/ppl/2024/TA21/fr@ », adopté par le Sénat
    [InlineData("ppl23-756", 1)] // « /akn/fr/ppl/2023/756/fr@ », déposé au Sénat
    [InlineData("ppl24-099", 2)] // « /akn/fr/ppl/2024/99/fr@ », texte de la commission
    [InlineData("tas24-099", 3)] // the adopted texts' numbers are another series: not the commission's 99
    [InlineData("pjl16-587", 3)] // a name no step links: the file's last step
    public void An_Akoma_Ntoso_text_knows_its_step_in_the_dossier_s_workflow(string name, int step)
    {
        var text = SenatAknText.Read(SenatFixtures.Bytes("akn", "tas24-021.akn.xml"), name, new Uri($"https://www.senat.fr/akomantoso/{name}.akn.xml"), null);

        Assert.Equal(step, text.WorkflowStep);
    }

    [Theory]
    [InlineData("ppl24-099", "la commission des lois constitutionnelles, de législation, du suffrage universel, du Règlement et d'administration générale")]
    [InlineData("ppl23-756", null)] // filed by the Sénat's members, not drawn up by a commission
    [InlineData("tas24-021", null)] // adopted by the Sénat
    [InlineData("pjl16-587", null)] // no step names it: the last step's organ says nothing of it
    public void An_Akoma_Ntoso_text_says_which_commission_drew_it_up(string name, string? draftedBy)
    {
        // The workflow's second step: « de la commission », by="#commission-senat", href="/akn/fr/ppl/2024/99/fr@".
        var text = SenatAknText.Read(SenatFixtures.Bytes("akn", "tas24-021.akn.xml"), name, new Uri($"https://www.senat.fr/akomantoso/{name}.akn.xml"), null);

        Assert.Equal(draftedBy, text.DraftedBy);
    }

    [Fact]
    public void A_file_no_step_names_is_not_said_drawn_up_by_the_commission_whose_step_is_last()
    {
        // The workflow as it stood before the séance: the commission's text is its last step.
        var xml = Regex.Replace(Encoding.UTF8.GetString(SenatFixtures.Bytes("akn", "tas24-021.akn.xml")), "<step [^>]*eId=\"etape_03\"[^>]*/>", "");

        var text = SenatAknText.Read(Encoding.UTF8.GetBytes(xml), "pjl16-587", new Uri("https://www.senat.fr/akomantoso/pjl16-587.akn.xml"), null);

        Assert.Equal(2, text.WorkflowStep);
        Assert.Null(text.DraftedBy);
    }

    [Fact]
    public void A_workflow_step_taken_by_the_Assemblee_does_not_name_a_Senat_file()
    {
        // The Assemblée numbers its texts in its own series: its step « …/2023/756/fr@ » is not the Sénat's ppl23-756.
        var xml = Encoding.UTF8.GetString(SenatFixtures.Bytes("akn", "tas24-021.akn.xml"))
            .Replace("by=\"#senat\" refersTo=\"#lecture_1\" eId=\"etape_01\"", "by=\"#assemblee-nationale\" refersTo=\"#lecture_1\" eId=\"etape_01\"");

        var text = SenatAknText.Read(Encoding.UTF8.GetBytes(xml), "ppl23-756", new Uri("https://www.senat.fr/akomantoso/ppl23-756.akn.xml"), null);

        Assert.Equal(3, text.WorkflowStep);
    }
}
