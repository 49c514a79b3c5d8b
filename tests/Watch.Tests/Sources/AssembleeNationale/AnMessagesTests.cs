using Watch.Domain;
using Watch.Parsing.AssembleeNationale;
using Watch.Relevance;
using Watch.Summaries;
using Watch.Versions;

namespace Watch.Tests.Sources.AssembleeNationale;

/// <summary>The French messages for agenda points, votes and dossiers, on the recorded files.</summary>
public sealed class AnMessagesTests
{
    private static readonly RelevanceResult Followed = new(true, 1, [], [new RelevanceMatch("suivi", "DLR5L16N49176", RelevanceResult.TrackedField)]);

    private static readonly Dictionary<string, string> NoDossier = [];

    private static AgendaItem PointOf(string reunion, string pointUid) =>
        AgendaParser.Parse(File.ReadAllBytes(Recorded.Fixtures("reunions", reunion + ".json")), reunion).Points.Single(p => p.PointUid == pointUid);

    private static Vote VoteOf(string uid) => VoteParser.Parse(File.ReadAllBytes(Recorded.Fixtures("scrutins", uid + ".json")), uid);

    private static Dossier DossierOf(string uid) => DossierParser.Parse(File.ReadAllBytes(Recorded.Fixtures("dossiers", $"dossier-{uid}.json")), uid);

    [Fact]
    public void A_sitting_point_says_when_where_and_which_bill()
    {
        var point = PointOf("RUANR5L17S2025IDS29020", "RUANR5L17S2025IDS29020PT48846");

        var message = AgendaMessages.Write(point, EventKind.Created, null, Followed, NoDossier);

        Assert.Equal(
            "📅 À l'ordre du jour le mardi 11 février 2025 à 21 h 30 en séance publique : Suite de la discussion de la proposition de loi, adoptée par le Sénat, relative au renforcement de la sûreté dans les transports",
            message.Headline);
        Assert.Contains("Point : Suite de la discussion\n", message.PlainText);
        Assert.Contains("Dossier : DLR5L16N49176\n", message.PlainText);
        Assert.Contains("Pourquoi : suivi : dossier DLR5L16N49176\n", message.PlainText);
        Assert.EndsWith("https://www.assemblee-nationale.fr/dyn/16/dossiers/DLR5L16N49176", message.PlainText);
        Assert.StartsWith("<b>📅 À l'ordre du jour le mardi", message.Html);
    }

    [Fact]
    public void A_commission_point_names_the_commission_and_a_removed_point_says_so()
    {
        var point = PointOf("RUANR5L17S2025IDC453853", "RUANR5L17S2025IDC453853PT34632");
        Assert.Equal("📅 À l'ordre du jour le mercredi 27 novembre 2024 à 9 h en commission des lois : Examen du texte",
            AgendaMessages.Write(point, EventKind.Created, null, Followed, NoDossier).Headline);

        var removed = PointOf("RUANR5L17S2025IDS29020", "RUANR5L17S2025IDS29020PT48846") with { State = AgendaStates.Removed };
        var message = AgendaMessages.Write(removed, EventKind.StatusChanged, AgendaStates.Confirmed, Followed, NoDossier);
        Assert.StartsWith("❌ Retiré de l'ordre du jour (en séance publique, mardi 11 février 2025 à 21 h 30) : Suite de la discussion", message.Headline);
        Assert.Contains("Statut : Supprimé (avant : Confirmé)\n", message.PlainText);
    }

    [Fact]
    public void A_cancelled_sitting_is_announced_as_removed_from_the_agenda()
    {
        // The séance of 9 December 2024 was dropped after the censure: the meeting itself is Supprimé.
        var point = PointOf("RUANR5L17S2025IDS28777", "RUANR5L17S2025IDS28777PT48413");
        Assert.StartsWith("❌ Retiré de l'ordre du jour (en séance publique, lundi 9 décembre 2024 à 16 h) : Discussion de la proposition de loi",
            AgendaMessages.Write(point, EventKind.Created, null, Followed, NoDossier).Headline);
    }

    [Fact]
    public void A_convocation_s_headline_leads_with_the_line_that_made_it_relevant()
    {
        // The commission des lois of 12 March 2025 names rapporteurs on seven texts and nominations; the third line, the
        // CNCTR's president-to-be, is why it matters: it came after the cut, behind the HATVP's.
        var reunion = AgendaParser.Parse(File.ReadAllBytes(Recorded.Fixtures("reunions-corpus", "RUANR5L17S2025IDC455000.json")), "RUANR5L17S2025IDC455000");
        var convocation = Assert.Single(reunion.Points, p => p.PointUid == AgendaItem.ConvocationPoint);
        var relevance = Watch.Tests.Relevance.LabelledSet.Classifier().Classify(convocation);

        var headline = AgendaMessages.Write(convocation, EventKind.Created, null, relevance, NoDossier).Headline;

        Assert.StartsWith("📅 À l'ordre du jour le mercredi 12 mars 2025 à 10 h en commission des lois : Nomination de rapporteurs sur : " +
            "- la proposition de nomination, par le Président de la République, de M. Vincent Mazauric en tant que président de la " +
            "Commission nationale de contrôle des techniques de renseignement", headline);
    }

    [Fact]
    public void A_convocation_following_a_bill_by_its_number_tells_that_line_first()
    {
        // The commission des affaires sociales of 18 March 2025 (cancelled): a rapporteur on the bill on medical deserts,
        // then rapporteurs on the palliative care and end-of-life bills (n° 1102, n° 1100). The meeting follows n° 1100.
        var convocation = Watch.Tests.Pipeline.RelevanceLinksTests.Convocation("RUANR5L17S2025IDC455289");
        var relevance = RelevanceLinks.Following(RelevanceResult.None, "PIONANR5L17B1100", ["cameras"]);

        var headline = AgendaMessages.Write(convocation, EventKind.Created, null, relevance, NoDossier).Headline;

        Assert.Contains(" : - Nomination de rapporteurs sur les propositions de loi relative aux soins palliatifs et d’accompagnement (n° 1102) " +
            "et relative à la fin de vie (n° 1100) ; - Nomination d’un rapporteur sur la proposition de loi visant à", headline);
    }

    [Fact]
    public void A_convocation_under_several_hours_keeps_its_order()
    {
        // A commission d'enquête on 3 April 2025: « À 14 heures : - Audition … Ébongué », « À 15 heures : - Audition
        // commune … (CNIL) ». A phrase matched in the 15 h hearing must not bring it under « À 14 heures ».
        var reunion = AgendaParser.Parse(File.ReadAllBytes(Recorded.Fixtures("reunions-corpus", "RUANR5L17S2025IDC455652.json")), "RUANR5L17S2025IDC455652");
        var convocation = Assert.Single(reunion.Points, p => p.PointUid == AgendaItem.ConvocationPoint);
        var relevance = new RelevanceResult(true, 1, ["renseignement"], [new RelevanceMatch("renseignement", "Commission nationale de l'informatique et des libertés", FieldNames.Title)]);

        var headline = AgendaMessages.Write(convocation, EventKind.Created, null, relevance, NoDossier).Headline;

        Assert.Contains(": À 14 heures : - Audition, ouverte à la presse, de Mme Amélie Ébongué", headline);
    }

    [Fact]
    public void A_vote_gives_the_question_the_result_and_the_counts()
    {
        var message = VoteMessages.Write(VoteOf("VTANR5L17V788"), EventKind.Created, null, Followed, NoDossier);

        Assert.Equal(
            "🗳️ Scrutin n° 788 : l'ensemble de la proposition de loi relative à la sûreté dans les transports (première lecture) adopté (139 pour, 59 contre, 3 abstentions)",
            message.Headline);
        Assert.Contains("Date : mardi 11 février 2025 (scrutin public ordinaire)\n", message.PlainText);
        Assert.Contains("Votants : 201 ; exprimés : 198 ; majorité requise : 100\n", message.PlainText);
        Assert.EndsWith("https://www.assemblee-nationale.fr/dyn/17/scrutins/788", message.PlainText);
    }

    [Fact]
    public void A_motion_de_censure_agrees_in_gender()
    {
        var message = VoteMessages.Write(VoteOf("VTANR5L17V1"), EventKind.Created, null, Followed, NoDossier);
        Assert.StartsWith("🗳️ Scrutin n° 1 : la motion de censure déposée en application de l'article 49, alinéa 2", message.Headline);
        // Only the votes for a motion are cast, against the absolute majority of the members.
        Assert.EndsWith("rejetée (197 voix pour, 289 requises)", message.Headline);

        // Its result corrected: the line agrees as the headline does.
        var corrected = VoteMessages.Write(VoteOf("VTANR5L17V1"), EventKind.StatusChanged, "adopté", Followed, NoDossier);
        Assert.Contains("résultat corrigé, la motion de censure", corrected.Headline);
        Assert.Contains("Résultat : rejetée (avant : adoptée)\n", corrected.PlainText);
    }

    [Fact]
    public void Identical_amendments_voted_as_one_agree_in_number()
    {
        // « l'amendement n° 219 de Mme Mercier et les amendements identiques suivants à l'article 2 … », rejected; copied
        // from the corpus apart from the votes the source tests serve as an archive.
        var vote = VoteParser.Parse(File.ReadAllBytes(Recorded.Fixtures("scrutins-corpus", "VTANR5L17V1045.json")), "VTANR5L17V1045");
        var message = VoteMessages.Write(vote, EventKind.Created, null, Followed, NoDossier);

        Assert.EndsWith("(première lecture) rejetés (106 pour, 183 contre, 1 abstention)", message.Headline);

        // One sub-amendment to an amendment « et aux amendements identiques suivants »: what was voted on is one.
        var sub = VoteParser.Parse(File.ReadAllBytes(Recorded.Fixtures("scrutins-corpus", "VTANR5L17V2159.json")), "VTANR5L17V2159");
        Assert.StartsWith("le sous-amendement n° 2801", sub.Question);
        Assert.Contains("identiques suivants", sub.Question);
        Assert.EndsWith(" rejeté (0 pour, 127 contre, 3 abstentions)", VoteMessages.Write(sub, EventKind.Created, null, Followed, NoDossier).Headline);
    }

    [Fact]
    public void A_dossier_step_is_told_in_french()
    {
        var dossier = DossierOf("DLR5L15N37055");

        var created = DossierMessages.Write(dossier, EventKind.Created, null, Followed);
        Assert.Equal("📂 Dossier législatif : Ecole de la confiance", created.Headline);
        Assert.Contains("Procédure : Projet de loi ordinaire\n", created.PlainText);
        Assert.Contains("Dernière étape : loi n° 2019-791 promulguée le 26 juillet 2019\n", created.PlainText);
        Assert.Contains("Journal officiel : JO n° 174 du 28 juillet 2019\n", created.PlainText);

        var promulgated = DossierMessages.Write(dossier, EventKind.StatusChanged, "Conclusion du conseil constitutionnel : Partiellement conforme (CC-CONCLUSION)", Followed);
        Assert.Equal("➡️ Ecole de la confiance : loi n° 2019-791 promulguée le 26 juillet 2019", promulgated.Headline);
        Assert.Contains("Étape précédente : conclusion du Conseil constitutionnel : Partiellement conforme\n", promulgated.PlainText);

        var decision = dossier.Steps.First(s => s.Code == "AN1-DEBATS-DEC");
        Assert.Equal("1re lecture à l'Assemblée nationale, décision le 19 février 2019 : adopté", DossierMessages.Describe(decision));
        var council = dossier.Steps.Single(s => s.Code == "CC-CONCLUSION");
        Assert.Equal("conclusion du Conseil constitutionnel le 25 juillet 2019 : Partiellement conforme", DossierMessages.Describe(council));
    }

    [Fact]
    public void The_sittings_on_the_CMP_text_are_each_chamber_s_and_a_reading_is_named_once()
    {
        var dossier = DossierOf("DLR5L15N37055");
        string Told(string code) => DossierMessages.Describe(dossier.Steps.First(s => s.Code == code && s.Date is not null));

        // The Sénat's and the Assemblée's votes on the CMP's text, not a decision of the CMP.
        Assert.StartsWith("lecture du texte de la CMP à l'Assemblée nationale, décision le 2 juillet 2019 : adopté, dans les conditions", Told("CMP-DEBATS-AN-DEC"));
        Assert.StartsWith("lecture du texte de la CMP au Sénat, décision le 4 juillet 2019 : adopté", Told("CMP-DEBATS-SN-DEC"));
        Assert.StartsWith("saisine du Conseil constitutionnel le ", Told("CC-SAISIE-AN"));
        // The stored status of the step left, as the previous step of a message.
        Assert.Equal("1re lecture à l'Assemblée nationale, décision : adopté", DossierMessages.Previous("Décision : adopté (AN1-DEBATS-DEC)"));
        Assert.Equal("commission mixte paritaire, décision de la CMP : Accord", DossierMessages.Previous("Décision de la CMP : Accord (CMP-DEC)"));
    }
}
