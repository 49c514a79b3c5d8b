using System.Text.Json;
using Watch.Domain;
using Watch.Parsing;
using Watch.Parsing.AssembleeNationale;

namespace Watch.Tests.Parsing.AssembleeNationale;

public class AgendaParserTests
{
    private static readonly TimeSpan Paris = TimeSpan.FromHours(1);

    private static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "fixtures", "an", "reunions", file);

    private static Reunion Load(string uid)
    {
        using var stream = File.OpenRead(PathOf(uid + ".json"));
        return AgendaParser.Parse(stream, uid + ".json");
    }

    /// <summary>A meeting copied from the corpus, apart from the agenda the source tests serve as an archive.</summary>
    private static Reunion FromCorpus(string uid) =>
        AgendaParser.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "an", "reunions-corpus", uid + ".json")), uid + ".json");

    [Fact]
    public void A_point_the_AN_replaced_by_one_of_the_same_words_is_not_told_as_removed()
    {
        // The sitting of 20 March 2025: the narcotrafic debate's point PT49192 (Supprimé, no dossier) was replaced by
        // PT49405 (Confirmé, DLR5L17N50169), word for word; PT49182 by PT49468 with typographic apostrophes.
        var r = FromCorpus("RUANR5L17S2025IDS29211");
        var ids = r.Points.Select(p => p.PointUid).ToList();

        Assert.DoesNotContain("RUANR5L17S2025IDS29211PT49192", ids);
        Assert.DoesNotContain("RUANR5L17S2025IDS29211PT49182", ids);
        var debate = Assert.Single(r.Points, p => p.Subject.Contains("piège du narcotrafic", StringComparison.Ordinal));
        Assert.Equal(("RUANR5L17S2025IDS29211PT49405", false), (debate.PointUid, debate.IsCancelled));
        // A point removed with nothing in its place is still told as removed (« stabilité économique du secteur agricole »).
        Assert.True(Assert.Single(r.Points, p => p.PointUid == "RUANR5L17S2025IDS29211PT49191").IsCancelled);

        // The commission des lois of 5 March 2025: PT35209 (the narcotrafic bill, kept) and PT35210, removed after it, both
        // « Examen du texte »; the removed one was the organic bill's, examined another day. A point kept from before
        // it did not replace it.
        var commission = FromCorpus("RUANR5L17S2025IDC454988");
        Assert.True(Assert.Single(commission.Points, p => p.PointUid == "RUANR5L17S2025IDC454988PT35210").IsCancelled);
    }

    [Fact]
    public void A_convocation_line_naming_the_text_its_point_names_by_dossier_is_no_item_of_its_own()
    {
        // The commission des affaires sociales, 2026 social security budget: its point « Examen du texte » names the
        // dossier, its convocation the same bill by numbers, written « (n°s°1907 et 1999) ».
        var r = FromCorpus("RUANR5L17S2026IDC457762");

        var point = Assert.Single(r.Points);
        Assert.Equal(["DLR5L17N52922"], point.DossierRefs);
        Assert.NotEqual(AgendaItem.ConvocationPoint, point.PointUid);
    }

    [Fact]
    public void A_cancelled_meeting_whose_point_lost_its_dossier_is_named_by_its_convocation()
    {
        // The commission des lois of 4 December 2024, cancelled: its one point, « Examen du texte », Annulé, names no
        // dossier; the convocation says « … sûreté dans les transports (n° 134) ».
        var r = FromCorpus("RUANR5L17S2025IDC453856");

        var convocation = Assert.Single(r.Points, p => p.PointUid == AgendaItem.ConvocationPoint);
        Assert.StartsWith("Suite de l’examen de la proposition de loi, adoptée par le Sénat, relative au renforcement de la sûreté dans les transports (n° 134)", convocation.Subject);
        Assert.True(convocation.IsCancelled);
        var relevance = Watch.Tests.Relevance.LabelledSet.Classifier().Classify(convocation);
        Assert.True(relevance.Relevant);
        Assert.Contains("lois", relevance.Topics);
    }

    [Fact]
    public void Seance_of_11_february_2025_evening_has_the_surete_transports_point()
    {
        var r = Load("RUANR5L17S2025IDS29020");

        Assert.Equal("RUANR5L17S2025IDS29020", r.Uid);
        Assert.Equal(new Legislature(17), r.Legislature);
        Assert.Equal(MeetingKind.Seance, r.MeetingKind);
        Assert.Equal(new DateTimeOffset(2025, 2, 11, 21, 30, 0, Paris), r.Start);
        Assert.Equal(new DateTimeOffset(2025, 2, 11, 23, 55, 0, Paris), r.End);
        Assert.Equal("Confirmé", r.State);
        Assert.False(r.IsCancelled);
        Assert.Equal("PO838901", r.OrganeRef);
        Assert.Equal("Assemblée nationale", r.Location);
        Assert.Equal("CRSANR5L17S2025O1N099", r.CompteRenduRef);
        Assert.Empty(r.Convocation);
        Assert.Equal(4, r.Points.Count);

        var item = Assert.Single(r.Items);
        Assert.Equal("RUANR5L17S2025IDS29020#RUANR5L17S2025IDS29020PT48846", item.Id);
        Assert.Equal(ItemKind.AgendaItem, item.Kind);
        Assert.Equal(Chamber.AssembleeNationale, item.Chamber);
        Assert.Equal("RUANR5L17S2025IDS29020PT48846", item.PointUid);
        Assert.Equal(["DLR5L16N49176"], item.DossierRefs);
        Assert.Equal(new DateTimeOffset(2025, 2, 11, 21, 30, 0, Paris), item.Start);
        Assert.Equal(MeetingKind.Seance, item.MeetingKind);
        Assert.Equal("Confirmé", item.State);
        Assert.False(item.IsCancelled);
        Assert.Equal("Suite de la discussion", item.PointType);
        Assert.Equal("Suite de la discussion de la proposition de loi, adoptée par le Sénat, relative au renforcement de la sûreté dans les transports", item.Subject);
        Assert.Equal([new ItemField(FieldNames.Title, item.Subject)], item.Fields);
        Assert.Equal("Séance publique du 11/02/2025 à 21:30", item.Title);
        Assert.Equal("Confirmé", item.Status);
        Assert.Equal(item.Subject + "\n2025-02-11T21:30+01:00", item.Substance);
        Assert.Equal(["RUANR5L17S2025IDS29020#RUANR5L17S2025IDS29020PT48846", "DLR5L16N49176"], item.TrackingKeys);
        Assert.Equal("https://www.assemblee-nationale.fr/dyn/16/dossiers/DLR5L16N49176", item.Url);
    }

    [Fact]
    public void Points_moved_away_stay_listed_as_supprime_and_lose_their_dossier()
    {
        var r = Load("RUANR5L17S2025IDS29020");

        var removed = r.Points.Where(p => p.State == "Supprimé").ToList();
        Assert.Equal(3, removed.Count);
        Assert.All(removed, p => Assert.True(p.IsCancelled));
        Assert.All(removed, p => Assert.Empty(p.DossierRefs));
        Assert.All(removed, p => Assert.Equal("Confirmé", p.MeetingState));
    }

    [Fact]
    public void Seance_of_9_december_2024_was_cancelled_after_the_censure()
    {
        var r = Load("RUANR5L17S2025IDS28777");

        Assert.Equal("Supprimé", r.State);
        Assert.True(r.IsCancelled);
        Assert.Equal(new DateTimeOffset(2024, 12, 9, 16, 0, 0, Paris), r.Start);
        Assert.Null(r.End);
        Assert.All(r.Points, p => Assert.True(p.IsCancelled));
        // The AN drops the dossier link of cancelled points: the sûreté point is only recognisable by its text.
        Assert.Empty(r.Items);
        var surete = r.Points.Single(p => p.PointUid == "RUANR5L17S2025IDS28777PT48413");
        Assert.Equal("Discussion de la proposition de loi, adoptée par le Sénat, relative au renforcement de la sûreté dans les transports", surete.Subject);
        Assert.Equal("Supprimé", surete.MeetingState);
        Assert.Equal("Supprimé", surete.Status);
    }

    [Fact]
    public void Seance_of_10_february_2025_lists_eight_points_five_of_them_on_a_dossier()
    {
        var r = Load("RUANR5L17S2025IDS29017");

        Assert.Equal(new DateTimeOffset(2025, 2, 10, 14, 0, 0, Paris), r.Start);
        Assert.Equal(8, r.Points.Count);
        Assert.Equal(
            ["DLR5L17N51462", "DLR5L17N50588", "DLR5L16N49796", "DLR5L16N49843", "DLR5L16N49176"],
            r.Items.Select(i => Assert.Single(i.DossierRefs)));
        var censure = r.Items[0];
        Assert.Equal("Vote solennel", censure.PointType);
        Assert.Equal("Vote sur la motion de censure déposée par Mme Panot et 70 députés", censure.Subject);
        Assert.Equal("https://www.assemblee-nationale.fr/dyn/17/dossiers/DLR5L17N51462", censure.Url);
        Assert.Equal(2, r.Points.Count(p => p.State == "Supprimé"));
    }

    [Fact]
    public void Commission_des_lois_meeting_of_27_november_2024()
    {
        var r = Load("RUANR5L17S2025IDC453853");

        Assert.Equal(MeetingKind.Commission, r.MeetingKind);
        Assert.Equal("PO59051", r.OrganeRef);
        Assert.Equal(new DateTimeOffset(2024, 11, 27, 9, 0, 0, Paris), r.Start);
        Assert.Equal("6ème Bureau – Palais Bourbon, 1er étage", r.Location);
        Assert.Equal("CRCANR5L17S2025PO59051N021", r.CompteRenduRef);
        Assert.Equal(["DLR5L17N50796", "DLR5L16N49176", "DLR5L17N50621"], r.Items.Select(i => Assert.Single(i.DossierRefs)));
        Assert.All(r.Items, i => Assert.Equal(MeetingKind.Commission, i.MeetingKind));
        Assert.Equal("Examen du texte", r.Items[1].Subject);
        Assert.Equal("PO59051", r.Items[1].OrganeRef);
        Assert.Equal("Réunion de commission du 27/11/2024 à 09:00", r.Items[1].Title);

        Assert.Equal(4, r.Convocation.Count);
        Assert.StartsWith("Examen de la proposition de loi, adoptée par le Sénat, relative au renforcement de la sûreté dans les transports (n° 134)", r.Convocation[1]);
    }

    [Fact]
    public void A_meeting_whose_agenda_is_only_its_convocation_is_one_item_judged_on_its_words()
    {
        // Real file from the corpus: the CNCTR's president heard on 24 September 2025; no pointsODJ, as for most committee meetings.
        var r = Load("RUANR5L17S2025IDC457451");

        var item = Assert.Single(r.Points);
        Assert.Equal("RUANR5L17S2025IDC457451#convocation", item.Id);
        Assert.StartsWith("Audition, à huis clos, conjointe avec la commission des lois, de M. Vincent Mazauric, président de la Commission nationale de contrôle des techniques de renseignements", item.Subject);
        Assert.Empty(item.DossierRefs);
        Assert.Equal("Confirmé", item.State);
        Assert.Equal(MeetingKind.Commission, item.MeetingKind);
        var relevance = Watch.Tests.Relevance.LabelledSet.Classifier().Classify(item);
        Assert.True(relevance.Relevant);
        Assert.Contains("renseignement", relevance.Topics);
    }

    [Fact]
    public void A_hearing_only_the_convocation_names_is_an_item_beside_the_points_which_name_the_texts()
    {
        // Real file from the corpus: the CNCTR's president-to-be heard on 26 March 2025; the meeting's five points are
        // all titled « Examen du texte », and name their texts only by dossier.
        var r = Load("RUANR5L17S2025IDC455169");

        Assert.Equal(5, r.Points.Count(p => p.PointUid != AgendaItem.ConvocationPoint));
        Assert.All(r.Points.Where(p => p.PointUid != AgendaItem.ConvocationPoint), p => Assert.Equal("Examen du texte", p.Subject));
        var convocation = Assert.Single(r.Points, p => p.PointUid == AgendaItem.ConvocationPoint);
        Assert.Contains("Audition de M. Vincent Mazauric", convocation.Subject);
        Assert.Contains("renseignement", Watch.Tests.Relevance.LabelledSet.Classifier().Classify(convocation).Topics);

        // The lines naming a text by its number are left to the points that name it by dossier: of the commission des
        // lois' convocation of 27 November 2024, only the nomination of rapporteurs is left.
        var examined = Load("RUANR5L17S2025IDC453853").Points.Single(p => p.PointUid == AgendaItem.ConvocationPoint);
        Assert.StartsWith("Nomination de rapporteurs", examined.Subject);
        Assert.DoesNotContain("sûreté dans les transports", examined.Subject);
    }

    [Fact]
    public void Accents_written_as_entities_in_a_point_s_title_are_decoded()
    {
        // Real file from the corpus: « visant a&#768; mettre fin a&#768; la culpabilisation des victimes ».
        var point = Load("RUANR5L17S2025IDS29261").Points.Single(p => p.PointUid == "RUANR5L17S2025IDS29261PT49312");

        Assert.Contains("visant à mettre fin à la culpabilisation des victimes", point.Subject);
    }

    [Fact]
    public void A_cancelled_meeting_that_keeps_only_its_summary_is_still_an_item_and_cancelled()
    {
        // Real file from the corpus: no convocation, no points, only resumeODJ, and « Annulé ».
        var item = Assert.Single(Load("RUANR5L17S2025IDC456302").Points);

        Assert.Equal(AgendaItem.ConvocationPoint, item.PointUid);
        Assert.Equal("audition, ouverte à la presse, de M. Cyril di Palma, délégué général de Génération numérique.", item.Subject);
        Assert.Equal("Annulé", item.State);
    }

    [Fact]
    public void A_single_point_with_two_dossiers_is_read_whether_lists_are_arrays_or_bare_objects()
    {
        // Real file from the corpus: pointODJ is one object, not an array, and dossierRef is an array.
        var r = Load("RUANR5L17S2025IDC454629");

        var item = Assert.Single(r.Items);
        Assert.Equal(["DLR5L17N51051", "DLR5L17N51375"], item.DossierRefs);
        Assert.Equal("Eventuel", item.State);
        Assert.False(item.IsCancelled);
        Assert.Contains("DLR5L17N51375", item.TrackingKeys);
        Assert.Equal(2, r.Convocation.Count);
        Assert.Null(r.CompteRenduRef);
    }

    [Fact]
    public void The_bare_object_of_the_per_reunion_endpoint_is_accepted()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(PathOf("RUANR5L17S2025IDS29020.json")));
        var bare = AgendaParser.Parse(doc.RootElement.GetProperty("reunion"), "bare");

        Assert.Equal("RUANR5L17S2025IDS29020#RUANR5L17S2025IDS29020PT48846", Assert.Single(bare.Items).Id);
    }

    [Fact]
    public void Another_dataset_is_refused_with_the_source_name()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "an", "scrutins", "VTANR5L17V1.json")));

        var wrapped = Assert.Throws<ParseException>(() => AgendaParser.Parse(doc.RootElement, "VTANR5L17V1.json"));
        Assert.Equal("VTANR5L17V1.json", wrapped.Input);

        var bare = Assert.Throws<ParseException>(() => AgendaParser.Parse(doc.RootElement.GetProperty("scrutin"), "bare-scrutin"));
        Assert.Equal("bare-scrutin", bare.Input);
    }

    [Fact]
    public void A_json_array_is_refused()
    {
        var e = Assert.Throws<ParseException>(() => AgendaParser.Parse("[]"u8.ToArray(), "list.json"));
        Assert.Equal("list.json", e.Input);
    }
}
