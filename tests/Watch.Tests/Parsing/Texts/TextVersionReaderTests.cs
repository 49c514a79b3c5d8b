using System.Text;
using Watch.Parsing.Texts;
using static Watch.Tests.Parsing.Texts.TextFixtures;

namespace Watch.Tests.Parsing.Texts;

public class TextVersionReaderTests
{
    [Fact]
    public void Reads_the_AN_adopted_text_with_its_bis_articles_and_grouped_deletions()
    {
        var text = Read(Ta0376);

        Assert.Equal(TextFormat.AssembleeHtml, text.Format);
        Assert.StartsWith("Texte adopté n° 376 - Proposition de loi de simplification", text.Title);
        Assert.Equal("376", text.Metadata["NUMERO_DOCUMENT"]);
        // 199 "Article …" headings plus "Articles 108 à 110", "Articles 112 et 113", "Articles 120 et 121" (Supprimés).
        Assert.Equal(206, text.Articles.Count);
        Assert.Equal("1", text.Articles[0].Number);
        Assert.Equal("158", text.Articles[^1].Number);

        var first = text.Articles[0];
        Assert.Equal(
            ["Chapitre Ier – Dispositions tendant à améliorer la qualité des normes et des relations des citoyens avec les administrations",
             "Section 1 – Dispositions applicables aux particuliers et aux entreprises"],
            first.SectionPath);
        // Curly apostrophe and non-breaking spaces of the page normalised.
        Assert.StartsWith("Après le III de l'article L. 2224-12-4 du code général des collectivités territoriales", first.Alineas[0]);

        var bis = text.Article("3 bis")!;
        Assert.Equal(ArticleStatus.New, bis.Status);
        Assert.Equal("nouveau", bis.StatusLabel);
        Assert.Equal("14 bis A", text.Articles.Single(a => a.Number == "14 bis A").Number);

        var deleted = text.Article("28")!;
        Assert.Equal(ArticleStatus.Deleted, deleted.Status);
        Assert.True(deleted.IsPlaceholder);
        foreach (var n in new[] { "108", "109", "110", "112", "113", "120", "121" })
            Assert.Equal(ArticleStatus.Deleted, text.Article(n)!.Status);

        // "(Dispositions déclarées irrecevables au regard de l'article 40 de la Constitution)" in place of article 83.
        Assert.Equal(ArticleStatus.Deleted, text.Article("83")!.Status);
    }

    [Fact]
    public void Skips_the_expose_des_motifs_of_the_AN_bill_as_filed()
    {
        var text = Read(Pion1890);

        Assert.Equal(150, text.Articles.Count);
        Assert.StartsWith("Après le III de l'article L. 2224-12-4", text.Article("1")!.Alineas[0]);
        var last = text.Articles[^1];
        Assert.Equal("150", last.Number);
        Assert.Equal(["Chapitre VII – Compensation financière"], last.SectionPath);
        Assert.DoesNotContain(text.Articles, a => a.Alineas.Any(al => al.StartsWith("L'article 140 actualise")));
    }

    [Fact]
    public void Reads_a_Windows_1252_PLFSS_page_without_its_per_article_expose()
    {
        var text = Read(Pl0269);

        Assert.Equal("N° 269 - Projet de loi de financement de la sécurité sociale pour 2018", text.Title);
        Assert.Equal(57, text.Articles.Count(a => !a.IsAnnex));
        Assert.Equal(
            ["TROISIÈME PARTIE – DISPOSITIONS RELATIVES AUX RECETTES ET À L'ÉQUILIBRE FINANCIER DE LA SÉCURITÉ SOCIALE POUR L'EXERCICE 2018",
             "TITRE IER – DISPOSITIONS RELATIVES AUX RECETTES, AU RECOUVREMENT ET À LA TRÉSORERIE",
             "Chapitre Ier – Mesures relatives au pouvoir d'achat des actifs"],
            text.Article("7")!.SectionPath);
        Assert.DoesNotContain(text.Articles, a => a.Alineas.Any(al => al.StartsWith("Exposé des motifs") || al.StartsWith("La mesure vise à renforcer l'arsenal juridique")));
    }

    [Fact]
    public void Reads_the_annexes_of_the_AN_bill_after_its_last_article()
    {
        var text = Read(Pl0269);

        Assert.Equal(["annexe A", "annexe B", "annexe C"], text.Articles.Where(a => a.IsAnnex).Select(a => a.Number).ToArray());
        Assert.Equal(["57", "annexe A", "annexe B", "annexe C"], text.Articles.TakeLast(4).Select(a => a.Number).ToArray());
        var a = text.Article("annexe A")!;
        Assert.Equal("Annexe A", a.Label);
        Assert.StartsWith("RAPPORT RETRAÇANT LA SITUATION PATRIMONIALE, AU 31 DÉCEMBRE 2016", a.Alineas[0]);
        Assert.Equal("Recettes | 15,8", text.Article("annexe C")!.Alineas[^1]);
        // Article 57 stops where annex A starts: none of the annexes' words are in it.
        Assert.DoesNotContain(text.Article("57")!.Alineas, al => al.Contains("RAPPORT", StringComparison.Ordinal));
        Assert.Empty(text.Article("annexe A")!.SectionPath);
    }

    [Fact]
    public void Reads_the_Senat_page_of_the_same_bill()
    {
        var text = Read(Pjl17063);

        Assert.Equal(TextFormat.SenatHtml, text.Format);
        Assert.Equal("projet de loi de financement de la sécurité sociale pour 2018", text.Title);
        Assert.Equal(76, text.Articles.Count(a => !a.IsAnnex));
        Assert.Equal("Au titre de l'exercice 2016, sont approuvés :", text.Article("1")!.Alineas[0]);
        Assert.Equal(ArticleStatus.New, text.Article("4 bis")!.Status);
    }

    [Fact]
    public void Reads_the_Senat_page_s_annexes_after_its_signature_up_to_vu_pour_etre_annexe()
    {
        var text = Read(Pjl17063);

        Assert.Equal(["annexe A", "annexe B", "annexe C"], text.Articles.Where(a => a.IsAnnex).Select(a => a.Number).ToArray());
        Assert.StartsWith("Rapport retraçant la situation patrimoniale, au 31 décembre 2016", text.Article("annexe A")!.Alineas[0]);
        Assert.Equal("Total | 15,8", text.Article("annexe C")!.Alineas[^1]);
        // « Délibéré en séance publique… Le Président, Signé : … » and « Vu pour être annexé… » belong to no article or annex.
        Assert.DoesNotContain(text.Articles, a => a.Alineas.Any(al => al.Contains("Délibéré") || al.Contains("Signé") || al.Contains("Vu pour être annexé")));
    }

    [Fact]
    public void Reads_a_report_page_declared_latin1_but_made_of_UTF8_bytes()
    {
        var text = Read(R0575);

        Assert.Equal(55, text.Articles.Count(a => !a.IsAnnex));
        Assert.Contains("société de confiance", text.Title);
        Assert.Equal(ArticleStatus.New, text.Article("15 A")!.Status);
        Assert.Equal(["TITRE PRÉLIMINAIRE"], text.Article("1")!.SectionPath.Select(s => s.Split(" – ")[0]).ToArray());
    }

    [Fact]
    public void Reads_a_lone_annex_whose_title_shares_its_heading_paragraph_apart_from_the_last_article()
    {
        var text = Read(R0575);

        // « ANNEXE<br>Stratégie nationale d'orientation de l'action publique »: one paragraph, the heading and the title.
        var annex = Assert.Single(text.Articles, a => a.IsAnnex);
        Assert.Equal("annexe", annex.Number);
        Assert.Equal("Annexe", annex.Label);
        Assert.Equal("Stratégie nationale d'orientation de l'action publique", annex.Alineas[0]);
        Assert.StartsWith("La présente stratégie nationale énonce les orientations", annex.Alineas[1]);
        // Before annexes were read, this one ran on as the end of article 43, the last article.
        Assert.Equal(["Dans un délai de deux mois suivant la promulgation de la loi"], text.Article("43")!.Alineas.Select(al => al[..60]).ToArray());
    }

    [Fact]
    public void Reads_a_rapport_annexe_after_the_signature_without_its_colon_its_rule_or_the_page_s_footer()
    {
        var text = Read(Pl1697Excerpt);

        Assert.Equal(["45", "46", "annexe"], text.Articles.Select(a => a.Number).ToArray());
        // « Fait à Paris… Signé : François FILLON… Par le Premier ministre » is no article's.
        Assert.Equal(["Les articles L. 2431-1, L. 2441-1, L. 2451-1, L. 2461-1 et L. 2471-1 du code de la défense sont complétés par les mots : « et L. 2371 »."],
            text.Article("46")!.Alineas);
        var annex = text.Article("annexe")!.Alineas;
        // « ANNEXE : RAPPORT SUR LES OBJECTIFS ET LES MOYENS », its second line, then « _________ », left out.
        Assert.Equal(["RAPPORT SUR LES OBJECTIFS ET LES MOYENS", "DE LA LOPPSI 2009-2013", "i. approfondir la mutualisation et la coopération entre les forces"], annex.Take(3));
        Assert.StartsWith("Au-delà des différences structurelles", annex[^1]); // not « L'étude d'impact de ce projet est disponible au format pdf. »
    }

    [Fact]
    public void A_sentence_of_an_annex_beginning_fait_a_is_no_signature()
    {
        const string text = "PROJET DE LOI\nArticle 1er\nTexte un.\nFait à Paris, le 27 mai 2009.\nSigné : le Premier ministre\nANNEXE\nRapport.\nFait à partir des données de 2008, ce bilan est provisoire.\nFin du rapport.\n";
        var version = TextVersionReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "essai.txt");

        Assert.Equal(["Texte un."], version.Article("1")!.Alineas);
        Assert.Equal(["Rapport.", "Fait à partir des données de 2008, ce bilan est provisoire.", "Fin du rapport."], version.Article("annexe")!.Alineas);
    }

    [Theory]
    [InlineData("ANNEXE A LA LOI DE PROGRAMMATION", "annexe", "A LA LOI DE PROGRAMMATION")] // « à la loi », its accent dropped
    [InlineData("ANNEXE AU RAPPORT SUR LES MOYENS", "annexe", "AU RAPPORT SUR LES MOYENS")]
    [InlineData("ANNEXE A RAPPORT RETRAÇANT LA SITUATION", "annexe A", "RAPPORT RETRAÇANT LA SITUATION")]
    [InlineData("ANNEXE B : Rapport décrivant les prévisions", "annexe B", "Rapport décrivant les prévisions")]
    public void An_annex_heading_s_letter_is_told_from_a_preposition(string heading, string number, string title)
    {
        var version = TextVersionReader.Read(new MemoryStream(Encoding.UTF8.GetBytes($"PROJET DE LOI\nArticle 1er\nTexte un.\n{heading}\nCorps.\n")), "essai.txt");

        var annex = Assert.Single(version.Articles, a => a.IsAnnex);
        Assert.Equal((number, title), (annex.Number, annex.Alineas[0]));
    }

    [Fact]
    public void Numbered_annexes_keep_their_numbers()
    {
        const string text = "PROJET DE LOI\nArticle 1er\nTexte un.\nANNEXE N° 1\nListe un.\nANNEXE N° 2\nListe deux.\n";
        var version = TextVersionReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "annexes.txt");

        Assert.Equal(["1", "annexe 1", "annexe 2"], version.Articles.Select(a => a.Number).ToArray());
        Assert.Equal(["Liste deux."], version.Article("annexe 2")!.Alineas);
    }

    [Fact]
    public void A_paragraph_opening_with_annexe_inside_the_dispositif_does_not_swallow_the_next_articles()
    {
        const string text = "PROJET DE LOI\nArticle 1er\nTexte un.\nANNEXE A la liste ci-dessus est ajoutée une ligne.\nArticle 2\nTexte deux.\nANNEXE\nArticle 1er\nUn article cité par l'annexe.\n";
        var version = TextVersionReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "essai.txt");

        // Article 2 is read as an article again; the annex's « Article 1er », a number the text already has, stays in the annex.
        Assert.Equal(["1", "annexe A", "2", "annexe"], version.Articles.Select(a => a.Number).ToArray());
        Assert.Equal(["Texte deux."], version.Article("2")!.Alineas);
        Assert.Equal(["Article 1er", "Un article cité par l'annexe."], version.Article("annexe")!.Alineas);
    }

    [Fact]
    public void Reads_the_Senat_Akoma_Ntoso_text_in_pastille_order_and_keeps_its_links()
    {
        var text = Read(Tas24021);

        Assert.Equal(TextFormat.AkomaNtoso, text.Format);
        Assert.StartsWith("Proposition de loi tendant à renforcer les moyens de surveillance", text.Title);
        Assert.Equal(["1 A", "1", "2", "3", "4", "4 bis", "4 ter", "4 quater", "4 quinquies", "4 sexies", "5"],
            text.Articles.Select(a => a.Number).ToArray());
        Assert.Equal("ppl23-756", text.Metadata["signet-dossier-legislatif-senat"]);
        Assert.Equal("http://www.assemblee-nationale.fr/17/dossiers/DLR5L17N50351.asp", text.Metadata["url-AN"]);
        Assert.Equal("/akn/fr/ppl/2024-2025/TA21/fr@/main", text.Metadata["FRBRExpression.FRBRthis"]);

        var first = text.Article("1")!;
        Assert.Equal(30, first.Alineas.Count); // one per <alinea> holding a <content>
        // Nested alinéas put their own <content> after their children: the pastille restores reading order.
        Assert.Equal("I. - Le code civil est ainsi modifié :", first.Alineas[0]);
        Assert.Equal("1° L'article 60 est ainsi modifié :", first.Alineas[1]);
        Assert.Equal("a) (Supprimé)", first.Alineas[2]);

        Assert.Equal(ArticleStatus.New, text.Article("1 A")!.Status);
        var four = text.Article("4")!;
        Assert.Equal(ArticleStatus.Deleted, four.Status);
        Assert.Equal("Article nouveau-supprimé non transmis par le Sénat", four.StatusLabel);
        Assert.Empty(four.Alineas);
        // Table rows whose cells hold escaped HTML.
        Assert.Contains("L. 742-6 | La loi n° du tendant à renforcer les moyens de surveillance des individus condamnés pour des infractions sexuelles, violentes ou terroristes",
            text.Article("5")!.Alineas);
    }

    [Fact]
    public void Reads_La_Fabrique_de_la_Loi_steps()
    {
        var commission = Read(Step1);
        Assert.Equal(TextFormat.LawFactoryJson, commission.Format);
        Assert.Equal("A13-4157", commission.Metadata["id"]);
        Assert.Equal(ArticleStatus.Deleted, commission.Article("1")!.Status);
        Assert.Equal("supprimé", commission.Article("1")!.StatusLabel);
        Assert.Equal(ArticleStatus.Deleted, commission.Article("3")!.Status);
        Assert.Equal(27, commission.Article("2")!.Alineas.Count);

        var seance = Read(Step2);
        Assert.Equal(["2 A", "2", "2 bis", "2 ter", "2 quater"], seance.Articles.Select(a => a.Number).ToArray());
        Assert.Equal(ArticleStatus.New, seance.Article("2 A")!.Status);
        Assert.Equal(32, seance.Article("2")!.Alineas.Count);
    }

    [Fact]
    public void Reads_plain_text_with_article_lines()
    {
        const string text = """
            Proposition de loi relative à un essai
            TITRE Ier
            Dispositions générales
            Article 1er
            La présente loi s'applique aux essais.
            Article 2 bis (nouveau)
            I. – Premier paragraphe.
            II. – Second paragraphe.
            """;
        var version = TextVersionReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "essai.txt");

        Assert.Equal(TextFormat.PlainText, version.Format);
        Assert.Equal("Proposition de loi relative à un essai", version.Title);
        Assert.Equal(["1", "2 bis"], version.Articles.Select(a => a.Number).ToArray());
        Assert.Equal(["TITRE Ier – Dispositions générales"], version.Articles[0].SectionPath);
        Assert.Equal(ArticleStatus.New, version.Articles[1].Status);
        Assert.Equal(["I. - Premier paragraphe.", "II. - Second paragraphe."], version.Articles[1].Alineas);
    }

    [Fact]
    public void Rejects_truncated_xml_naming_the_file()
    {
        var bytes = File.ReadAllBytes(PathOf(Tas24021))[..3000];
        var e = Assert.Throws<TextFormatException>(() => TextVersionReader.Read(new MemoryStream(bytes), "tas24-021.akn.xml"));
        Assert.Equal("tas24-021.akn.xml", e.FileName);
        Assert.Contains("XML mal formé", e.Message);
        Assert.StartsWith("tas24-021.akn.xml : ", e.Message);
    }

    [Fact]
    public void Rejects_an_external_entity_without_fetching_it()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            var xxe = $"""
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE akomaNtoso [ <!ENTITY xxe SYSTEM "http://127.0.0.1:{port}/secret"> ]>
                <akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><bill><body>
                <article eId="art_1"><num>Article 1er</num><alinea><content><p>&xxe;</p></content></alinea></article>
                </body></bill></akomaNtoso>
                """;
            var e = Assert.Throws<TextFormatException>(() => TextVersionReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xxe)), "xxe.akn.xml"));
            Assert.Contains("DTD", e.Message);
            Assert.False(listener.Pending(), "the parser connected to the external entity's URL");
        }
        finally
        {
            listener.Stop();
        }
    }

    [Theory]
    [InlineData("{\"amendement\": {\"uid\": \"AMANR5L17PO59051B0134P0D1N000001\"}}", "JSON sans liste \"articles\"")]
    [InlineData("{\"articles\": [", "JSON mal formé")]
    [InlineData("<html><body><p>Ordre du jour</p></body></html>", "sans aucun article")]
    [InlineData("<?xml version=\"1.0\"?><feed version=\"0.3\"></feed>", "seul Akoma Ntoso")]
    [InlineData("Compte rendu de la séance du mardi.", "format inconnu")]
    [InlineData("", "fichier vide")]
    public void Rejects_unknown_or_malformed_input_saying_why(string content, string reason)
    {
        var e = Assert.Throws<TextFormatException>(() => TextVersionReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(content)), "entree.bin"));
        Assert.Contains(reason, e.Message);
        Assert.StartsWith("entree.bin : ", e.Message);
    }

    [Fact]
    public void Rejects_binary_and_missing_files()
    {
        var binary = Assert.Throws<TextFormatException>(() => TextVersionReader.Read(new MemoryStream([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00]), "texte.zip"));
        Assert.Contains("binaire", binary.Message);

        var missing = Assert.Throws<TextFormatException>(() => TextVersionReader.Read(PathOf("an/textes/absent.html")));
        Assert.Equal("absent.html : fichier illisible (introuvable).", missing.Message);
    }

    [Theory]
    [InlineData("Article 1er", "1")]
    [InlineData("Article premier", "1")]
    [InlineData("Article 7 bis (nouveau)", "7 bis")]
    [InlineData("ARTICLE 4 BIS", "4 bis")]
    [InlineData("Article 14 bis A (nouveau)", "14 bis A")]
    [InlineData("Article additionnel après l'article 7", "additionnel après l'article 7")]
    public void Normalises_article_headings(string heading, string number) =>
        Assert.Equal(number, ArticleNumbers.ParseHeading(heading)?.Number);

    /// <summary>
    /// A later reading prints an article both chambers deleted as « (Suppression conforme) », one whose deletion was
    /// kept as « (Suppression maintenue) »: deleted, not adopted unchanged (« (Conforme) »).
    /// </summary>
    [Theory]
    [InlineData("Article 7 (Supprimé)", ArticleStatus.Deleted)]
    [InlineData("Article 7 (Suppression conforme)", ArticleStatus.Deleted)]
    [InlineData("Article 7 (Suppression maintenue)", ArticleStatus.Deleted)]
    [InlineData("Article 7 (Conforme)", ArticleStatus.Unmodified)]
    [InlineData("Article 7 (Non modifié)", ArticleStatus.Unmodified)]
    [InlineData("Article 7 bis (nouveau)", ArticleStatus.New)]
    public void Reads_what_a_heading_s_mark_says_of_the_article(string heading, ArticleStatus status) =>
        Assert.Equal(status, ArticleNumbers.ParseHeading(heading)?.Status);

    [Theory]
    [InlineData("Article 3 est abrogé.")]
    [InlineData("« Article 3 bis")]
    [InlineData("Articles 108 et suivants du code")]
    public void Does_not_take_running_text_for_a_heading(string line) =>
        Assert.Null(ArticleNumbers.ParseHeadings(line));
}
