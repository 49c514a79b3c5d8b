using System.Text;
using Watch.Domain;
using Watch.Parsing;
using Watch.Tests.Sources.AssembleeNationale;

namespace Watch.Tests.Parsing.AssembleeNationale;

/// <summary>
/// Amendments as the AN published them before its open data, on real files: eliasse XML (a séance amendment of the
/// PLFSS 2017, a commission amendment of the PLFSS 2019) and a page of the old site (CL4 on the 14th legislature's
/// text n° 996), read by <c>watch classify</c>'s reader.
/// </summary>
public class LegacyAmendmentTests
{
    private static Amendment Read(params string[] path)
    {
        var file = Recorded.Fixtures(path);
        return Assert.IsType<Amendment>(Assert.Single(ItemFiles.Parse(File.ReadAllBytes(file), file)));
    }

    [Fact]
    public void An_eliasse_seance_amendment_is_read_with_its_text_article_authors_and_outcome()
    {
        var a = Read("eliasse", "4072-AN-135.xml");

        Assert.Equal("an:amendement:14:4072:135", a.Id);
        Assert.Equal(Chamber.AssembleeNationale, a.Chamber);
        Assert.Equal("135", a.Number);
        Assert.Equal("an:14:4072", a.TextRef);
        // No PDF address in the file: the séance's folder.
        Assert.Equal("https://www.assemblee-nationale.fr/14/amendements/4072/AN/135.asp", a.Url);
        Assert.Equal("ART. 9", a.Article!.Designation);
        Assert.Equal("9", a.Article.Number);
        Assert.False(a.Article.Additional);
        // Entities escaped twice in the file (« M.&amp;#160;Bapt »).
        Assert.Equal("M. Bapt, rapporteur au nom de la commission des affaires sociales (Recettes et équilibre général) et M. Bapt", a.Authors);
        Assert.Equal("Rapporteur", a.AuthorType);
        Assert.Equal("Adopté", a.Status);
        Assert.Equal(new DateOnly(2016, 10, 19), a.DepositDate);
        Assert.Equal(new DateOnly(2016, 10, 24), a.PublicationDate);
        // Decided in the evening sitting of 26 October (summer time).
        Assert.Equal(new DateTimeOffset(2016, 10, 26, 21, 30, 0, TimeSpan.FromHours(2)), a.DecisionDate);
        Assert.StartsWith("Compléter cet article par l’alinéa suivant :", a.Dispositif);
        Assert.Contains("aux cotisations d’assurance famille", a.Dispositif);
        Assert.DoesNotContain("<p", a.Dispositif);
        Assert.StartsWith("L’intégration des professions libérales", a.ExposeSommaire);
        Assert.Null(a.ParentRef);
    }

    [Fact]
    public void An_eliasse_commission_amendment_is_found_in_its_commission_folder()
    {
        var a = Read("eliasse", "1408-CION-SOC-AS1.xml");

        Assert.Equal("an:amendement:15:1408:AS1", a.Id);
        Assert.Equal("AS1", a.Number);
        Assert.Equal("https://www.assemblee-nationale.fr/15/amendements/1408/CION-SOC/AS1.asp", a.Url);
        Assert.Equal("29", a.Article!.Number);
        Assert.StartsWith("M. Aviragnet, Mme Rabault, Mme Bareigts, Mme Biémouret", a.Authors);
        Assert.Equal("Député", a.AuthorType);
        Assert.Equal("Retiré", a.Status);
        Assert.True(a.IsDecided);
        // No sitting: the day its outcome was entered.
        Assert.Equal(new DateTimeOffset(2018, 11, 21, 0, 0, 0, TimeSpan.FromHours(1)), a.DecisionDate);
    }

    [Fact]
    public void An_amendment_page_of_the_old_site_is_an_amendment_not_a_bill_text()
    {
        var a = Read("legacy-html", "14_amendements_0996_CION_LOIS_CL4.html");

        Assert.Equal("an:amendement:14:996:CL4", a.Id);
        Assert.Equal("CL4", a.Number);
        Assert.Equal("an:14:996", a.TextRef);
        Assert.Equal("https://www.assemblee-nationale.fr/14/amendements/0996/CION_LOIS/CL4.asp", a.Url);
        Assert.Equal("ART. UNIQUE", a.Article!.Designation);
        Assert.Equal("M. Coronado et M. Molac", a.Authors);
        Assert.Equal("Adopté", a.Status);
        Assert.Equal(new DateOnly(2014, 11, 24), a.DepositDate);
        Assert.Equal(new DateTimeOffset(2014, 11, 26, 0, 0, 0, TimeSpan.FromHours(1)), a.DecisionDate);
        Assert.Equal("Supprimer cet article.", a.Dispositif);
        Assert.Contains("permettre la déchéance de nationalité à toute personne portant les armes", a.ExposeSommaire);
        // The site's menus are not the amendment's words.
        Assert.DoesNotContain("Délégation au renseignement", a.ExposeSommaire + a.Dispositif);
    }

    private static Amendment Eliasse135(Func<string, string> edit) =>
        Assert.IsType<Amendment>(Assert.Single(ItemFiles.Parse(Encoding.UTF8.GetBytes(edit(File.ReadAllText(Recorded.Fixtures("eliasse", "4072-AN-135.xml")))), "135.xml")));

    private const string Nil = " xsi:nil=\"true\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"/>";

    [Fact]
    public void A_sub_amendment_names_its_parent_in_the_same_text()
    {
        var a = Eliasse135(xml => xml.Replace("<numeroParent" + Nil, "<numeroParent>120</numeroParent>"));

        Assert.Equal("an:amendement:14:4072:120", a.ParentRef);
        Assert.Equal("Sous-amendement n° 135 à l'amendement n° 120", a.Title);
    }

    [Fact]
    public void A_rectified_amendment_keeps_its_key_and_page()
    {
        // The AN's mark, as betagouv/zam reads it (« 177 (2ème Rect) »).
        var a = Eliasse135(xml => xml.Replace("<numeroLong>135</numeroLong>", "<numeroLong>135 (2ème Rect)</numeroLong>")
            .Replace("<numeroParent" + Nil, "<numeroParent>120 (Rect)</numeroParent>"));

        Assert.Equal("an:amendement:14:4072:135", a.Id);
        Assert.Equal("135 (2ème Rect)", a.Number);
        Assert.Equal("https://www.assemblee-nationale.fr/14/amendements/4072/AN/135.asp", a.Url);
        Assert.Equal("an:amendement:14:4072:120", a.ParentRef);
    }

    /// <summary>Before its sitting, eliasse says in its state code whether the amendment was withdrawn or found inadmissible.</summary>
    [Theory]
    [InlineData("<retireAvantPublication>1</retireAvantPublication>", "DI", "Retiré")]
    [InlineData("<retireAvantPublication>0</retireAvantPublication>", "IR", "Irrecevable")]
    [InlineData("<retireAvantPublication>0</retireAvantPublication>", "AC", "Déposé")]
    public void Undecided_its_state_says_withdrawn_or_inadmissible(string withdrawn, string state, string status)
    {
        var a = Eliasse135(xml => xml.Replace("<sortEnSeance>Adopté</sortEnSeance>", "<sortEnSeance" + Nil)
            .Replace("<retireAvantPublication>0</retireAvantPublication>", withdrawn).Replace("<etat>DI</etat>", $"<etat>{state}</etat>"));

        Assert.Null(a.Sort);
        Assert.Equal(status, a.Status);
        Assert.Null(a.DecisionDate);
    }

    [Fact]
    public void An_open_data_amendment_in_xml_is_not_taken_for_eliasse()
    {
        var xml = "<amendement xmlns=\"http://schemas.assemblee-nationale.fr/referentiel\"><uid>AMANR5L17PO59051B0134P0D1N000001</uid></amendement>";

        var e = Assert.Throws<ParseException>(() => ItemFiles.Parse(Encoding.UTF8.GetBytes(xml), "a.xml"));

        Assert.StartsWith("XML document with root <amendement>: expected", e.Problem);
    }

    [Fact]
    public void An_eliasse_file_without_its_text_says_what_is_missing()
    {
        var e = Assert.Throws<ParseException>(() => Eliasse135(xml => xml.Replace("<numBibard>4072</numBibard>", "")));

        Assert.Equal("135.xml", e.Input);
        Assert.Equal("legacy AN amendment without texte/numBibard.", e.Problem);
    }
}
