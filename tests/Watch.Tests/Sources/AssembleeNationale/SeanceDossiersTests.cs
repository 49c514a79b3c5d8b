using Watch.Domain;
using Watch.Parsing.AssembleeNationale;
using Watch.Sources.AssembleeNationale;

namespace Watch.Tests.Sources.AssembleeNationale;

/// <summary>A vote's dossier found through its séance's agenda, on recorded votes and the recorded agendas of their séances.</summary>
public class SeanceDossiersTests
{
    /// <summary>A recorded vote: among the recorded votes, those kept from the corpus, or the retitled bills' ones.</summary>
    private static Vote VoteOf(string uid) =>
        VoteParser.Parse(File.ReadAllBytes(Find([["scrutins"], ["scrutins-corpus"], ["retitled", "scrutins"]], uid)), uid);

    /// <summary>The séance's agenda: among the recorded meetings, the séances of recorded votes kept apart in <c>seances/</c>, those kept from the corpus, or the retitled bills' ones.</summary>
    private static IReadOnlyList<AgendaItem> PointsOf(string reunion) =>
        AgendaParser.Parse(File.ReadAllBytes(Find([["reunions"], ["seances"], ["reunions-corpus"], ["retitled", "reunions"]], reunion)), reunion).Items;

    private static string Find(string[][] folders, string uid) =>
        folders.Select(folder => Recorded.Fixtures([.. folder, uid + ".json"])).First(File.Exists);

    [Theory]
    // « l'ensemble de la proposition de loi relative à la sûreté dans les transports (première lecture) »: the only text of its séance.
    [InlineData("VTANR5L17V788")]
    // A sub-amendment to article 1 of the bill, in a séance whose agenda writes « adoptée par le Sénat ».
    [InlineData("VTANR5L17V748")]
    // The final vote on the CMP text, in a séance that also discussed the narcotrafic bill and an organic bill.
    [InlineData("VTANR5L17V1041")]
    public void A_vote_on_the_transport_safety_bill_is_given_its_dossier_by_the_seance_agenda(string uid)
    {
        var vote = VoteOf(uid);
        Assert.Null(vote.DossierRef);

        Assert.Equal("DLR5L16N49176", SeanceDossiers.DossierOf(vote.Question, PointsOf(vote.SeanceRef!)));
    }

    [Theory]
    // VTANR5L17V1042, in a séance on the narcotrafic bill and its organic bill (« proposition de loi organique … »).
    [InlineData("RUANR5L17S2025IDS29207", "l'amendement n° 365 de M. Bernalicis de suppression de l'article 2 de la proposition de loi visant à sortir la France du piège du narcotrafic (première lecture).", "DLR5L17N50169")]
    // VTANR5L17V1040, a motion on the transport bill, in the séance that also discussed the narcotrafic bills.
    [InlineData("RUANR5L17S2025IDS29205", "la motion de rejet préalable, déposée par Mme Mathilde Panot, de la proposition de loi relative au renforcement de la sûreté dans les transports (texte de la commission mixte paritaire).", "DLR5L16N49176")]
    public void Among_the_texts_of_a_seance_the_one_the_vote_names_is_chosen(string reunion, string question, string dossier)
    {
        var points = PointsOf(reunion);
        Assert.True(points.SelectMany(p => p.DossierRefs).Distinct().Count() > 1);

        Assert.Equal(dossier, SeanceDossiers.DossierOf(question, points));
    }

    /// <summary>
    /// Two bills the commission retitled after their agenda point was written (March 2025): the texts each dossier names,
    /// the bill as deposited and the commission's text the séance examined, with their titles (as the votes name them).
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, IReadOnlyList<(string Text, string Title)>> Retitled =
        new Dictionary<string, IReadOnlyList<(string, string)>>
        {
            ["DLR5L17N51328"] =
            [
                ("PIONANR5L17B0822", "Proposition de loi visant à instaurer un dispositif de sanction contraventionnelle pour prévenir le développement des vignes non cultivées qui représentent une menace sanitaire pour l’ensemble du vignoble"),
                ("PIONANR5L17BTC1003", "Proposition de loi instaurant des réponses adaptées et proportionnées pour prévenir notamment le développement des vignes non cultivées"),
            ],
            ["DLR5L17N51346"] =
            [
                ("PIONANR5L17B0841", "Proposition de loi portant création du cadre d’emploi des personnels de santé des services d’incendie et de secours"),
                ("PIONANR5L17BTC0994", "Proposition de loi relative à l'organisation et aux missions des professionnels de santé, vétérinaires, psychothérapeutes et psychologues professionnels et volontaires des services d'incendie et de secours"),
            ],
        };

    [Theory]
    // « l'ensemble de de la proposition de loi instaurant des réponses adaptées et proportionnées pour prévenir notamment le
    // développement des vignes non cultivées », in a séance whose agenda still says « visant à instaurer un dispositif de
    // sanction contraventionnelle… ».
    [InlineData("VTANR5L17V918", "DLR5L17N51328")]
    // « … relative à l'organisation et aux missions des professionnels de santé … des services d'incendie et de secours »,
    // for « portant création du cadre d'emploi des personnels de santé … », among three bills, the vignes one included.
    [InlineData("VTANR5L17V912", "DLR5L17N51346")]
    public void A_vote_on_a_bill_retitled_since_its_agenda_point_is_given_its_dossier_by_its_texts_titles(string uid, string dossier)
    {
        var vote = VoteOf(uid);
        var points = PointsOf(vote.SeanceRef!);
        Assert.Null(SeanceDossiers.DossierOf(vote.Question, points));

        var titles = Retitled.ToDictionary(d => d.Key, d => (IReadOnlyList<string>)d.Value.Select(t => t.Title).ToList());
        Assert.Equal(dossier, SeanceDossiers.DossierOf(vote.Question, points, titles));
    }

    [Fact]
    public void A_vote_naming_a_european_resolution_a_resolution_is_given_its_dossier()
    {
        // « l'article unique de la proposition de résolution visant à étendre les compétences du Parquet européen … », on
        // the point « Discussion de la proposition de résolution européenne visant à étendre … ».
        var vote = VoteOf("VTANR5L17V2282");
        var points = PointsOf(vote.SeanceRef!);

        Assert.Equal("DLR5L17N51051", SeanceDossiers.DossierOf(vote.Question, points));
    }

    [Fact]
    public void A_motion_of_censure_names_no_text_and_gets_no_dossier()
    {
        // Its séance's agenda has a point « Vote sur la motion de censure » with a dossier of its own.
        var points = PointsOf("RUANR5L17S2025IDS29017");
        Assert.NotEmpty(points);

        Assert.Null(SeanceDossiers.DossierOf(VoteOf("VTANR5L17V1").Question, points));
    }

    [Fact]
    public void A_text_the_agenda_does_not_name_gets_no_dossier()
    {
        Assert.Null(SeanceDossiers.DossierOf(
            "l'ensemble du projet de loi de finances pour 2026 (première lecture).",
            PointsOf("RUANR5L17S2025IDS29020")));
    }
}
