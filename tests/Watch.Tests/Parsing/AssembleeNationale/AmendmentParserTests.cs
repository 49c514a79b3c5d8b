using System.Text;
using Watch.Domain;
using Watch.Parsing;
using Watch.Parsing.AssembleeNationale;
using Watch.Parsing.Texts;
using Watch.Relevance;
using Watch.Summaries;
using Watch.Versions;

namespace Watch.Tests.Parsing.AssembleeNationale;

/// <summary>The amendment parser on real files of the AN open data (17th legislature), bundled for the demo.</summary>
public class AmendmentParserTests
{
    internal static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "replay", "an", "amendements");

    /// <summary>A recorded amendment: bundled for the demo, among the test fixtures, or among the Mayotte bill's.</summary>
    internal static Amendment Load(string uid) =>
        AmendmentParser.Parse(File.ReadAllBytes(new[] { Dir, Fixtures, Path.Combine(Fixtures, "..", "mayotte", "amendements") }
            .Select(dir => Path.Combine(dir, uid + ".json")).First(File.Exists)), uid);

    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures", "an", "amendements");

    [Fact]
    public void Reads_a_rejected_amendment_with_its_authors_article_and_plain_text()
    {
        var a = Load("AMANR5L17PO838901BTC0636P0D1N000085");

        Assert.Equal("85", a.Number);
        Assert.Equal("PIONANR5L17BTC0636", a.TextRef);
        Assert.Equal(Chamber.AssembleeNationale, a.Chamber);
        Assert.Equal("https://www.assemblee-nationale.fr/dyn/17/amendements/AMANR5L17PO838901BTC0636P0D1N000085", a.Url);
        Assert.StartsWith("Mme Regol, Mme Arrighi, M. Amirshahi", a.Authors); // &#160; decoded and folded
        Assert.Equal("Député", a.AuthorType);
        Assert.Equal("PO845439", a.GroupRef);
        Assert.Equal("APRÈS ART. 9", a.Article!.Designation);
        Assert.Equal("9", a.Article.Number);
        Assert.True(a.Article.Additional);
        Assert.Equal("Rejeté", a.Sort);
        Assert.Equal("Rejeté", a.Status);
        Assert.Equal(new DateOnly(2025, 2, 5), a.DepositDate);
        Assert.Equal(new DateTimeOffset(2025, 2, 11, 19, 57, 55, TimeSpan.FromHours(1)), a.DecisionDate);
        // Entities (&#x0300; combining accents, &#x2011; non-breaking hyphen) decoded and recomposed.
        Assert.Contains("aucune technique de reconnaissance faciale", a.Dispositif);
        Assert.Contains("Après l’article L. 2251‑4-2 du code des transports", a.Dispositif);
        Assert.DoesNotContain("<p", a.Dispositif);
        Assert.Contains("reconnaissance faciale", a.ExposeSommaire);
    }

    [Fact]
    public void A_nil_sort_falls_back_to_the_final_state()
    {
        // sort = {"@xsi:nil":"true"}; état « Irrecevable 40 »; empty dispositif.
        var irrecevable = Load("AMANR5L17PO838901BTC0636P0D1N000071");
        Assert.Null(irrecevable.Sort);
        Assert.Equal("Irrecevable 40", irrecevable.State);
        Assert.Equal("Irrecevable", irrecevable.Status);
        Assert.Equal("", irrecevable.Dispositif);

        var withdrawn = Load("AMANR5L17PO838901BTC0636P0D1N000214");
        Assert.Null(withdrawn.Sort);
        Assert.Equal("Retiré", withdrawn.Status);
    }

    [Fact]
    public void A_pending_amendment_is_filed_and_undecided()
    {
        var pending = Load("AMANR5L17PO838901B0324P2D1N003199");
        Assert.Equal("En traitement", pending.State);
        Assert.Null(pending.SubState);
        Assert.Null(pending.Sort);
        Assert.Null(pending.DecisionDate);
        Assert.Equal(AmendmentStatus.Filed, pending.Status);
        Assert.False(pending.IsDecided);
    }

    [Fact]
    public void A_sub_amendment_names_its_parent_and_a_nil_content_author_is_no_error()
    {
        var sub = Load("AMANR5L17PO838901BTC0636P0D1N000255");
        Assert.Equal("AMANR5L17PO838901BTC0636P0D1N000088", sub.ParentRef);

        var nilContent = Load("AMANR5L17PO838901BTC0636P0D1N000256");
        Assert.Equal("", nilContent.Dispositif);
        Assert.Equal("", nilContent.ExposeSommaire);
        Assert.Equal("AMANR5L17PO838901BTC0636P0D1N000030", nilContent.ParentRef);
    }

    [Fact]
    public void A_credit_amendment_reads_its_programme_table_as_its_dispositif()
    {
        var credit = Load("AMANR5L17PO419865B0324P2D1N000019");
        Assert.Contains("Infrastructures et services de transports", credit.Dispositif);
        Assert.Contains("Paysages, eau et biodiversité", credit.Dispositif);
    }

    [Fact]
    public void An_amending_finance_bill_s_credit_amendment_reads_its_programme_table_too()
    {
        // Real file from the corpus: CF8 on the loi de finances de fin de gestion 2024, dispositifAmdtCreditPLFR.
        var credit = Load("AMANR5L17PO59048B0538P0D1N000008");

        Assert.Contains("Hébergement, parcours vers le logement", credit.Dispositif);
    }

    /// <summary>
    /// II-3199 (PLF 2025) moves 8 M€ from « Conduite et pilotage des politiques de l'intérieur » to « Administration
    /// territoriale de l'État », each change signed, AE as CP. Its dispositif stays the labels it always was: it is
    /// what is classified and what says whether the amendment's content changed.
    /// </summary>
    [Fact]
    public void A_credit_amendment_reads_each_programme_s_signed_change()
    {
        var credit = Load("AMANR5L17PO838901B0324P2D1N003199");

        Assert.Equal(
            [
                new ProgrammeCredit("Administration territoriale de l'État", 8_000_000, 8_000_000),
                new ProgrammeCredit("Vie politique", 0, 0),
                new ProgrammeCredit("Conduite et pilotage des politiques de l'intérieur", -8_000_000, -8_000_000),
            ],
            credit.Credits);
        Assert.Equal("Administration territoriale de l'État\nVie politique\nConduite et pilotage des politiques de l'intérieur", credit.Dispositif);
    }

    /// <summary>
    /// An amending finance bill's table has two columns, credits opened (« supplémentaire ») and cancelled
    /// (« annulé »), and an amendment may lower either: n° 72 (loi de finances de fin de gestion 2024) lowers the
    /// cancellation of « Affaires maritimes » by 9 769 622 € of AE and 3 111 715 € of CP, which leaves the programme
    /// that much more; on « Conduite et pilotage… » it lowers both columns (AE −1 289 383 € opened, −2 663 €
    /// cancelled: −1 286 720 € in all). CF8 takes 250 M€ off the credits the bill opens for « Hébergement… ».
    /// </summary>
    [Fact]
    public void An_amending_finance_bill_s_credit_amendment_reads_credits_opened_minus_credits_cancelled()
    {
        var n72 = Load("AMANR5L17PO838901B0538P0D1N000072");
        Assert.Equal(9, n72.Credits!.Count);
        Assert.Equal(new ProgrammeCredit("Infrastructures et services de transports", -48_878_275, -250_132_699), n72.Credits[0]);
        Assert.Equal(new ProgrammeCredit("Affaires maritimes, pêche et aquaculture", 9_769_622, 3_111_715), n72.Credits[1]);
        Assert.Equal(new ProgrammeCredit("Énergie, climat et après-mines", 0, 182_000_000), n72.Credits[5]);
        Assert.Equal(new ProgrammeCredit("Conduite et pilotage des politiques de l'écologie, du développement et de la mobilité durables", -1_286_720, 1_713_280), n72.Credits[7]);
        Assert.Equal(7, n72.Credits.Count(c => c.Changes));

        var cf8 = Load("AMANR5L17PO59048B0538P0D1N000008");
        Assert.Equal(new ProgrammeCredit("Hébergement, parcours vers le logement et insertion des personnes vulnérables", -250_000_000, -250_000_000), Assert.Single(cf8.Credits!, c => c.Changes));
        Assert.Equal(6, cf8.Credits!.Count);
    }

    /// <summary>N° 10 (PLF de fin de gestion 2025) creates the programme « Participation au capital d'Atos » with 10 M€ cancelled elsewhere.</summary>
    [Fact]
    public void A_programme_the_amendment_creates_is_marked_created()
    {
        var credit = Load("AMANR5L17PO838901B2068P0D1N000010");

        Assert.Equal(
            [
                new ProgrammeCredit("Opérations en capital intéressant les participations financières de l'État", -10_000_000, -10_000_000),
                new ProgrammeCredit("Désendettement de l'État et d'établissements publics de l'État", 0, 0),
                new ProgrammeCredit("Participation au capital d'Atos", 10_000_000, 10_000_000, Created: true),
            ],
            credit.Credits);
    }

    /// <summary>
    /// An amendment is stored as its JSON, whose hash says whether it changed: an ordinary amendment's must stay as it
    /// was before credits were read, with no « Credits » key at all (nor any other null one the default options write).
    /// </summary>
    [Theory]
    [InlineData("AMANR5L17PO838901BTC0636P0D1N000085")]
    [InlineData("AMANR5L17PO838901BTC0636P0D1N000256")] // nil contenuAuteur
    public void An_ordinary_amendment_has_no_credits_and_its_stored_json_no_credits_key(string uid)
    {
        var a = Load(uid);
        Assert.Null(a.Credits);

        using var json = System.Text.Json.JsonDocument.Parse(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(a));
        Assert.False(json.RootElement.TryGetProperty(nameof(Amendment.Credits), out _));
    }

    [Fact]
    public void A_credit_amendment_s_credits_are_stored_and_read_back()
    {
        var credit = Load("AMANR5L17PO838901B0324P2D1N003199");
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(credit);
        var back = System.Text.Json.JsonSerializer.Deserialize<Amendment>(json)!;
        Assert.Equal(credit.Credits, back.Credits);
    }

    [Fact]
    public void A_programme_table_of_one_may_be_written_as_the_bare_object()
    {
        // The AN's JSON is its XML converted: a list of one element is written without the array.
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllBytes(Path.Combine(Dir, "AMANR5L17PO419865B0324P2D1N000019.json")))!;
        var table = json["amendement"]!["corps"]!["contenuAuteur"]!["dispositifAmdtCreditPLF"]!["listeProgrammes"]!;
        table["programme"] = table["programme"]![1]!.DeepClone();

        var credit = AmendmentParser.Parse(Encoding.UTF8.GetBytes(json.ToJsonString()), "one-programme");

        Assert.Equal("Affaires maritimes, pêche et aquaculture", credit.Dispositif);
    }

    [Fact]
    public void The_uid_of_the_file_wins_over_a_folder_that_disagrees()
    {
        // Quirk: uid contains B1277 but texteLegislatifRef is PIONANR5L17BTC1277.
        var a = Load("AMANR5L17PO838901B1277P0D1N000003");
        Assert.Equal("AMANR5L17PO838901B1277P0D1N000003", a.Id);
        Assert.Equal("PIONANR5L17BTC1277", a.TextRef);
        Assert.Equal("ART. 26", a.Article!.Designation);
        Assert.Equal("26", a.Article.Number);
        Assert.False(a.Article.Additional);
    }

    [Fact]
    public void The_bare_object_of_the_per_unit_endpoint_is_read_like_the_dump()
    {
        var wrapped = File.ReadAllText(Path.Combine(Dir, "AMANR5L17PO838901BTC0636P0D1N000085.json"));
        using var doc = System.Text.Json.JsonDocument.Parse(wrapped);
        var bare = Encoding.UTF8.GetBytes(doc.RootElement.GetProperty("amendement").GetRawText());

        Assert.Equal(Load("AMANR5L17PO838901BTC0636P0D1N000085"), AmendmentParser.Parse(bare, "bare"), new SameAmendment());
    }

    [Fact]
    public void Sort_written_as_a_code_libelle_object_reads_as_its_libelle()
    {
        var json = File.ReadAllText(Path.Combine(Dir, "AMANR5L17PO838901BTC0636P0D1N000085.json"))
            .Replace("\"sort\": \"Rejet\\u00e9\"", "\"sort\": {\"code\": \"REJ\", \"libelle\": \"Rejet\\u00e9\"}");
        Assert.Contains("\"code\":\"REJ\"", json.Replace(" ", ""));
        Assert.Equal("Rejeté", AmendmentParser.Parse(Encoding.UTF8.GetBytes(json), "object-sort").Sort);
    }

    [Fact]
    public void A_one_element_list_may_be_an_object_or_an_array()
    {
        var json = """{"a": {"b": {"x": "1"}}, "c": [{"x": "1"}, {"x": "2"}], "d": {"@xsi:nil": "true"}}""";
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Single(AnJson.Items(root.GetProperty("a"), "b"));
        Assert.Equal(2, AnJson.Items(root, "c").Count());
        Assert.Empty(AnJson.Items(root, "d"));
        Assert.Null(AnJson.Str(root, "d"));
    }

    [Theory]
    [InlineData("{\"scrutin\": {\"uid\": \"VTANR5L17V1\"}}", "not an Assemblée nationale \"amendement\" document")]
    [InlineData("{\"amendement\": {\"uid\": \"AMANR5L17PO838901BTC0636P0D1N000085\"", "malformed JSON")]
    [InlineData("[1, 2]", "expected a JSON object")]
    [InlineData("{\"amendement\": {\"uid\": \"XYZ\"}}", "'XYZ' is not an amendment uid")]
    public void Bad_input_gets_an_error_naming_the_input_and_the_problem(string json, string problem)
    {
        var e = Assert.Throws<ParseException>(() => AmendmentParser.Parse(Encoding.UTF8.GetBytes(json), "feed.json"));
        Assert.Equal("feed.json", e.Input);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Every_bundled_amendment_parses()
    {
        var files = Directory.GetFiles(Dir, "*.json");
        Assert.Equal(22, files.Length);
        foreach (var file in files)
            Assert.Equal(Path.GetFileNameWithoutExtension(file), AmendmentParser.Parse(File.ReadAllBytes(file), file).Id);
    }

    private sealed class SameAmendment : IEqualityComparer<Amendment>
    {
        public bool Equals(Amendment? x, Amendment? y) =>
            System.Text.Json.JsonSerializer.Serialize(x) == System.Text.Json.JsonSerializer.Serialize(y);

        public int GetHashCode(Amendment obj) => obj.Id.GetHashCode();
    }

    /// <summary>Amendments to the commission's text BTC1591, as published; their keys must be the ones the text's headings give.</summary>
    [Theory]
    [InlineData("AMANR5L17PO838901BTC1591P0D1N000383", "ART. 1ER BIS", "1 bis", false)]   // the suffix after « 1er »
    [InlineData("AMANR5L17PO838901BTC1591P0D1N001052", "APRÈS ART. 5", "5", true)]        // a sub-amendment to a new article: articleAdditionnel false
    public void The_amended_article_is_read_as_the_text_numbers_it(string uid, string designation, string number, bool additional)
    {
        var article = Load(uid).Article!;

        Assert.Equal(designation, article.Designation);
        Assert.Equal(number, article.Number);
        Assert.Equal(additional, article.Additional);
        Assert.Equal(additional ? [] : [ArticleRef.Key("PIONANR5L17BTC1591", ArticleNumbers.Normalize(designation[5..]))], RelevanceLinks.Borrows(Load(uid)));
    }

    /// <summary>
    /// Real amendments on divisions rather than articles: the AN files them « AVANT ART. 10 » or « APRÈS ART. 19 », and
    /// says in <c>division</c> what they amend (<c>type</c> CHAPITRE, its <c>titre</c>) or add (<c>chapitreAdditionnel</c>).
    /// </summary>
    [Theory]
    [InlineData("AMANR5L17PO838901BTC1591P0D1N000142", "le chapitre II")]    // « Supprimer la division et l'intitulé du chapitre II »
    [InlineData("AMANR5L17PO419610B0856P0D1N000252", "le titre Ier")]       // « Rédiger ainsi l'intitulé du titre Ier », filed with articleAdditionnel true
    [InlineData("AMANR5L17PO838901BTC0636P0D1N000073", "une division additionnelle après l'article 19")] // a new « Chapitre VIII »
    public void A_heading_amended_or_added_is_named_as_such(string uid, string french)
    {
        var amendment = Load(uid);

        Assert.Equal(french, amendment.Article!.ToFrench());
        Assert.Empty(RelevanceLinks.Borrows(amendment)); // no article's watch is borrowed by a heading
    }

    /// <summary>
    /// Real amendments on an annex of a bill: the AN names the article approving it (« ART. PREMIER ») and, in the
    /// division's <c>titre</c>, the annex itself: a programming bill's rapport annexé, a finance bill's état, an annex.
    /// </summary>
    [Theory]
    [InlineData("AMANR5L17PO838901BTC1573P0D1N000011", "PRJLANR5L17BTC1573#1 PRJLANR5L17BTC1573#annexe")] // its rapport annexé, the text's annex
    [InlineData("AMANR5L17PO420120B0622P0D1N000028", "PRJLANR5L17B0622#14 PRJLANR5L17B0622#annexe")]
    [InlineData("AMANR5L17PO59048B0538P0D1N000008", "PRJLANR5L17B0538#4")] // « ÉTAT B » is the article's table, not an annex of the text
    public void An_amendment_on_an_annex_follows_the_annex_and_its_article(string uid, string keys)
    {
        var amendment = Load(uid);

        Assert.Equal(keys.Split(' '), RelevanceLinks.Borrows(amendment));
        Assert.Subset(amendment.TrackingKeys.ToHashSet(), keys.Split(' ').ToHashSet());
    }

    [Theory]
    [InlineData("AMANR5L17PO838901BTC1573P0D1N000011", "RAPPORT ANNEXÉ", "l'article premier (rapport annexé)")]
    [InlineData("AMANR5L17PO59048B0538P0D1N000008", "ÉTAT B", "l'article 4 (état B)")]
    [InlineData("AMANR5L17PO59048B2068P0D1N000004", "ETAT D", "l'article 7 (état D)")]
    [InlineData("AMANR5L17PO420120B0622P0D1N000028", "ANNEXE", "l'article 14 (annexe)")]
    public void An_amendment_on_an_annex_names_the_annex_with_its_article(string uid, string annex, string french)
    {
        var amendment = Load(uid);

        Assert.Equal(annex, amendment.Article!.Annex);
        Assert.Equal(french, amendment.Article.ToFrench());
        Assert.Contains($" sur {french}", new EventSummarizer().Summarize(amendment, EventKind.Created, null, RelevanceResult.None, null).PlainText);
    }

    /// <summary>Stored items are compared by the hash of their JSON: the flag must not change the JSON of the items without it.</summary>
    [Fact]
    public void The_division_flag_is_written_only_when_set()
    {
        Assert.Equal("""{"Designation":"APRÈS ART. 19","Number":"19","Additional":true}""",
            System.Text.Json.JsonSerializer.Serialize(ArticleRef.FromDesignation("APRÈS ART. 19", additional: true), Unescaped));
        Assert.Equal("""{"Designation":"APRÈS ART. 19","Number":"19","Additional":true,"Division":true}""",
            System.Text.Json.JsonSerializer.Serialize(Load("AMANR5L17PO838901BTC0636P0D1N000073").Article, Unescaped));
        Assert.Equal("""{"Designation":"ART. 4","Number":"4","Additional":false,"Annex":"ÉTAT B"}""",
            System.Text.Json.JsonSerializer.Serialize(Load("AMANR5L17PO59048B0538P0D1N000008").Article, Unescaped));
    }

    private static readonly System.Text.Json.JsonSerializerOptions Unescaped = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Theory]
    [InlineData("ART. 3 BIS A", "3 bis a")]
    [InlineData("ART. UNIQUE", "unique")]
    [InlineData("ART. LIMINAIRE", "liminaire")]
    [InlineData("ART. PREMIER", "1")]
    [InlineData("ART. 83 B", "83 b")]
    [InlineData("Article 14 ter (nouveau)", "14 ter")]
    public void Every_suffix_of_a_designation_is_kept(string designation, string number) =>
        Assert.Equal(number, ArticleRef.FromDesignation(designation)!.Number);

    /// <summary>What messages say an amendment is on (« déposé sur l'article 1er bis »), for designations of the corpus and the Sénat's exports.</summary>
    [Theory]
    [InlineData("ART. 9", "l'article 9")]
    [InlineData("ART. PREMIER", "l'article premier")]
    [InlineData("ART. 1ER BIS", "l'article 1er bis")]
    [InlineData("ART. 1ER BIS A", "l'article 1er bis A")]
    [InlineData("ART. 1ER A", "l'article 1er A")]
    [InlineData("ART. 83 B", "l'article 83 B")]
    [InlineData("ART. UNIQUE", "l'article unique")]
    [InlineData("TITRE", "le titre")]
    [InlineData("TITRE PREMIER", "le titre Ier")]
    [InlineData("Chapitre Ier", "le chapitre Ier")]
    [InlineData("Intitulé de la proposition de loi", "l'intitulé de la proposition de loi")]
    public void A_designation_reads_as_messages_write_it(string designation, string french) =>
        Assert.Equal(french, ArticleRef.FromDesignation(designation)!.ToFrench());

    [Theory]
    [InlineData("AVANT ART. 10", "un article additionnel avant l'article 10")]
    [InlineData("APRÈS ART. 10", "un article additionnel après l'article 10")]
    public void An_additional_article_says_which_side_of_the_other_it_goes(string designation, string french) =>
        Assert.Equal(french, ArticleRef.FromDesignation(designation, additional: true)!.ToFrench());

    /// <summary>
    /// How a vote names an amendment: by its number on the text its séance examined. The seconde délibération's n° 3 on
    /// the Mayotte bill is another amendment than the first délibération's n° 3, and its uid's text part (B1573) is not its text (BTC1573).
    /// </summary>
    [Fact]
    public void A_seance_amendment_is_named_as_votes_name_it_in_its_deliberation()
    {
        var first = Load("AMANR5L17PO838901BTC1573P0D1N000003");
        var second = Load("AMANR5L17PO838901B1573P0D2N000003");

        Assert.Equal((1, 3L), (AmendmentId.Parse(first.Id).Deliberation, AmendmentId.Parse(first.Id).Order));
        Assert.Equal((2, 3L, "PO838901"), (AmendmentId.Parse(second.Id).Deliberation, AmendmentId.Parse(second.Id).Order, AmendmentId.Parse(second.Id).Organ));
        Assert.Equal("amendement n° 3 sur PRJLANR5L17BTC1573 (PO838901)", first.VotedAs);
        Assert.Equal("amendement n° 3 sur PRJLANR5L17BTC1573 (PO838901, délibération 2)", second.VotedAs);
        // A finance bill's séance amendments are numbered by part: II-3199 is not the 3199 a vote would name.
        Assert.Equal("amendement n° II-3199 sur PRJLANR5L17B0324 (PO838901)", Load("AMANR5L17PO838901B0324P2D1N003199").VotedAs);
    }
}
