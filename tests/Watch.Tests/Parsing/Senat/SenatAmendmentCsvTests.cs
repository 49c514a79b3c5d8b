using System.Text;
using Watch.Domain;
using Watch.Parsing;
using Watch.Parsing.Senat;

namespace Watch.Tests.Parsing.Senat;

public class SenatAmendmentCsvTests
{
    private const string File583 = "jeu_complet_commission_2017-2018_583.csv";
    private const string File310 = "jeu_complet_commission_2013-2014_310.csv";

    private static List<Amendment> Read(string file)
    {
        using var s = SenatFixtures.Open("ameli", file);
        return SenatAmendmentCsv.Read(s, file).ToList();
    }

    [Fact]
    public void Reads_every_amendment_of_the_cp1252_export()
    {
        var all = Read(File583);

        Assert.Equal(434, all.Count); // COM-1 … COM-435, COM-286 absent from the export
        Assert.DoesNotContain(all, a => a.Number == "COM-286");
        Assert.All(all, a => Assert.Equal(Chamber.Senat, a.Chamber));
        Assert.All(all, a => Assert.Equal("senat:2017-2018:583", a.TextRef));
        Assert.Equal(all.Count, all.Select(a => a.Id).Distinct().Count());
    }

    [Fact]
    public void Maps_columns_by_name_and_strips_html()
    {
        var com1 = Read(File583).First(a => a.Number == "COM-1");

        Assert.Equal("senat:2017-2018:583:COM-1", com1.Id);
        Assert.Equal("https://www.senat.fr/amendements/commissions/2017-2018/583/Amdt_COM-1.html", com1.Url);
        Assert.Equal("M. FORISSIER, rapporteur", com1.Authors);
        Assert.Null(com1.GroupRef);
        Assert.Equal("40", com1.Article!.Number);
        Assert.False(com1.Article.Additional);
        Assert.Equal(new DateOnly(2018, 6, 21), com1.DepositDate);
        Assert.Equal("Adopté", com1.Sort);
        Assert.Equal("Adopté", com1.Status);
        Assert.Equal("Alinéa 36\nAprès le mot :\nservices\nInsérer les mots :\nou à des partenariats", com1.Dispositif);
        Assert.StartsWith("Cet amendement vise à inclure parmi les dépenses", com1.ExposeSommaire);
        Assert.DoesNotContain("<", com1.ExposeSommaire);
    }

    [Fact]
    public void Maps_the_sort_to_the_shared_status_vocabulary()
    {
        var byStatus = Read(File583).GroupBy(a => a.Status).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(215, byStatus["Adopté"]);
        Assert.Equal(49, byStatus["Rejeté"]);
        Assert.Equal(132, byStatus["Retiré"]); // 104 "Retiré" + 28 "Cet amendement est retiré avant séance"
        Assert.Equal(23, byStatus["Satisfait ou sans objet"]);
        Assert.Equal(15, byStatus["Irrecevable"]); // "Irrecevable art. 40 C"
    }

    [Fact]
    public void Keeps_the_rectified_number_but_a_stable_id()
    {
        var com47 = Read(File583).Single(a => a.Number == "COM-47 rect. quinquies");

        Assert.Equal("senat:2017-2018:583:COM-47", com47.Id);
        Assert.Equal("Mme DEROCHE", com47.Authors);
        Assert.Equal("art. add. après Article 40", com47.Article!.Designation);
        Assert.Equal("40", com47.Article.Number);
        Assert.True(com47.Article.Additional);
        Assert.Equal("Irrecevable art. 40 C", com47.State);
        Assert.Null(com47.Sort);
        Assert.Equal("Irrecevable", com47.Status);
        Assert.Equal("un article additionnel après l'article 40", com47.Article.ToFrench());
    }

    /// <summary>The counterpart of « art. add. après » in the same export's subdivision column.</summary>
    [Fact]
    public void An_additional_article_before_another_is_told_as_before() =>
        Assert.Equal("un article additionnel avant l'article 40", SenatAmendmentCsv.ArticleOf("art. add. avant Article 40")!.ToFrench());

    /// <summary>Sort labels of the Sénat's séance export for the PLF 2019 (<c>jeu_complet_2018-2019_146.csv</c>).</summary>
    [Theory]
    [InlineData("Recevable art. 40 C / LOLF")]
    [InlineData("En attente de recevabilité financière")]
    public void A_ruling_on_admissibility_is_not_a_fate(string label)
    {
        var sort = SenatSort.Of(label);

        Assert.Equal(new SenatSort("Déposé", null, label), sort);
        Assert.Equal(AmendmentStatus.Filed, AmendmentStatus.Of(Read(File583)[0] with { State = sort.State, Sort = sort.Sort, SubState = sort.SubState }));
    }

    [Fact]
    public void Reads_group_and_bis_ter_articles()
    {
        var all = Read(File583);
        var com250 = all.Single(a => a.Number == "COM-250");
        var retiredBefore = all.First(a => a.SubState == "Cet amendement est retiré avant séance");

        Assert.Equal("M. MAGNER", com250.Authors);
        Assert.Equal("groupe socialiste et républicain", com250.GroupRef);
        Assert.Equal("14 ter", com250.Article!.Number); // "Article 14\u00a0ter\u00a0(nouveau)"
        Assert.Equal("Retiré", retiredBefore.Sort);
    }

    [Fact]
    public void Rejoins_a_field_split_by_a_tab_typed_inside_its_html()
    {
        // 2013-2014/310 COM-25: its Objet holds a raw tab, giving the row 13 fields for 12 columns.
        var all = Read(File310);
        var com25 = all.Single(a => a.Number == "COM-25");

        Assert.Equal(127, all.Count);
        Assert.Equal("M. HÉRISSON", com25.Authors);
        Assert.Equal("Retiré", com25.Sort);
        Assert.Equal("https://www.senat.fr/amendements/commissions/2013-2014/310/Amdt_COM-25.html", com25.Url);
        Assert.Contains("La dénomination \" accès sans fil à internet\" est porteuse de confusion", com25.ExposeSommaire);
        Assert.EndsWith("recherchée par les utlisateurs.", com25.ExposeSommaire);
    }

    [Fact]
    public void Reads_title_amendments_without_article_number()
    {
        var com1 = Read(File310).Single(a => a.Number == "COM-1 rect.");

        Assert.Equal("senat:2013-2014:310:COM-1", com1.Id);
        Assert.Equal("M. RETAILLEAU", com1.Authors);
        Assert.Equal("Groupe UMP", com1.GroupRef);
        Assert.Equal("Intitulé de la proposition de loi", com1.Article!.Designation);
        Assert.Null(com1.Article.Number);
        Assert.Equal("Rejeté", com1.Status);
        Assert.Equal(new DateOnly(2014, 6, 6), com1.DepositDate);
    }

    [Fact]
    public void A_field_starting_with_a_stray_quote_does_not_swallow_the_records_after_it()
    {
        var text = TextDecoding.Windows1252.GetString(SenatFixtures.Bytes("ameli", File583));
        var recorded = Read(File583);
        var com1 = recorded.Single(a => a.Number == "COM-1");
        Assert.Equal("M. FORISSIER, rapporteur", com1.Authors);
        const string author = "\tM. FORISSIER, rapporteur\t"; // COM-1's, the first of the file
        var at = text.IndexOf(author, StringComparison.Ordinal);
        var typo = TextDecoding.Windows1252.GetBytes(text[..at] + "\t\"M. X\t" + text[(at + author.Length)..]);

        var read = SenatAmendmentCsv.Read(new MemoryStream(typo), File583).ToList();

        Assert.Equal(recorded.Count, read.Count);
        Assert.Equal("\"M. X", read.Single(a => a.Number == "COM-1").Authors);
        static object Seen(Amendment a) => (a.Id, a.Authors, a.Article?.Designation, a.Dispositif, a.ExposeSommaire, a.Status);
        Assert.Equal(recorded.Where(a => a.Number != "COM-1").Select(Seen), read.Where(a => a.Number != "COM-1").Select(Seen));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // as a spreadsheet saves UTF-8
    public void Reads_the_same_file_re_encoded_in_utf8(bool byteOrderMark)
    {
        var cp1252 = SenatFixtures.Bytes("ameli", File310);
        var utf8 = new UTF8Encoding(byteOrderMark).GetPreamble().Concat(Encoding.UTF8.GetBytes(TextDecoding.Windows1252.GetString(cp1252))).ToArray();
        Assert.NotEqual(cp1252.Length, utf8.Length);

        var fromUtf8 = SenatAmendmentCsv.Read(new MemoryStream(utf8), File310).ToList();
        var fromCp1252 = Read(File310);

        Assert.Equal(fromCp1252.Count, fromUtf8.Count);
        Assert.Equal("M. HÉRISSON", fromUtf8.Single(a => a.Number == "COM-25").Authors);
        Assert.Equal(fromCp1252.Select(a => (a.Id, a.Authors, a.Dispositif, a.ExposeSommaire, a.Status)),
                     fromUtf8.Select(a => (a.Id, a.Authors, a.Dispositif, a.ExposeSommaire, a.Status)));
    }

    [Fact]
    public void A_page_served_in_place_of_the_csv_is_refused_with_its_first_words()
    {
        // The Sénat's own HTML, as its site answers a path it has no file for.
        var e = Assert.Throws<ParseException>(() => SenatAmendmentCsv.Read(new MemoryStream(SenatFixtures.Bytes("textes-recents.html")), File310).ToList());

        Assert.Equal(File310, e.Input);
        Assert.Equal("not a Sénat amendment CSV: the server sent an HTML or XML page instead (starts with \"<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML \").", e.Problem);
    }

    [Fact]
    public void Fails_clearly_when_a_required_column_is_missing()
    {
        var text = TextDecoding.Windows1252.GetString(SenatFixtures.Bytes("ameli", File310));
        var renamed = TextDecoding.Windows1252.GetBytes(text.Replace("\tSort \t", "\tRésultat\t"));

        var e = Assert.Throws<ParseException>(() => SenatAmendmentCsv.Read(new MemoryStream(renamed), File310).ToList());
        Assert.Equal(File310, e.Input);
        Assert.Contains("\"Sort\"", e.Message);
    }

    [Fact]
    public void Tolerates_quoted_fields_spanning_lines()
    {
        // The real header and first row of 583, with the Dispositif rewritten as an RFC 4180 quoted field.
        var lines = TextDecoding.Windows1252.GetString(SenatFixtures.Bytes("ameli", File583)).Split("\r\n");
        var fields = lines[2].Split('\t');
        fields[7] = "\"<body><p>Alinéa 36</p>\r\n<p>Après le mot : \"\"services\"\"</p></body>\"";
        var csv = string.Join("\r\n", lines[0], lines[1], string.Join('\t', fields), lines[3]) + "\r\n";

        var read = SenatAmendmentCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), File583).ToList();

        Assert.Equal(["COM-1", "COM-2"], read.Select(a => a.Number));
        Assert.Equal("Alinéa 36\nAprès le mot : \"services\"", read[0].Dispositif);
        Assert.Equal("Adopté", read[0].Sort);
    }

    [Fact]
    public void Streams_lazily()
    {
        using var s = SenatFixtures.Open("ameli", File583);
        var first = SenatAmendmentCsv.Read(s, File583).Take(3).ToList();

        Assert.Equal(["COM-1", "COM-2", "COM-3"], first.Select(a => a.Number));
        Assert.True(s.Position < s.Length);
    }
}
