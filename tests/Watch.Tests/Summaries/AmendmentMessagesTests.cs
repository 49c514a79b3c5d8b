using Watch.Domain;
using Watch.Parsing.AssembleeNationale;
using Watch.Parsing.Senat;
using Watch.Relevance;
using Watch.Summaries;
using Watch.Tests.Parsing.Senat;
using Watch.Tests.Relevance;
using Watch.Versions;

namespace Watch.Tests.Summaries;

/// <summary>Amendment messages as subscribers read them, written from recorded amendments of both chambers.</summary>
public class AmendmentMessagesTests
{
    private static Amendment Senat(string file, string number)
    {
        using var s = SenatFixtures.Open("ameli", file);
        return SenatAmendmentCsv.Read(s, file).Single(a => a.Number == number);
    }

    private static Amendment Assemblee(string uid) => LabelledSet.Amendment(LabelledSet.Items().Single(i => i.Uid == uid));

    /// <summary>A real AN file, bundled for the demo (replay) or copied from the corpus for a test (fixtures).</summary>
    private static Amendment Recorded(string uid) => AmendmentParser.Parse(File.ReadAllBytes(RecordedPath(uid)), uid);

    private static string RecordedPath(string uid) =>
        new[] { "replay", "fixtures" }.Select(d => Path.Combine(AppContext.BaseDirectory, d, "an", "amendements", uid + ".json")).First(File.Exists);

    private static Summary Filed(Amendment a) => AmendmentMessages.Write(a, EventKind.Created, null, RelevanceResult.None, new Dictionary<string, string>());

    [Theory]
    [InlineData("jeu_complet_commission_2017-2018_583.csv", "COM-1", "M. FORISSIER, rapporteur")]
    [InlineData("jeu_complet_commission_2013-2014_310.csv", "COM-48", "M. RAOUL, rapporteur")]
    [InlineData("jeu_complet_commission_2017-2018_583.csv", "COM-250", "M. MAGNER")]
    public void A_senat_rapporteur_is_one_author(string file, string number, string authors) =>
        Assert.Contains($"<i>Auteur :</i> {authors}\n", Filed(Senat(file, number)).Html);

    [Theory]
    [InlineData("AMANR5L17PO59051B0134P0D1N000076", "M. Gouffier Valente, rapporteur")]
    [InlineData("AMANR5L17PO419610B0954P0D1N000045", "M. Travert, rapporteur et Mme Olivia Grégoire")]
    [InlineData("AMANR5L17PO419610B0856P0D1N000230", "Mme Le Feur, rapporteure pour avis au nom de la commission du développement durable et de l'aménagement du territoire et 11 cosignataires")]
    [InlineData("AMANR5L17PO420120B0622P0D1N000241", "M. Monnet et les membres du groupe Gauche Démocrate et Républicaine")]
    public void An_assemblee_rapporteur_and_a_group_stay_with_their_name(string uid, string authors) =>
        Assert.Contains($"<i>Auteur :</i> {authors}\n", Filed(Assemblee(uid)).Html);

    /// <summary>A group's name has capitals of its own: it is not another author, whatever the number of names before it.</summary>
    [Theory]
    [InlineData("AMANR5L17PO838901BTC0636P0D1N000007", "M. Vicot, 65 cosignataires et les membres du groupe Socialistes et apparentés")]
    [InlineData("AMANR5L17PO838901B2068P0D1N000014", "M. Renault et les membres du groupe Rassemblement National")]
    public void An_assemblee_group_s_amendment_keeps_the_group_after_its_authors(string uid, string authors) =>
        Assert.Contains($"<i>Auteur :</i> {authors}\n", Filed(Assemblee(uid)).Html);

    [Fact]
    public void Two_authors_of_a_group_are_both_named_before_it() =>
        // The signatories of 31 amendments of the corpus, as the AN writes them (34 more name them the other way round).
        Assert.Equal("M. Monnet, Mme Lebon et les membres du groupe Gauche Démocrate et Républicaine",
            AmendmentMessages.AuthorsShort("M. Monnet,  Mme Lebon et les membres du groupe Gauche Démocrate et Républicaine"));

    /// <summary>What the headline says the amendment is on, as the text prints its headings and numbers.</summary>
    [Theory]
    [InlineData("jeu_complet_commission_2013-2014_310.csv", "COM-47", "🔴 Sénat — Amendement COM-47 adopté sur le titre Ier (texte n° 310 (2013-2014))")]
    [InlineData("jeu_complet_commission_2013-2014_310.csv", "COM-8", "🔴 Sénat — Amendement COM-8 adopté sur le titre II (texte n° 310 (2013-2014))")]
    [InlineData("jeu_complet_commission_2017-2018_583.csv", "COM-43", "🔴 Sénat — Amendement COM-43 adopté sur l'article 11 bis A (texte n° 583 (2017-2018))")]
    [InlineData("jeu_complet_commission_2017-2018_583.csv", "COM-288", "🔴 Sénat — Amendement COM-288 adopté sur l'article 40 A (texte n° 583 (2017-2018))")]
    [InlineData("jeu_complet_commission_2017-2018_583.csv", "COM-191", "🔘 Sénat — Amendement COM-191 irrecevable sur un article additionnel après l'article 40 A (texte n° 583 (2017-2018))")]
    [InlineData("jeu_complet_commission_2017-2018_583.csv", "COM-60 rect. bis", "🔘 Sénat — Amendement COM-60 rect. bis irrecevable sur une division additionnelle après l'article 13 (texte n° 583 (2017-2018))")]
    public void A_senat_headline_names_the_heading_or_article_as_the_text_prints_it(string file, string number, string headline) =>
        Assert.Equal(headline, Filed(Senat(file, number)).Headline);

    /// <summary>
    /// Where and when an amendment was decided: its organ from its examenRef (when its uid names the same one), its
    /// dateSort as a Paris day. CS817 is a special commission's, whose examenRef names the commission des affaires
    /// économiques: no organ is said rather than the wrong one. An irrecevable amendment was not voted on.
    /// </summary>
    [Theory]
    [InlineData("AMANR5L17PO59051B0134P0D1N000001", "Adopté en commission des lois le 27 novembre 2024")]
    [InlineData("AMANR5L17PO838901BTC0636P0D1N000085", "Rejeté en séance publique le 11 février 2025")]
    [InlineData("AMANR5L17PO849474B0481P0D1N000817", "Adopté le 27 mars 2025")]
    [InlineData("AMANR5L17PO838901BTC1043P0D1N001023", "Irrecevable")]
    public void An_assemblee_outcome_says_where_and_when_it_was_decided(string uid, string outcome)
    {
        var a = Recorded(uid);
        Assert.Contains($"<i>Sort :</i> {outcome}\n", Filed(a).Html);
        Assert.Contains($"Sort : {outcome} (avant : Déposé)\n", AmendmentMessages.Write(a, EventKind.StatusChanged, "Déposé", RelevanceResult.None, new Dictionary<string, string>()).PlainText);
    }

    /// <summary>The 15th legislature's sittings, as its recorded dossier places the Assemblée's first reading (AN1-DEBATS-DEC).</summary>
    [Fact]
    public void The_seance_publique_of_the_15th_legislature_is_named_too()
    {
        var dossier = Watch.Parsing.AssembleeNationale.DossierParser.Parse(
            File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "an", "dossiers", "dossier-DLR5L15N37055.json")), "DLR5L15N37055");
        var sitting = dossier.Steps.First(s => s.Code == "AN1-DEBATS-DEC").OrganeRef!;

        Assert.Equal("en séance publique", AnOrgans.Where(sitting));
    }

    /// <summary>
    /// The 16th legislature's sittings (2022-2024: the Olympic Games bill's article 7 was voted there) have their own
    /// organ, PO791932, the one of that legislature's séance amendments (« AMANR5L16PO791932B1680P1D1N… » on the AN's
    /// site). No amendment of it is recorded here: a recorded séance amendment of the 17th stands in, its organ and
    /// legislature rewritten.
    /// </summary>
    [Fact]
    public void The_seance_publique_of_the_16th_legislature_is_named_too()
    {
        const string uid = "AMANR5L17PO838901BTC0636P0D1N000085";
        var json = File.ReadAllText(RecordedPath(uid)).Replace("R5L17PO838901", "R5L16PO791932", StringComparison.Ordinal)
            .Replace("\"legislature\": \"17\"", "\"legislature\": \"16\"", StringComparison.Ordinal);
        var a = AmendmentParser.Parse(System.Text.Encoding.UTF8.GetBytes(json), uid.Replace("R5L17PO838901", "R5L16PO791932", StringComparison.Ordinal));

        Assert.Equal("PO791932", a.ExaminingOrgan);
        Assert.Contains("<i>Sort :</i> Rejeté en séance publique le 11 février 2025\n", Filed(a).Html);
    }

    /// <summary>The Sénat's commission export numbers its rows COM-…, but names neither the commission nor the day.</summary>
    [Fact]
    public void A_senat_commission_outcome_says_commission_only() =>
        Assert.Contains("<i>Sort :</i> Adopté en commission\n", Filed(Senat("jeu_complet_commission_2017-2018_583.csv", "COM-43")).Html);

    /// <summary>
    /// A sub-amendment is announced as one, with the number of the amendment it amends: n° 1023 is the Government's
    /// sub-amendment to n° 769, declared irrecevable; n° 255 was rejected in séance.
    /// </summary>
    [Theory]
    [InlineData("AMANR5L17PO838901BTC1043P0D1N001023", "🔘 Sous-amendement n° 1023 à l'amendement n° 769 irrecevable sur l'article 15 ter")]
    [InlineData("AMANR5L17PO838901BTC0636P0D1N000255", "⚪ Sous-amendement n° 255 à l'amendement n° 88 rejeté sur ")]
    public void A_sub_amendment_is_announced_as_one_with_its_parent_s_number(string uid, string headline) =>
        Assert.StartsWith(headline, Filed(Recorded(uid)).Headline);

    /// <summary>
    /// The parent's number is not in the sub-amendment's file: it is the sub-amendment's prefix (CE) and the parent
    /// uid's N-number, checked against the parent's own file, where it is « CE555 (Rect) » once rectified.
    /// </summary>
    [Theory]
    [InlineData("AMANR5L17PO419610B0463P0D1N000584", "Sous-amendement n° CE584 à l'amendement n° CE555")]
    [InlineData("AMANR5L17PO838901BTC1043P0D1N001023", "Sous-amendement n° 1023 à l'amendement n° 769")]
    [InlineData("AMANR5L17PO838901BTC0636P0D1N000255", "Sous-amendement n° 255 à l'amendement n° 88")]
    public void A_sub_amendment_s_parent_number_is_the_one_its_parent_s_file_gives(string uid, string title)
    {
        var sub = Recorded(uid);
        var parent = Recorded(sub.ParentRef!);
        Assert.Equal(title, sub.Title);
        Assert.Equal(parent.Number.Split(" (")[0], sub.ParentNumber);
        Assert.Null(parent.ParentRef);
        Assert.Equal($"Amendement n° {parent.Number}", parent.Title);
    }

    /// <summary>
    /// A credit amendment's « dispositif » is the list of its table's programmes: quoted, it read as words the
    /// amendment writes (« « Administration territoriale de l'État Vie politique Conduite et pilotage des politiques
    /// de l'intérieur » »). What II-3199 does is move 8 M€ from one programme to another; « Vie politique » is unchanged.
    /// </summary>
    [Fact]
    public void A_credit_amendment_says_what_it_moves_between_programmes_and_quotes_nothing()
    {
        var message = Filed(Recorded("AMANR5L17PO838901B0324P2D1N003199"));

        Assert.Contains("\nCrédits : +8\u202F000\u202F000\u00A0€ sur « Administration territoriale de l'État », \u22128\u202F000\u202F000\u00A0€ sur « Conduite et pilotage des politiques de l'intérieur »\n", message.PlainText);
        Assert.Contains("<i>Crédits :</i> +8\u202F000\u202F000\u00A0€ sur « Administration territoriale de l'État », ", message.Html);
        Assert.DoesNotContain("Vie politique", message.PlainText);
        Assert.DoesNotContain("« Administration territoriale de l'État Vie politique", message.PlainText);
    }

    [Fact]
    public void An_amending_finance_bill_s_credit_amendment_says_its_net_change()
    {
        var message = Filed(Recorded("AMANR5L17PO59048B0538P0D1N000008"));

        Assert.Contains("\nCrédits : \u2212250\u202F000\u202F000\u00A0€ sur « Hébergement, parcours vers le logement et insertion des personnes vulnérables »\n", message.PlainText);
        Assert.DoesNotContain("Aide à l'accès au logement", message.PlainText);
    }

    /// <summary>
    /// N° 72 changes seven programmes, AE and CP by different sums: the first three are told with both, parted by
    /// semicolons since each has a comma, then how many more; the message stays far below Telegram's limit.
    /// </summary>
    [Fact]
    public void Many_programmes_are_told_as_the_first_few_and_how_many_more_with_ae_and_cp_apart_when_they_differ()
    {
        var message = Filed(Recorded("AMANR5L17PO838901B0538P0D1N000072"));

        Assert.Contains(
            "\nCrédits : AE \u221248\u202F878\u202F275\u00A0€, CP \u2212250\u202F132\u202F699\u00A0€ sur « Infrastructures et services de transports » ; "
            + "AE +9\u202F769\u202F622\u00A0€, CP +3\u202F111\u202F715\u00A0€ sur « Affaires maritimes, pêche et aquaculture » ; "
            + "AE +67\u202F041\u202F251\u00A0€, CP +85\u202F105\u202F955\u00A0€ sur « Paysages, eau et biodiversité » et 4 autres programmes\n",
            message.PlainText);
        Assert.DoesNotContain("Prévention des risques", message.PlainText);
        Assert.True(message.Html.Length < TelegramHtml.MaxLength / 4, message.Html);
    }

    [Fact]
    public void A_programme_the_amendment_creates_is_said_to_be_created() =>
        Assert.Contains(
            "\nCrédits : \u221210\u202F000\u202F000\u00A0€ sur « Opérations en capital intéressant les participations financières de l'État », "
            + "+10\u202F000\u202F000\u00A0€ sur « Participation au capital d'Atos » (programme créé)\n",
            Filed(Recorded("AMANR5L17PO838901B2068P0D1N000010")).PlainText);

    /// <summary>A table whose every amount is 0 (II-3199 with its two sums zeroed) changes nothing: nothing is said of it.</summary>
    [Fact]
    public void A_credit_table_that_changes_nothing_says_nothing()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "replay", "an", "amendements", "AMANR5L17PO838901B0324P2D1N003199.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllBytes(path))!;
        foreach (var programme in json["amendement"]!["corps"]!["contenuAuteur"]!["dispositifAmdtCreditPLF"]!["listeProgrammes"]!["programme"]!.AsArray())
        {
            programme!["autorisationEngagement"] = "0";
            programme["creditPaiement"] = "0";
        }
        var zeroed = AmendmentParser.Parse(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()), "zeroed");

        var message = Filed(zeroed);

        Assert.NotNull(zeroed.Credits);
        Assert.DoesNotContain("Crédits", message.PlainText);
        Assert.DoesNotContain("Administration territoriale", message.PlainText);
    }

    /// <summary>An ordinary amendment is still quoted.</summary>
    [Fact]
    public void An_ordinary_amendment_is_still_quoted() =>
        Assert.Matches("\n« .+ »\n", Filed(Recorded("AMANR5L17PO838901BTC0636P0D1N000085")).PlainText);

    [Fact]
    public void An_article_inserted_before_another_keeps_a_lower_case_key() =>
        Assert.Equal("11 bis a", Senat("jeu_complet_commission_2017-2018_583.csv", "COM-43").Article!.Number);
}
