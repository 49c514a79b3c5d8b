using Watch.Domain;
using Watch.Parsing;
using Watch.Relevance;
using Watch.Summaries;
using Watch.Tests.Parsing.Legifrance;
using Watch.Versions;

namespace Watch.Tests.Sources.Legifrance;

/// <summary>The XML branch of <see cref="ItemFiles"/> on the real LEGI files, and the Journal officiel messages.</summary>
public sealed class OfficialTextFilesAndMessagesTests
{
    [Fact]
    public void ItemFiles_reads_a_DILA_text_version_and_an_article()
    {
        var text = Assert.IsType<OfficialText>(Assert.Single(ItemFiles.Parse(LegifranceFixtures.Bytes("legi-xml", "version", "LEGITEXT000006070666.xml"), "LEGITEXT000006070666.xml")));
        Assert.Equal("LEGITEXT000006070666", text.Id);
        Assert.Equal("Code des instruments monétaires et des médailles", text.ShortTitle);

        var article = Assert.IsType<OfficialText>(Assert.Single(ItemFiles.Parse(LegifranceFixtures.Bytes("legi-xml", "LEGIARTI000006398122.xml"), "LEGIARTI000006398122.xml")));
        Assert.Equal("LEGIARTI000006398122", article.Id);
        Assert.Equal("LEGITEXT000006070666", article.Cid);
        Assert.Contains("régie administrative", Assert.Single(article.Articles).Content);
    }

    [Fact]
    public void ItemFiles_reads_a_JORF_daily_archive_as_its_assembled_texts()
    {
        var text = Assert.IsType<OfficialText>(Assert.Single(ItemFiles.Parse(JorfOpenDataSourceTests.Archive(), "JORF_20230830-034512.tar.gz")));
        Assert.Equal("LEGITEXT000006070666", text.Id);
        Assert.Contains(text.Articles, a => a.Id == "LEGIARTI000006398122" && a.Content.Contains("régie administrative"));
    }

    [Fact]
    public void ItemFiles_reads_PISTE_answers_an_article_and_a_Journal_officiel_text()
    {
        var article = Assert.IsType<OfficialText>(Assert.Single(ItemFiles.Parse(LegifranceFixtures.Bytes("piste-api", "LEGIARTI000006219167.json"), "getArticle.json")));
        Assert.Equal("LEGIARTI000006219167", article.Id);
        Assert.Equal("ARTICLE", article.Nature);
        Assert.Equal("LEGIARTI000006219167", Assert.Single(article.Articles).Id);

        var text = Assert.IsType<OfficialText>(Assert.Single(ItemFiles.Parse(PisteJorfSourceTests.ConsultAnswer(), "consult-jorf.json")));
        Assert.Equal("LEGITEXT000005634379", text.Id);
        Assert.Equal("LEGIARTI000006219167", Assert.Single(text.Articles).Id);
    }

    [Fact]
    public void ItemFiles_names_what_a_JSON_file_of_another_kind_is_not()
    {
        var e = Assert.Throws<ParseException>(() => ItemFiles.Parse(LegifranceFixtures.Bytes("piste-api", "legifrance_openapi.json"), "legifrance_openapi.json"));
        Assert.Contains("unknown kind", e.Message);
        Assert.Contains("PISTE", e.Message);
    }

    [Fact]
    public void ItemFiles_names_an_unknown_XML_root()
    {
        var e = Assert.Throws<ParseException>(() => ItemFiles.Parse(LegifranceFixtures.Bytes("legi-xml", "LEGISCTA000006135575.xml"), "LEGISCTA000006135575.xml"));
        Assert.Contains("<SECTION_TA>", e.Message);
    }

    [Fact]
    public void A_decret_reads_as_what_it_is_then_what_it_is_about()
    {
        var decret = new OfficialText
        {
            Id = "JORFTEXT000048007990",
            Chamber = Chamber.JournalOfficiel,
            Url = "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000048007990",
            Nature = "DECRET",
            Origin = "JORF",
            Number = "2023-828",
            ShortTitle = "Décret n° 2023-828 du 28 août 2023 relatif aux modalités de mise en œuvre des traitements algorithmiques prévus par l'article 10 de la loi n° 2023-380 du 19 mai 2023 relative aux jeux Olympiques et Paralympiques de 2024 et portant diverses autres dispositions",
            PublicationDate = new DateOnly(2023, 8, 30),
            Citations = [new LawCitation("2023-380", "10")],
        };
        var relevance = new RelevanceResult(true, 2, ["vsa"], [new RelevanceMatch("vsa", "traitements algorithmiques", FieldNames.Title)]);

        var message = OfficialTextMessages.Write(decret, EventKind.Created, null, relevance);

        Assert.StartsWith("📜 Décret n° 2023-828 du 28 août 2023 publié au JO : relatif aux modalités de mise en œuvre des traitements algorithmiques", message.Headline);
        Assert.Contains("<i>Publication :</i> 30 août 2023", message.Html);
        Assert.Contains("<i>Cite :</i> article 10 de la loi n° 2023-380", message.Html);
        Assert.EndsWith("<a href=\"https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000048007990\">Lire le texte sur Légifrance</a>", message.Html);
        Assert.True(message.Html.Length <= TelegramHtml.MaxLength);
    }

    [Fact]
    public void A_law_in_capitals_is_written_as_a_sentence_and_agrees_in_gender()
    {
        var (name, subject) = OfficialTextMessages.Split("LOI n° 2023-380 du 19 mai 2023 relative aux jeux Olympiques et Paralympiques de 2024 et portant diverses autres dispositions (1)");
        Assert.Equal("Loi n° 2023-380 du 19 mai 2023", name);
        Assert.StartsWith("relative aux jeux Olympiques", subject);
    }
}
