using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Watch.Domain;
using Watch.Parsing;
using Watch.Parsing.AssembleeNationale;

namespace Watch.Tests.Parsing.AssembleeNationale;

public class DossierParserTests
{
    private static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "fixtures", "an", "dossiers", file);

    private static Dossier Load(string file)
    {
        using var stream = File.OpenRead(PathOf(file));
        return DossierParser.Parse(stream, file);
    }

    [Fact]
    public void Ecole_de_la_confiance_has_its_identity_and_url()
    {
        var d = Load("dossier-DLR5L15N37055.json");

        Assert.Equal("DLR5L15N37055", d.Id);
        Assert.Equal(new Legislature(15), d.Legislature);
        Assert.Equal(ItemKind.Dossier, d.Kind);
        Assert.Equal(Chamber.AssembleeNationale, d.Chamber);
        Assert.Equal("Ecole de la confiance", d.Name);
        Assert.Equal("Ecole de la confiance", d.Title);
        Assert.Equal("ecole_de_la_confiance", d.TitlePath);
        Assert.Equal("http://www.senat.fr/dossier-legislatif/pjl18-323.html", d.SenatUrl);
        Assert.Equal("Projet de loi ordinaire", d.Procedure);
        Assert.Equal("https://www.assemblee-nationale.fr/dyn/15/dossiers/DLR5L15N37055", d.Url);
        Assert.Equal([new ItemField(FieldNames.Title, "Ecole de la confiance")], d.Fields);
    }

    [Fact]
    public void Ecole_de_la_confiance_steps_are_flattened_in_document_order()
    {
        var d = Load("dossier-DLR5L15N37055.json");

        Assert.Equal(65, d.Steps.Count);
        Assert.Equal(["AN1", "SN1", "CMP", "CC", "PROM"], d.Steps.Where(s => s.Depth == 0).Select(s => s.Code));
        Assert.Equal(["AN1", "AN1-DEPOT", "AN1-ETI", "AN1-AVCE", "AN1-PROCACC", "AN1-COM", "AN1-COM-FOND"], d.Steps.Take(7).Select(s => s.Code));

        var reading = d.Steps[0];
        Assert.Equal("1ère lecture (1ère assemblée saisie)", reading.Label);
        Assert.Null(reading.Date);

        var deposit = d.Steps.Single(s => s.Code == "AN1-DEPOT");
        Assert.Equal(1, deposit.Depth);
        Assert.Equal(new DateTimeOffset(2018, 12, 5, 0, 0, 0, TimeSpan.FromHours(1)), deposit.Date);
        Assert.Equal("PO717460", deposit.OrganeRef);
        Assert.Equal("PRJLANR5L15B1481", deposit.TexteAssocie);

        var commission = d.Steps.Single(s => s.Code == "AN1-COM-FOND");
        Assert.Equal(2, commission.Depth);
        Assert.Equal("PO419604", commission.OrganeRef);
        Assert.Equal("Travaux de la commission saisie au fond", commission.Label);

        var report = d.Steps.Single(s => s.Code == "AN1-COM-FOND-RAPPORT");
        Assert.Equal(3, report.Depth);
        Assert.Equal("RAPPANR5L15B1629", report.TexteAssocie);
        Assert.Equal("PRJLANR5L15BTC1629", report.TexteAdopte);

        var decision = d.Steps.Single(s => s.Code == "AN1-DEBATS-DEC");
        Assert.Equal("adopté", decision.Conclusion);
        Assert.Equal(["VTANR5L15V1709"], decision.VoteRefs);
        Assert.Equal(["PRJLANR5L15BTA0233", "PRJLANR5L15TAP0233"], decision.TextesAssocies);
        Assert.Equal("RUANR5L15S2019IDS21512", decision.ReunionRef);

        Assert.Equal("Accord", d.Steps.Single(s => s.Code == "CMP-DEC").Conclusion);
    }

    [Fact]
    public void Ecole_de_la_confiance_records_the_constitutional_decision_and_the_promulgation()
    {
        var d = Load("dossier-DLR5L15N37055.json");

        var cc = d.Steps.Single(s => s.Code == "CC-CONCLUSION");
        Assert.Equal("Partiellement conforme", cc.Conclusion);
        Assert.Equal("http://www.conseil-constitutionnel.fr/decision/2019/2019787DC.htm", cc.DecisionUrl);

        var prom = d.Promulgation;
        Assert.NotNull(prom);
        Assert.Equal("PROM-PUB", prom.Code);
        Assert.Equal(new DateTimeOffset(2019, 7, 26, 0, 0, 0, TimeSpan.FromHours(2)), prom.Date);
        Assert.Equal("2019-791", prom.LawNumber);
        Assert.Equal("pour une école de la confiance", prom.LawTitle);
        Assert.Equal("PRJLSNR5S319BTA0126", prom.TexteLoiRef);
        Assert.Equal(
            new JournalOfficielPublication("JO_LOI_DECRET", "174", new DateOnly(2019, 7, 28),
                "http://www.legifrance.gouv.fr/WAspad/UnTexteDeJorf?numjo=MENX1828765L", "MENX1828765L"),
            prom.JournalOfficiel);
    }

    [Fact]
    public void Status_is_the_latest_dated_act()
    {
        Assert.Equal("Promulgation d'une loi (PROM-PUB)", Load("dossier-DLR5L15N37055.json").Status);
        Assert.Equal("Discussion en séance publique (ANNLEC-DEBATS-SEANCE)", Load("dossier-DLR5L15N36159.json").Status);

        var ferroviaire = Load("dossier-DLR5L15N36460.json");
        Assert.Equal("CMP-DEBATS-SN-DEC", ferroviaire.CurrentStep!.Code);
        Assert.Equal("Décision : adopté, dans les conditions prévues à l'article 45, alinéa 3, de la Constitution (CMP-DEBATS-SN-DEC)", ferroviaire.Status);
    }

    [Fact]
    public void Tracking_keys_are_the_uid_and_every_text_of_the_path()
    {
        var d = Load("dossier-DLR5L15N37055.json");

        Assert.Equal(19, d.TextRefs.Count);
        Assert.Equal("DLR5L15N37055", d.TrackingKeys.First());
        Assert.Equal(20, d.TrackingKeys.Count());
        Assert.Contains("PRJLANR5L15B1481", d.TrackingKeys);   // deposited bill
        Assert.Contains("PRJLANR5L15BTA0233", d.TrackingKeys); // adopted at first reading
        Assert.Contains("PRJLSNR5S319B0323", d.TrackingKeys);  // transmitted to the Sénat
        Assert.Contains("PRJLSNR5S319BTA0126", d.TrackingKeys); // promulgated text
    }

    [Fact]
    public void Essoc_went_through_a_failed_cmp_and_a_new_reading_and_is_not_promulgated_in_this_snapshot()
    {
        var d = Load("dossier-DLR5L15N36159.json");

        Assert.Equal("DLR5L15N36159", d.Id);
        Assert.Equal("Fonction publique : un Etat au service d'une société de confiance", d.Name);
        Assert.Equal(67, d.Steps.Count);
        Assert.Equal(["AN1", "SN1", "CMP", "ANNLEC"], d.Steps.Where(s => s.Depth == 0).Select(s => s.Code));
        Assert.Equal("Désaccord", d.Steps.Single(s => s.Code == "CMP-DEC").Conclusion);
        Assert.Equal("PRJLANR5L15B0424", d.Steps.Single(s => s.Code == "AN1-DEPOT").TexteAssocie);
        Assert.Equal(["VTANR5L15V365"], d.Steps.Single(s => s.Code == "AN1-DEBATS-DEC").VoteRefs);
        Assert.Null(d.Promulgation);
    }

    [Fact]
    public void Pacte_ferroviaire_reads_its_commission_and_senat_link()
    {
        var d = Load("dossier-DLR5L15N36460.json");

        Assert.Equal("Transports : nouveau pacte ferroviaire", d.Name);
        Assert.Equal("http://www.senat.fr/dossier-legislatif/pjl17-435.html", d.SenatUrl);
        Assert.Equal(59, d.Steps.Count);
        Assert.Equal(["AN1", "SN1", "CMP"], d.Steps.Where(s => s.Depth == 0).Select(s => s.Code));
        Assert.Equal("PO419865", d.Steps.Single(s => s.Code == "AN1-COM-FOND").OrganeRef);
        Assert.Equal("PRJLANR5L15BTC0851", d.Steps.Single(s => s.Code == "AN1-COM-FOND-RAPPORT").TexteAdopte);
        Assert.Equal(20, d.TextRefs.Count);
        Assert.Null(d.Promulgation);
    }

    /// <summary>
    /// The fixtures were re-saved with JSON null for nils; the official dump writes
    /// <c>{"@xmlns:xsi": "…", "@xsi:nil": "true"}</c> instead (see the corpus README). Rewriting every null of
    /// the real file into that form must not change what is read.
    /// </summary>
    [Fact]
    public void Xsi_nil_objects_read_like_json_nulls()
    {
        var original = Load("dossier-DLR5L15N37055.json");
        var node = JsonNode.Parse(File.ReadAllText(PathOf("dossier-DLR5L15N37055.json")))!;
        var rewritten = NullsToXsiNil(node)!.ToJsonString();
        Assert.Contains("\"@xsi:nil\":\"true\"", rewritten);

        var nil = DossierParser.Parse(Encoding.UTF8.GetBytes(rewritten), "nil-form");

        Assert.Equal(original.Steps.Count, nil.Steps.Count);
        Assert.Equal(original.Steps.Select(s => (s.Code, s.Date, s.TexteAdopte, s.Conclusion)), nil.Steps.Select(s => (s.Code, s.Date, s.TexteAdopte, s.Conclusion)));
        Assert.Equal(original.TrackingKeys, nil.TrackingKeys);
        Assert.Equal(original.Promulgation!.JournalOfficiel, nil.Promulgation!.JournalOfficiel);
    }

    [Fact]
    public void The_bare_object_of_the_per_dossier_endpoint_is_accepted()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(PathOf("dossier-DLR5L15N37055.json")));
        var bare = DossierParser.Parse(doc.RootElement.GetProperty("dossierParlementaire"), "bare");

        Assert.Equal("DLR5L15N37055", bare.Id);
        Assert.Equal(65, bare.Steps.Count);
    }

    [Fact]
    public void Another_dataset_is_refused_with_the_source_name()
    {
        var scrutin = Path.Combine(AppContext.BaseDirectory, "fixtures", "an", "scrutins", "VTANR5L17V788.json");
        using var stream = File.OpenRead(scrutin);

        var e = Assert.Throws<ParseException>(() => DossierParser.Parse(stream, "VTANR5L17V788.json"));

        Assert.Equal("VTANR5L17V788.json", e.Input);
        Assert.Contains("dossierParlementaire", e.Problem);
    }

    [Fact]
    public void Malformed_json_is_a_parse_exception()
    {
        var e = Assert.Throws<ParseException>(() => DossierParser.Parse("{\"dossierParlementaire\": {"u8.ToArray(), "cut.json"));
        Assert.Equal("cut.json", e.Input);
    }

    private static JsonNode? NullsToXsiNil(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return new JsonObject { ["@xmlns:xsi"] = "http://www.w3.org/2001/XMLSchema-instance", ["@xsi:nil"] = "true" };
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList()) o[key] = NullsToXsiNil(o[key]?.DeepClone());
                return o;
            case JsonArray a:
                var copy = new JsonArray();
                foreach (var item in a) copy.Add(NullsToXsiNil(item?.DeepClone()));
                return copy;
            default:
                return node.DeepClone();
        }
    }
}
