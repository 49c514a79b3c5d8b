using System.Text;
using Watch.Domain;
using Watch.Parsing;
using Watch.Parsing.Legifrance;
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
    public void A_change_of_state_is_told_in_french()
    {
        // The recorded LEGI article is ABROGE; it was in force before.
        var article = Assert.IsType<OfficialText>(Assert.Single(ItemFiles.Parse(LegifranceFixtures.Bytes("legi-xml", "LEGIARTI000006398122.xml"), "LEGIARTI000006398122.xml")));
        Assert.Equal("ABROGE", article.Status);

        var headline = OfficialTextMessages.Write(article, EventKind.StatusChanged, "VIGUEUR", RelevanceResult.None).Headline;

        Assert.EndsWith(" : abrogé (avant : en vigueur)", headline);
        Assert.Equal("abrogée", OfficialTextMessages.State("ABROGE", "LOI"));
    }

    [Fact]
    public void An_annex_filed_as_an_article_is_named_as_an_annex()
    {
        // The recorded LEGI « article » of NUM « Annexe 2-4 »: the disability scale annexed to the code de l'action sociale.
        var annex = Assert.IsType<OfficialText>(Assert.Single(ItemFiles.Parse(LegifranceFixtures.Bytes("legi-xml", "cas-extremes", "LEGIARTI000019325262.xml"), "LEGIARTI000019325262.xml")));

        var text = OfficialTextMessages.Write(annex, EventKind.Created, null, RelevanceResult.None).PlainText;

        Assert.Contains("\nAnnexe 2-4 : « GUIDE-BARÈME", text);
        Assert.DoesNotContain("Article Annexe", text);
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

    /// <summary>
    /// No JORF TEXTE_VERSION is recorded: the real LEGI one (same schema) made a text of the JO, with its TITRE and
    /// TITREFULL as DILA publishes them (« LOI n° 2023-380 du 19 mai 2023 », the subject only in TITREFULL).
    /// </summary>
    private static OfficialText JoText(string id, string nature, string number, string titre, string titrefull) =>
        DilaXmlReader.ReadTextVersion(new MemoryStream(Encoding.UTF8.GetBytes(
            Encoding.UTF8.GetString(LegifranceFixtures.Bytes("legi-xml", "version", "LEGITEXT000006070666.xml"))
                .Replace("LEGITEXT000006070666", id)
                .Replace("<ORIGINE>LEGI</ORIGINE>", "<ORIGINE>JORF</ORIGINE>")
                .Replace("<NATURE>CODE</NATURE>", $"<NATURE>{nature}</NATURE>")
                .Replace("<NUM/>", $"<NUM>{number}</NUM>")
                .Replace("<TITRE>Code des instruments monétaires et des médailles</TITRE>", $"<TITRE>{titre}</TITRE>")
                .Replace("<TITREFULL>Code des instruments monétaires et des médailles</TITREFULL>", $"<TITREFULL>{titrefull}</TITREFULL>"))),
            $"{id}.xml");

    private static readonly OfficialText Law2023380 = JoText("JORFTEXT000047561974", "LOI", "2023-380", "LOI n° 2023-380 du 19 mai 2023",
        "LOI n° 2023-380 du 19 mai 2023 relative aux jeux Olympiques et Paralympiques de 2024 et portant diverses autres dispositions (1)");

    private static readonly OfficialText Decree2023828 = JoText("JORFTEXT000048007990", "DECRET", "2023-828", "Décret n° 2023-828 du 28 août 2023",
        "Décret n° 2023-828 du 28 août 2023 relatif aux modalités de mise en œuvre des traitements algorithmiques prévus par l'article 10 de la loi n° 2023-380 du 19 mai 2023 relative aux jeux Olympiques et Paralympiques de 2024 et portant diverses autres dispositions");

    private static readonly RelevanceResult Vsa = new(true, 2, ["vsa"], [new RelevanceMatch("vsa", "traitements algorithmiques", FieldNames.Title)]);

    [Fact]
    public void A_JO_text_read_from_DILA_XML_is_named_with_its_subject_from_TITREFULL_without_the_footnote_call()
    {
        Assert.Equal("📜 Loi n° 2023-380 du 19 mai 2023 publiée au JO : relative aux jeux Olympiques et Paralympiques de 2024 et portant diverses autres dispositions",
            OfficialTextMessages.Write(Law2023380, EventKind.Created, null, Vsa).Headline);
        Assert.Equal("📜 Décret n° 2023-828 du 28 août 2023 publié au JO : relatif aux modalités de mise en œuvre des traitements algorithmiques prévus par l'article 10 de la loi n° 2023-380 du 19 mai 2023 relative aux jeux Olympiques et Paralympiques de …",
            OfficialTextMessages.Write(Decree2023828, EventKind.Created, null, Vsa).Headline);
        Assert.Equal("✏️ Décret n° 2023-828 du 28 août 2023 modifié : relatif aux modalités de mise en œuvre des traitements algorithmiques prévus par l'article 10 de la loi n° 2023-380 du 19 mai 2023 relative aux jeux Olympiques et Paralympiques de …",
            OfficialTextMessages.Write(Decree2023828, EventKind.ContentChanged, null, Vsa).Headline);
    }

    [Fact]
    public void A_law_awaiting_its_decree_is_named_by_its_full_title_without_the_footnote_call()
    {
        var message = new EventSummarizer().AwaitingDecree(Law2023380, ["10"], Vsa);

        Assert.StartsWith("<b>⏳ Loi n° 2023-380 : l'article 10 renvoie à un décret, pas encore publié</b>\n"
            + "LOI n° 2023-380 du 19 mai 2023 relative aux jeux Olympiques et Paralympiques de 2024 et portant diverses autres dispositions\n"
            + "Watch vous préviendra", message.Html);
    }
}
