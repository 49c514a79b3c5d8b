using System.Formats.Tar;
using System.IO.Compression;
using Watch.Domain;
using Watch.Parsing.Legifrance;

namespace Watch.Tests.Parsing.Legifrance;

public class DilaXmlReaderTests
{
    private static DilaDocument Read(params string[] path)
    {
        using var s = LegifranceFixtures.Open(path);
        return DilaXmlReader.Read(s, path[^1]);
    }

    [Fact]
    public void Reads_a_legi_article()
    {
        var a = Assert.IsType<DilaArticle>(Read("legi-xml", "LEGIARTI000006398122.xml")).Article;

        Assert.Equal("LEGIARTI000006398122", a.Id);
        Assert.Equal("1", a.Number);
        Assert.Equal("LEGI", a.Origin);
        Assert.Equal("ABROGE", a.State);
        Assert.Equal(new DateOnly(1952, 6, 29), a.StartDate);
        Assert.Equal(new DateOnly(2001, 1, 1), a.EndDate);
        Assert.Equal("LEGITEXT000006070666", a.TextCid);
        Assert.Equal("Code des instruments monétaires et des médailles", a.TextTitle);
        Assert.Equal(["Chapitre I : Monnaies et médailles", "Section I : Fabrication des monnaies et médailles",
            "Paragraphe I : Frappe des monnaies métalliques."], a.Context);
        Assert.Equal("La fabrication des monnaies est exécutée par voie de régie administrative, sous l'autorité du ministre de l'économie et des finances.", a.Content);
        Assert.Equal("https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006398122", a.Url);
        Assert.Equal("", a.Nota);
    }

    [Fact]
    public void Reads_a_large_article_and_its_versions()
    {
        var a = Assert.IsType<DilaArticle>(Read("legi-xml", "cas-extremes", "LEGIARTI000019325262.xml")).Article;

        Assert.Equal("Annexe 2-4", a.Number);
        Assert.Equal("MODIFIE", a.State);
        Assert.Equal((new DateOnly(2004, 10, 26), new DateOnly(2007, 11, 9)), (a.StartDate, a.EndDate));
        Assert.Equal("Code de l'action sociale et des familles", a.TextTitle);
        Assert.Equal(["Annexe"], a.Context);
        Assert.StartsWith("GUIDE-BARÈME POUR L'ÉVALUATION DES DÉFICIENCES ET INCAPACITÉS DES PERSONNES HANDICAPÉES\nLe chapitre Ier comprend :", a.Content);
        Assert.EndsWith("-défiguration complète interdisant toute vie sociale et professionnelle.", a.Content);
        Assert.Equal(2, a.Versions.Count);
        Assert.Equal(new OfficialArticleVersion("LEGIARTI000027037614", "Annexe 2-4", "VIGUEUR", new DateOnly(2007, 11, 9), null), a.Versions[1]);
    }

    [Fact]
    public void Reads_a_text_version()
    {
        var t = Assert.IsType<DilaTextVersion>(Read("legi-xml", "version", "LEGITEXT000006070666.xml")).Text;

        Assert.Equal("LEGITEXT000006070666", t.Id);
        Assert.Equal(ItemKind.OfficialText, t.Kind);
        Assert.Equal(Chamber.JournalOfficiel, t.Chamber);
        Assert.Equal("CODE", t.Nature);
        Assert.Equal("LEGI", t.Origin);
        Assert.Equal("LEGITEXT000006070666", t.Cid);
        Assert.Null(t.Number);
        Assert.Null(t.Nor);
        Assert.Null(t.PublicationDate); // 2999-01-01 means none
        Assert.Equal("Code des instruments monétaires et des médailles", t.ShortTitle);
        Assert.Equal(t.ShortTitle, t.Title);
        Assert.Null(t.FullTitle); // TITREFULL is the same
        Assert.Equal("VIGUEUR", t.State);
        Assert.Equal(new DateOnly(1952, 6, 29), t.InForceFrom);
        Assert.Null(t.InForceUntil);
        Assert.Equal("", t.Visas);
        Assert.Equal("https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006070666", t.Url);
    }

    [Fact]
    public void Reads_structures_in_published_order()
    {
        var text = Assert.IsType<DilaStructure>(Read("legi-xml", "struct", "LEGITEXT000006070666.xml"));
        var section = Assert.IsType<DilaStructure>(Read("legi-xml", "LEGISCTA000006135575.xml"));

        Assert.Equal(4, text.Children.Count);
        Assert.All(text.Children, c => Assert.True(c.IsSection));
        Assert.Equal(("LEGISCTA000006088037", "Chapitre II : Billets de banque", "ABROGE"), (text.Children[1].Id, text.Children[1].Label, text.Children[1].State));

        Assert.Equal("Paragraphe II : Frappe des médailles.", section.Title);
        Assert.Equal(8, section.Children.Count);
        Assert.Equal(new DilaLink("LEGIARTI000006398192", false, "9", "VIGUEUR"), section.Children[0]);
        Assert.Equal(4, section.Children.Count(c => c.Label == "11"));
    }

    [Fact]
    public void Assembles_a_text_from_its_version_and_article_files()
    {
        using var v = LegifranceFixtures.Open("legi-xml", "version", "LEGITEXT000006070666.xml");
        using var a = LegifranceFixtures.Open("legi-xml", "LEGIARTI000006398122.xml");
        using var other = LegifranceFixtures.Open("legi-xml", "cas-extremes", "LEGIARTI000019325262.xml");

        var text = DilaTextAssembler.Assemble(
            DilaXmlReader.ReadTextVersion(v, "version"),
            [DilaXmlReader.ReadArticle(a, "article"), DilaXmlReader.ReadArticle(other, "other code's article")]);

        var article = Assert.Single(text.Articles); // the other article belongs to LEGITEXT000006074069
        Assert.Equal("LEGIARTI000006398122", article.Id);
        Assert.Contains(text.Fields, f => f.Name == FieldNames.Body && f.Text.Contains("régie administrative"));
    }

    [Fact]
    public void Reads_a_dump_archive()
    {
        // A .tar.gz laid out like a DILA increment, holding the real files.
        var tarGz = new MemoryStream();
        using (var gzip = new GZipStream(tarGz, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip))
        {
            void Add(string name, params string[] fixture) =>
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(LegifranceFixtures.Bytes(fixture)) });
            Add("20170101-000000/legi/global/code_et_TNC_en_vigueur/texte/version/LEGITEXT000006070666.xml", "legi-xml", "version", "LEGITEXT000006070666.xml");
            Add("20170101-000000/legi/global/code_et_TNC_en_vigueur/texte/struct/LEGITEXT000006070666.xml", "legi-xml", "struct", "LEGITEXT000006070666.xml");
            Add("20170101-000000/legi/global/code_et_TNC_en_vigueur/section_ta/LEGISCTA000006135575.xml", "legi-xml", "LEGISCTA000006135575.xml");
            Add("20170101-000000/legi/global/code_et_TNC_en_vigueur/article/LEGIARTI000006398122.xml", "legi-xml", "LEGIARTI000006398122.xml");
            Add("20170101-000000/legi/global/code_et_TNC_en_vigueur/article/LEGIARTI000019325262.xml", "legi-xml", "cas-extremes", "LEGIARTI000019325262.xml");
        }
        tarGz.Position = 0;

        var text = Assert.Single(JorfArchiveReader.Read(tarGz, "LEGI_20170101.tar.gz", new ArchiveLimits(1 << 20, 1 << 30)));

        Assert.Equal("LEGITEXT000006070666", text.Id);
        Assert.Equal(["LEGIARTI000006398122"], text.Articles.Select(a => a.Id));
    }
}
