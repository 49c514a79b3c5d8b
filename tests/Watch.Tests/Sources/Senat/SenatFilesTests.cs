using Watch.Domain;
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
}
