using Watch.Domain;
using Watch.Parsing.Senat;

namespace Watch.Tests.Parsing.Senat;

public class SenatDossierPageTests
{
    private static SenatDossier Read(string file)
    {
        using var s = SenatFixtures.Open("dossiers-html", file);
        return SenatDossierPageParser.Parse(s, file);
    }

    [Fact]
    public void Reads_title_links_and_summary_of_a_utf8_page_declared_latin1()
    {
        var d = Read("dossier-legislatif-pjl16-587.html");

        Assert.Equal("pjl16-587", d.Signet);
        Assert.Equal("senat:dossier:pjl16-587", d.Id);
        Assert.Equal(ItemKind.Dossier, d.Kind);
        Assert.Equal(Chamber.Senat, d.Chamber);
        Assert.Equal("https://www.senat.fr/dossier-legislatif/pjl16-587.html", d.Url);
        Assert.Equal("Sécurité intérieure et lutte contre le terrorisme", d.Name);
        Assert.Equal("Projet de loi renforçant la sécurité intérieure et la lutte contre le terrorisme", d.LongTitle);
        Assert.Equal("procédure accélérée engagée par le Gouvernement le 28 juin 2017", d.Procedure);
        Assert.Equal("https://www.senat.fr/dossierleg/rss/doslegpjl16-587.xml", d.FeedUrl);
        Assert.Equal("http://www.assemblee-nationale.fr/15/dossiers/securite_interieure_lutte_terrorisme.asp", d.AssembleeDossierUrl);
        Assert.Equal(new DateOnly(2017, 9, 21), d.GeneratedOn);
        Assert.Contains("techniques de renseignement", d.Summary);
        Assert.DoesNotContain("Objet du texte", d.Summary);
        Assert.DoesNotContain("Lire le billet", d.Summary);

        var title = Assert.Single(d.Fields, f => f.Name == FieldNames.Title);
        Assert.Contains("Sécurité intérieure et lutte contre le terrorisme", title.Text);
    }

    [Fact]
    public void Reads_the_steps_done_and_to_come_with_their_documents()
    {
        var d = Read("dossier-legislatif-pjl16-587.html");

        Assert.Equal(10, d.Steps.Count);
        Assert.Equal(5, d.Steps.Count(s => s.Done));

        var deposit = d.Steps[0];
        Assert.Equal(("1ère lecture - Sénat", new DateOnly(2017, 6, 22)), (deposit.Label, deposit.Date));
        var bill = Assert.Single(deposit.Documents);
        Assert.StartsWith("Texte n° 587 (2016-2017) de M. Gérard COLLOMB", bill.Text);
        Assert.Equal("https://www.senat.fr/leg/pjl16-587.html", bill.Url);

        var seance = d.Steps[2];
        Assert.Equal("1ère lecture - Sénat - séance publique", seance.Label);
        var adopted = Assert.Single(seance.Documents, x => x.Url == "https://www.senat.fr/leg/tas16-115.html");
        Assert.Equal("Texte n° 115 (2016-2017) adopté par le Sénat le 18 juillet 2017", adopted.Text);

        Assert.Equal("1ère lecture - Assemblée - travaux de commission", d.Status); // 14 Sept. 2017
        var future = d.Steps[5];
        Assert.Equal(("1ère lecture - Assemblée - Séance publique à venir", false, null), (future.Label, future.Done, future.Date));
        Assert.Empty(future.Documents);
        Assert.Equal("Loi - Promulgation future", d.Steps[^1].Label);
    }

    [Fact]
    public void Reads_a_promulgated_dossier_and_its_jo_link()
    {
        var d = Read("pjl12-688.html");

        Assert.Equal("pjl12-688", d.Signet);
        Assert.Equal("Transparence de la vie publique", d.Name);
        Assert.Equal("https://www.senat.fr/dossierleg/rss/doslegpjl12-688.xml", d.FeedUrl); // from the page's RSS link only
        Assert.Equal(21, d.Steps.Count);
        Assert.All(d.Steps, s => Assert.True(s.Done));
        Assert.Equal("Loi - Promulgation", d.Status);
        Assert.Equal(new DateOnly(2013, 10, 11), d.Steps[^1].Date);
        Assert.Equal(["JORFTEXT000028056223"], d.JorfTextIds);
        Assert.Contains(d.Steps.Single(s => s.Label == "C. Constit.").Documents, x => x.Text.StartsWith("Décision du Conseil constitutionnel n° 2013-675 DC"));
        // Once the law is promulgated, the procedure moves from the title to the list under it, beside the law.
        Assert.Equal("Loi relative à la transparence de la vie publique", d.LongTitle);
        Assert.Equal("Procédure accélérée engagée par le Gouvernement le 24 avril 2013", d.Procedure);
        Assert.Equal("2013-906", d.LawNumber);
    }

    /// <summary>The drones law links its JO publication by its ELI address, which names no JORFTEXT id: its number says which law it is.</summary>
    [Fact]
    public void A_promulgated_dossier_names_its_law_however_it_links_the_journal_officiel()
    {
        var d = Read("dossier-legislatif-ppl15-504.html");

        Assert.Equal("2016-1428", d.LawNumber);
        Assert.Empty(d.JorfTextIds);
        Assert.Null(d.Procedure); // none listed: the bill went through the ordinary procedure
        Assert.Null(Read("dossier-legislatif-pjl16-587.html").LawNumber); // still a bill
    }

    /// <summary>
    /// The strip names the chamber on a reading's first step only; the steps after it take it, the CMP's, the
    /// Conseil constitutionnel's and the law's steps name none.
    /// </summary>
    [Fact]
    public void Every_step_of_a_reading_says_in_which_chamber_it_is() =>
        Assert.Equal(
        [
            "1ère lecture - Assemblée", "1ère lecture - Assemblée - travaux de commission", "1ère lecture - Assemblée - séance publique",
            "1ère lecture - Sénat", "1ère lecture - Sénat - travaux de commission", "1ère lecture - Sénat - séance publique",
            "CMP", "CMP - travaux de commission",
            "nouv. lect. - Assemblée", "nouv. lect. - Assemblée - travaux de commission", "nouv. lect. - Assemblée - séance publique",
            "nouv. lect. - Sénat", "nouv. lect. - Sénat - travaux de commission", "nouv. lect. - Sénat - séance publique",
            "l. définitive - Assemblée", "l. définitive - Assemblée - séance publique",
            "C. Constit.", "Loi - Promulgation future",
        ], Read("pjl14-406.html").Steps.Select(s => s.Label));

    [Fact]
    public void Reads_a_drones_dossier()
    {
        var d = Read("dossier-legislatif-ppl15-504.html");

        Assert.Equal("ppl15-504", d.Signet);
        Assert.Equal("Usage des drones civils", d.Name);
        Assert.Equal("http://www.assemblee-nationale.fr/14/dossiers/securite_usage_drones_civils.asp", d.AssembleeDossierUrl);
        Assert.Equal(new DateOnly(2016, 10, 24), d.Steps.Single(s => s.Label == "Loi - Promulgation").Date);
    }

    [Fact]
    public void Reads_the_recent_texts_list()
    {
        using var s = SenatFixtures.Open("textes-recents.html");
        var list = SenatRecentTextsParser.Parse(s, "textes-recents.html");

        Assert.Equal(315, list.Count);
        Assert.Equal(23, list.Count(t => t.UpcomingSitting));
        Assert.Equal(292, list.Where(t => !t.UpcomingSitting).Select(t => t.Signet).Distinct().Count());

        var first = list[0];
        Assert.Equal(("pjl18-532", "Projet de loi de transformation de la fonction publique", new DateOnly(2019, 6, 27), true),
            (first.Signet, first.Title, first.Date, first.Tentative));
        Assert.Equal("https://www.senat.fr/dossier-legislatif/pjl18-532.html", first.Url);

        var santé = list.Single(t => t.DateLabel == "4, 5 et 6 juin 2019");
        Assert.Equal(("pjl18-404", new DateOnly(2019, 6, 4)), (santé.Signet, santé.Date));

        var cameras = list.Single(t => t.Signet == "ppl17-542");
        Assert.Equal(new DateOnly(2018, 6, 5), cameras.Date);
        Assert.False(cameras.UpcomingSitting);
        Assert.Contains("caméras-piétons", cameras.Title);
    }
}
