using System.Text.Json;
using Watch.Domain;
using Watch.Parsing;
using Watch.Parsing.AssembleeNationale;

namespace Watch.Tests.Parsing.AssembleeNationale;

public class VoteParserTests
{
    private static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "fixtures", "an", "scrutins", file);

    private static Vote Load(string uid)
    {
        using var stream = File.OpenRead(PathOf(uid + ".json"));
        return VoteParser.Parse(stream, uid + ".json");
    }

    [Fact]
    public void Surete_transports_first_reading_was_adopted()
    {
        var v = Load("VTANR5L17V788");

        Assert.Equal("VTANR5L17V788", v.Id);
        Assert.Equal(ItemKind.Vote, v.Kind);
        Assert.Equal(Chamber.AssembleeNationale, v.Chamber);
        Assert.Equal(new Legislature(17), v.Legislature);
        Assert.Equal(788, v.Number);
        Assert.Equal("https://www.assemblee-nationale.fr/dyn/17/scrutins/788", v.Url);
        Assert.Equal(new DateOnly(2025, 2, 11), v.Date);
        Assert.Equal("SPO", v.TypeCode);
        Assert.Equal("scrutin public ordinaire", v.TypeLabel);
        Assert.Equal("adopté", v.ResultCode);
        Assert.Equal("l'Assemblée nationale a adopté", v.ResultLabel);
        Assert.True(v.Adopted);
        Assert.Equal("Scrutin n° 788", v.Title);
        Assert.Equal("adopté", v.Status);
        Assert.Equal("l'ensemble de la proposition de loi relative à la sûreté dans les transports (première lecture).", v.Question);
        Assert.Equal(v.Question, v.Subject);
        Assert.Equal([new ItemField(FieldNames.Title, v.Question)], v.Fields);
        Assert.Equal("RUANR5L17S2025IDS29020", v.SeanceRef);
        Assert.Equal("PO838901", v.OrganeRef);
        Assert.Equal(
            ["Président du groupe \"Ensemble pour la République\"", "Président du groupe \"Droite Républicaine\"", "Président du groupe \"Horizons & Indépendants\""],
            v.Requesters);

        Assert.Equal(new VoteCount(139, 59, 3, 1), v.Totals);
        Assert.Equal(201, v.Voters);
        Assert.Equal(198, v.Cast);
        Assert.Equal(100, v.Required);
    }

    [Fact]
    public void Surete_transports_vote_names_no_dossier_so_it_is_joined_through_its_seance()
    {
        var v = Load("VTANR5L17V788");

        Assert.Null(v.DossierRef);
        Assert.Equal(["VTANR5L17V788"], v.TrackingKeys);
        // The séance of the vote is the agenda fixture whose point names the dossier.
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "fixtures", "an", "reunions", v.SeanceRef + ".json"));
        var seance = AgendaParser.Parse(stream, v.SeanceRef!);
        Assert.Equal(["DLR5L16N49176"], Assert.Single(seance.Items).DossierRefs);
    }

    [Fact]
    public void Group_breakdown_is_kept_compact_in_the_an_order()
    {
        var v = Load("VTANR5L17V788");

        Assert.Equal(12, v.Groups.Count);
        Assert.Equal(new GroupVote("PO845401", 124, "pour", new VoteCount(69, 0, 0, 0)), v.Groups[0]);
        Assert.Equal(new GroupVote("PO845413", 71, "contre", new VoteCount(0, 27, 0, 0)), v.Groups[2]);
        Assert.Equal(new GroupVote("PO840056", 11, "pour", new VoteCount(1, 0, 1, 0)), v.Groups[^1]);
        Assert.Equal(v.Totals.For, v.Groups.Sum(g => g.Count.For));
        Assert.Equal(v.Totals.Against, v.Groups.Sum(g => g.Count.Against));
    }

    [Fact]
    public void Cmp_text_was_adopted_by_a_solemn_vote()
    {
        var v = Load("VTANR5L17V1041");

        Assert.Equal(1041, v.Number);
        Assert.Equal(new DateOnly(2025, 3, 18), v.Date);
        Assert.Equal("SPS", v.TypeCode);
        Assert.Equal("scrutin public solennel", v.TypeLabel);
        Assert.True(v.Adopted);
        Assert.Equal(new VoteCount(303, 135, 7, 1), v.Totals);
        Assert.Equal(445, v.Voters);
        Assert.Equal(438, v.Cast);
        Assert.Equal(["Conférence des Présidents"], v.Requesters);
        Assert.Equal("RUANR5L17S2025IDS29205", v.SeanceRef);
        Assert.Contains("(texte de la commission mixte paritaire)", v.Question);
    }

    [Theory]
    [InlineData("VTANR5L17V748", 270L, 1)] // « le sous-amendement n° 270 … à l'amendement n° 3 (rect.) »: the sub-amendment
    [InlineData("VTANR5L17V788", null, 0)] // « l'ensemble de la proposition de loi … »
    [InlineData("VTANR5L17V1", null, 0)] // a motion de censure
    public void A_vote_names_the_amendment_put_to_it(string uid, long? number, int deliberation) =>
        Assert.Equal(number is { } n ? new VotedAmendment(n, deliberation) : null, Load(uid).Amendment);

    [Theory]
    [InlineData("mayotte/scrutins/VTANR5L17V2811.json", 229L, 1)]
    // « l'amendement n° 3 de Mme Youssouffa à l'article 31 … (seconde délibération) (première lecture) »: the second series' n° 3.
    [InlineData("mayotte/scrutins/VTANR5L17V2871.json", 3L, 2)]
    public void A_vote_in_a_seconde_deliberation_names_the_amendment_of_that_series(string file, long number, int deliberation)
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "fixtures", "an", file));
        Assert.Equal(new VotedAmendment(number, deliberation), VoteParser.Parse(stream, file).Amendment);
    }

    /// <summary>Questions of the 17th legislature's votes, as the AN wrote them.</summary>
    [Theory]
    [InlineData("l'amendement de suppression n° 13 de Mme Runel et les amendements identiques suivants à l'article 2 de la proposition de loi visant à réformer le mode d'élection des membres du conseil de Paris (première lecture).", 13L)]
    [InlineData("l’amendement n° 1972 de M. Davi à l’article 15 (examen prioritaire) du projet de loi de simplification de la vie économique (première lecture).", 1972L)]
    [InlineData("l'amendement n° 907 rectifié de M. Renault après l'article premier du projet de loi de simplification de la vie économique (première lecture).", 907L)]
    [InlineData("l'amendement n°24 de M. Dufau à l'article 1er ter de la proposition de loi relative à l'exercice de la démocratie agricole (première lecture).", 24L)]
    [InlineData("l'amendement de rédaction globale n° 1 de M. Benbrahim et les amendements identiques suivants à l'article premier de la proposition de loi visant à prolonger la", 1L)]
    [InlineData("l'amendement n° de 2102 de M. Travert à l'article 26 ter du projet de loi de simplification de la vie économique (première lecture).", 2102L)]
    [InlineData("le sous-amendmeent n° 776 de Mme Mansouri à l'amendement n° 609 de Mme Firmin Le Bodo à l'article 4 de la proposition de loi relative à l'accompagnement et aux soins palliatifs (première lecture).", 776L)]
    [InlineData("l'article 8 de la proposition de loi relative au renforcement de la sûreté dans les transports (première lecture).", null)]
    [InlineData("la motion de rejet préalable, déposée par Mme Mathilde Panot, de la proposition de loi organique fixant le statut du procureur national anti-stupéfiants (première lecture).", null)]
    public void The_amendment_is_read_from_each_way_the_an_words_it(string question, long? number)
    {
        var vote = Load("VTANR5L17V748") with { Question = question };
        Assert.Equal(number, vote.Amendment?.Number);
    }

    /// <summary>The reading the question names last, as the dossier's acts code it.</summary>
    [Theory]
    [InlineData("l'amendement n° 15 de Mme Brulebois à l'article 1er ter de la proposition de loi visant à harmoniser le mode de scrutin aux élections municipales afin de garantir la vitalité démocratique, la cohésion municipale et la parité (deuxième lecture).", "AN2")]
    [InlineData("l'amendement n° 3 de Mme Youssouffa à l'article 31 du projet de loi de programmation pour la refondation de Mayotte (seconde délibération) (première lecture).", "AN1")]
    [InlineData("l'amendement n° 7 de Mme Hamelet à l'article unique de la proposition de résolution européenne visant à refuser la ratification de l'accord commercial entre l'Union européenne et le Mercosur.", null)]
    [InlineData("l'ensemble de la proposition de loi relative au renforcement de la sûreté dans les transports ( première lecture).", "AN1")]
    public void A_vote_names_the_reading_it_belongs_to(string question, string? reading) =>
        Assert.Equal(reading, (Load("VTANR5L17V748") with { Question = question }).Reading);

    [Fact]
    public void Sub_amendment_270_was_rejected()
    {
        var v = Load("VTANR5L17V748");

        Assert.Equal("rejeté", v.ResultCode);
        Assert.Equal("L'Assemblée nationale n'a pas adopté", v.ResultLabel);
        Assert.False(v.Adopted);
        Assert.Equal(new DateOnly(2025, 2, 10), v.Date);
        Assert.StartsWith("le sous-amendement n° 270 de M. Gouffier Valente à l'amendement n° 3 (rect.) de M. Vicot à l'article premier", v.Question);
        Assert.Equal(new VoteCount(16, 41, 7, 2), v.Totals);
        Assert.Equal(64, v.Voters);
        Assert.Equal(57, v.Cast);
        Assert.Equal(new GroupVote("PO845413", 71, "abstention", new VoteCount(0, 0, 2, 0)), v.Groups[2]);
    }

    [Fact]
    public void First_vote_of_the_legislature_is_a_motion_de_censure_with_no_dossier()
    {
        var v = Load("VTANR5L17V1");

        Assert.Equal(1, v.Number);
        Assert.Equal(new DateOnly(2024, 10, 8), v.Date);
        Assert.Equal("MOC", v.TypeCode);
        Assert.Equal("motion de censure", v.TypeLabel);
        Assert.False(v.Adopted);
        Assert.Null(v.DossierRef);
        Assert.Empty(v.Requesters);
        Assert.Equal(["VTANR5L17V1"], v.TrackingKeys);
        Assert.Equal(new VoteCount(197, 0, 0, 10), v.Totals);
        Assert.Equal(289, v.Required);
        Assert.StartsWith("la motion de censure déposée en application de l'article 49, alinéa 2, de la Constitution", v.Question);
    }

    [Fact]
    public void The_bare_object_of_the_per_vote_endpoint_is_accepted()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(PathOf("VTANR5L17V788.json")));
        var bare = VoteParser.Parse(doc.RootElement.GetProperty("scrutin"), "bare");

        Assert.Equal(788, bare.Number);
        Assert.Equal(new VoteCount(139, 59, 3, 1), bare.Totals);
    }

    [Fact]
    public void Another_dataset_is_refused_with_the_source_name()
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "fixtures", "an", "reunions", "RUANR5L17S2025IDS29020.json"));

        var e = Assert.Throws<ParseException>(() => VoteParser.Parse(stream, "RUANR5L17S2025IDS29020.json"));

        Assert.Equal("RUANR5L17S2025IDS29020.json", e.Input);
        Assert.Contains("scrutin", e.Problem);
    }
}
