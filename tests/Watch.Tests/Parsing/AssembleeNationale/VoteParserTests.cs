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
