using Watch.Domain;
using Watch.Parsing;

namespace Watch.Tests.Sources.AssembleeNationale;

/// <summary><c>watch classify</c>'s reader recognises agenda meetings, votes and dossiers, alone or zipped.</summary>
public sealed class ItemFilesAnKindsTests : IDisposable
{
    private readonly string _zip = Path.Combine(Path.GetTempPath(), $"watch-classify-{Guid.NewGuid():N}.zip");

    public void Dispose() => File.Delete(_zip);

    [Fact]
    public void Each_AN_dataset_is_recognised_by_its_content()
    {
        Assert.All(ItemFiles.Parse(File.ReadAllBytes(Recorded.Fixtures("reunions", "RUANR5L17S2025IDS29017.json")), "r"), i => Assert.IsType<AgendaItem>(i));
        Assert.Equal(8, ItemFiles.Parse(File.ReadAllBytes(Recorded.Fixtures("reunions", "RUANR5L17S2025IDS29017.json")), "r").Count);
        Assert.IsType<Vote>(Assert.Single(ItemFiles.Parse(File.ReadAllBytes(Recorded.Fixtures("scrutins", "VTANR5L17V788.json")), "v")));
        Assert.IsType<Dossier>(Assert.Single(ItemFiles.Parse(File.ReadAllBytes(Recorded.Fixtures("dossiers", "dossier-DLR5L15N37055.json")), "d")));
    }

    [Fact]
    public void A_zip_of_them_is_read_entry_by_entry_even_after_listing_first()
    {
        File.WriteAllBytes(_zip, OpenDataServer.Zip(Recorded.Entries(Recorded.Fixtures("scrutins"))));

        var files = ItemFiles.Enumerate(_zip).ToList();

        Assert.Equal(4, files.Count);
        Assert.All(files, f => Assert.IsType<Vote>(Assert.Single(ItemFiles.Parse(f.Read(), f.Name))));
    }

    [Fact]
    public void A_zip_that_is_an_HTML_page_says_so()
    {
        File.WriteAllText(_zip, "<!DOCTYPE html><html><body>Erreur</body></html>");
        var e = Assert.Throws<ParseException>(() => ItemFiles.Enumerate(_zip).ToList());
        Assert.StartsWith("not a zip archive: the server sent an HTML or XML page instead", e.Problem);
    }
}
