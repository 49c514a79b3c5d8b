using System.Text.Json;
using Watch.Diff;
using Watch.Parsing.Texts;
using static Watch.Tests.Parsing.Texts.TextFixtures;

namespace Watch.Tests.Diff;

public class ArticleDifferTests
{
    [Fact]
    public void Pion1890_to_ta0376_recognises_bis_articles_and_deletions_and_accounts_for_every_article()
    {
        var older = Read(Pion1890);
        var newer = Read(Ta0376);
        var diff = ArticleDiffer.Compare(older, newer);

        // Every article of the bill as filed is accounted for exactly once.
        Assert.Equal(older.Articles.Count, diff.Articles.Count(a => a.Before is not null));

        Assert.Equal(ArticleChangeKind.Added, diff.ForNewer("3 bis")!.Kind);
        Assert.Null(diff.ForNewer("3 bis")!.Before);

        var deleted = diff.ForOlder("28")!;
        Assert.Equal(ArticleChangeKind.Deleted, deleted.Kind);
        Assert.Equal(ArticleStatus.Deleted, deleted.After!.Status); // the "(Supprimé)" line
        Assert.Equal(ArticleChangeKind.Deleted, diff.ForOlder("109")!.Kind); // "Articles 108 à 110 (Supprimés)"

        // And every article of the adopted text, the placeholders too.
        Assert.Equal(newer.Articles.Count, diff.Articles.Count(a => a.After is not null));

        // Art. L. 1337-6-1 of the code de la santé publique: the fine doubles.
        var fines = diff.ForOlder("129")!;
        Assert.Equal(ArticleChangeKind.Modified, fines.Kind);
        Assert.Contains(new FigureChange(FigureKind.Amount, "3 750 euros", "7 500 €"), fines.Figures);
        Assert.Contains(fines.Edits, e => e.Deleted == "3 750 euros" && e.Inserted == "7 500 €" && e.ContextBefore == "six mois d'emprisonnement et de");
    }

    /// <summary>
    /// Every pair of successive texts recorded, and the only articles that take up another's words there: 83 B the struck-out
    /// 83, article 2 the struck-out 3 and 4 (ppl11-290's commission), 8 bis the part of article 4 split out (PLFSS 2018).
    /// Articles of one bill share formulas (« dans sa rédaction résultant de la présente loi », application overseas) that
    /// must link nothing: ta0376's 149 bis, new, shares words with the struck-out 149 but is another text.
    /// </summary>
    [Theory]
    [InlineData(Pion1890, Ta0376, "83 B ← 83")]
    [InlineData(Pl0269, Pjl17063, "8 bis ← 4")]
    [InlineData(Pl0269, R0575, "")]
    [InlineData(R0575, Pjl17063, "")]
    [InlineData(Step0, Step1, "2 ← 3, 4")]
    [InlineData(Step1, Step2, "")]
    [InlineData(Step2, Step3, "")]
    public void Only_an_article_that_took_another_ones_words_takes_it_up(string older, string newer, string links)
    {
        var diff = ArticleDiffer.Compare(Read(older), Read(newer));

        var found = diff.Articles.Where(a => a.TakesUp.Count > 0).Select(a => $"{a.AfterNumber} ← {string.Join(", ", a.TakesUp.Select(t => t.Number))}");

        Assert.Equal(links, string.Join(" ; ", found));
    }

    [Fact]
    public void An_article_that_took_others_words_says_so_in_its_line()
    {
        var folded = ArticleDiffer.Compare(Read(Step0), Read(Step1)).ForNewer("2")!;
        var split = ArticleDiffer.Compare(Read(Pl0269), Read(Pjl17063)).ForNewer("8 bis")!;

        Assert.Matches(@"^✏️ Article 2 : modifié \(\d+ modifications\), reprend des dispositions des articles 3 et 4$", TextDiffFormatter.ArticleLine(folded));
        Assert.Equal("➕ Article 8 bis : ajouté, reprend des dispositions de l'article 4", TextDiffFormatter.ArticleLine(split));
    }

    /// <summary>
    /// TA 376 prints « Article 83 (Dispositions déclarées irrecevables au regard de l'article 40 de la Constitution) » and, before
    /// it, « Article 83 B (nouveau) » with most of article 83's words: article 83 did not move, it was struck out; 83 B is a new
    /// article that takes up its words. So is article 149 (149 bis). The same read back from the store, as messages compare them.
    /// </summary>
    [Fact]
    public void An_article_declared_irrecevable_stays_under_its_number_and_the_new_article_taking_up_its_words_is_added()
    {
        var (older, newer) = (Read(Pion1890), Read(Ta0376));
        var stored = ArticleDiffer.Compare(Stored(older), Stored(newer));
        foreach (var diff in new[] { ArticleDiffer.Compare(older, newer), stored })
        {
            var struck = diff.ForOlder("83")!;
            Assert.Equal((ArticleChangeKind.Deleted, "83"), (struck.Kind, struck.AfterNumber));
            Assert.Equal("🗑️ Article 83 : déclaré irrecevable (article 40 de la Constitution)", TextDiffFormatter.ArticleLine(struck));
            var taking = diff.ForNewer("83 B")!;
            Assert.Equal((ArticleChangeKind.Added, null), (taking.Kind, taking.Before));
            Assert.Equal(["83"], taking.TakesUp.Select(a => a.Number));
            Assert.Equal("➕ Article 83 B : ajouté, reprend des dispositions de l'article 83", TextDiffFormatter.ArticleLine(taking));
            Assert.Equal("🗑️ Article 149 : déclaré irrecevable (article 40 de la Constitution)", TextDiffFormatter.ArticleLine(diff.ForOlder("149")!));
            Assert.DoesNotContain(diff.Articles, a => a.Kind == ArticleChangeKind.Renumbered);
            Assert.Equal(newer.Articles.Count, diff.Articles.Count(a => a.After is not null));
            Assert.Equal(older.Articles.Count, diff.Articles.Count(a => a.Before is not null));
            // Only 83 B takes up a struck-out article (149 bis is another text).
            Assert.Equal(["83 B"], diff.Articles.Where(a => a.TakesUp.Count > 0).Select(a => a.AfterNumber));
        }
        Assert.Equal("Articles : 115 modifiés, 56 ajoutés, 16 supprimés", TextDiffFormatter.Headline(stored));

        // As TextVersion.OfStored reads a stored text back: an article without text has one empty alinéa.
        static TextVersion Stored(TextVersion v) => v with { Articles = v.Articles.Select(a => a with { Alineas = a.Text.Split('\n') }).ToList() };
    }

    /// <summary>
    /// What the Olympic Games bill's article 7 went through: amended on its way, then renumbered 10 at promulgation.
    /// The adopted TA 376 is numbered 1 to N as the Journal officiel prints a law (no marks, same words): every
    /// article the adopted text carries on from the bill must be followed to its new number, whatever that number.
    /// </summary>
    [Fact]
    public void An_article_amended_then_renumbered_at_promulgation_is_followed_to_its_new_number()
    {
        var bill = Read(Pion1890);
        var adopted = Read(Ta0376);
        var kept = adopted.Articles.Where(a => !a.IsPlaceholder).ToList();
        var lawNumber = kept.Select((a, i) => (a.Number, Law: (i + 1).ToString())).ToDictionary(p => p.Number, p => p.Law);
        var law = adopted with { Articles = kept.Select(a => a with { Number = lawNumber[a.Number], Status = ArticleStatus.None, StatusLabel = null }).ToList() };

        var toAdopted = ArticleDiffer.Compare(bill, adopted);
        var toLaw = ArticleDiffer.Compare(bill, law);

        var followed = toAdopted.Articles.Where(a => a is { Before: not null, After: not null } && !a.After.IsPlaceholder).ToList();
        Assert.True(followed.Count > 100);
        Assert.All(followed, a => Assert.Equal((a.BeforeNumber, lawNumber[a.AfterNumber!]), (a.BeforeNumber, toLaw.ForOlder(a.BeforeNumber!)?.AfterNumber)));
        // Bill article 7, amended (its shingles overlap less than half), is law article 10: not « supprimé » and « ajouté ».
        Assert.Equal((ArticleChangeKind.Renumbered, "10"), (toLaw.ForOlder("7")!.Kind, toLaw.ForOlder("7")!.AfterNumber));
        Assert.True(toLaw.ForOlder("7")!.Similarity < ArticleDiffer.ContentThreshold);
        // Bill article 54 is law article 85; law article 54 (TA 29 octies, police files) is another article.
        Assert.Equal("85", toLaw.ForOlder("54")!.AfterNumber);
        Assert.Equal(ArticleChangeKind.Added, toLaw.ForNewer("54")!.Kind);
    }

    /// <summary>The two chambers print the same words differently: articles that differ only so did not change.</summary>
    [Fact]
    public void Articles_that_differ_only_in_typography_are_unchanged()
    {
        // « famille » / « Famille », « en » / « En »: the Sénat's capitals after a numbered item.
        var shuttle = ArticleDiffer.Compare(Read(Pl0269), Read(Pjl17063));
        Assert.All(["6", "27", "30", "33", "53", "54"], n => Assert.Equal(ArticleChangeKind.Unchanged, shuttle.ForOlder(n)!.Kind));

        // « euros » / « € », « agence » / « Agence »; a changed amount is still a change.
        var adopted = ArticleDiffer.Compare(Read(Pion1890), Read(Ta0376));
        Assert.Equal(ArticleChangeKind.Unchanged, adopted.ForOlder("111")!.Kind);
        Assert.Equal(ArticleChangeKind.Unchanged, adopted.ForOlder("21")!.Kind);
        Assert.DoesNotContain(adopted.ForOlder("135")!.Edits, e => e is { Deleted: "euros", Inserted: "€" });
        Assert.Contains(adopted.ForOlder("129")!.Edits, e => e is { Deleted: "3 750 euros", Inserted: "7 500 €" });
    }

    [Theory]
    [InlineData("famille", "Famille", true)]
    [InlineData("A l'article 3", "À l'article 3", true)]
    [InlineData("1 000 euros", "1\u00A0000 €", true)]
    [InlineData("« Art. 2. - »", "\"Art. 2. - \"", true)]
    [InlineData("mise en œuvre", "mise en oeuvre", true)] // the Assemblée prints the ligature, the Sénat's pages do not
    [InlineData("MANŒUVRE", "manoeuvre", true)]
    [InlineData("3 750 euros", "7 500 €", false)]
    [InlineData("il a", "il à", false)] // an accent on a small letter is a word
    [InlineData("le mot : « non »", "le mot : « nom »", false)]
    [InlineData("RAPPORT DECRIVANT LES PREVISIONS", "Rapport décrivant les prévisions", true)] // capitals lose their accents
    [InlineData("RAPPORT DECRIVANT LES PREVISIONS", "Rapport décrivant les provisions", false)]
    public void Typography_alone_is_not_a_change(string older, string newer, bool same) =>
        Assert.Equal(same, WordDiff.SameWords(older, newer));

    /// <summary>The PLFSS 2018 as the Assemblée printed it (« mise en œuvre », « manœuvre ») and as the Sénat's page does (« oeuvre »).</summary>
    [Fact]
    public void The_ligature_printed_by_one_chamber_and_not_the_other_is_no_edit()
    {
        var diff = ArticleDiffer.Compare(Read(Pl0269), Read(Pjl17063));

        Assert.DoesNotContain(diff.Articles.SelectMany(a => a.Edits), e => e.Deleted.Replace("œ", "oe") == e.Inserted);
        Assert.Contains(diff.Articles.SelectMany(a => a.Edits), e => e.Deleted.Contains('œ')); // words around it that did change are still told
    }

    [Fact]
    public void Pl0269_to_pjl17_063_keeps_article_4_through_its_split_and_reports_a_moved_deadline()
    {
        var diff = ArticleDiffer.Compare(Read(Pl0269), Read(Pjl17063));

        // The AN moved the C3S provisions of article 4 into an article 8 bis printed « (nouveau) », and cut article 4
        // down (« 3° à 6° (Supprimés) »): article 4 is still article 4, modified; 8 bis is new, though it took more words.
        var kept = diff.ForOlder("4")!;
        Assert.Equal((ArticleChangeKind.Modified, "4"), (kept.Kind, kept.AfterNumber));
        Assert.Contains(kept.Edits, e => e.Inserted == "3° à 6° (Supprimés)");
        Assert.Equal(ArticleChangeKind.Added, diff.ForNewer("8 bis")!.Kind);
        Assert.Equal(ArticleChangeKind.Added, diff.ForNewer("4 bis")!.Kind);

        // Article 11: « au plus tard le 31 mars 2018 » became « avant le 1er avril 2018 ».
        var rsi = diff.ForOlder("11")!;
        Assert.Equal(ArticleChangeKind.Modified, rsi.Kind);
        Assert.Contains(new FigureChange(FigureKind.Date, "31 mars 2018", "1er avril 2018"), rsi.Figures);
        // Each edit says which numbered paragraph of the article it falls in.
        Assert.Contains(rsi.Edits, e => e is { Paragraph: "I", Deleted: "les dispositions suivantes", Inserted: "cinq alinéas ainsi rédigés" });

        Assert.Equal(57, diff.Articles.Count(a => a.Before is { IsAnnex: false }));
        Assert.Equal(76, diff.Articles.Count(a => a.After is { IsAnnex: false }));
        Assert.Equal(0, diff.Count(ArticleChangeKind.Deleted));
    }

    /// <summary>
    /// The PLFSS's annexes A, B and C (the reports and the table of receipts Parliament approves) are compared annex with
    /// annex, after the articles, and told as annexes: the Sénat's pages print the tables the AN moved on to 2018's figures.
    /// </summary>
    [Fact]
    public void Counts_the_unchanged_annexes_apart_from_the_unchanged_articles()
    {
        static TextVersion Plain(string text) => TextVersionReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), "texte.txt");
        var older = Plain("PROJET DE LOI\nArticle 1er\nTexte un.\nArticle 2\nTexte deux.\nANNEXE N° 1\nListe un.\nANNEXE N° 2\nListe deux.\n");
        var newer = Plain("PROJET DE LOI\nArticle 1er\nTexte un.\nArticle 2\nTexte deux.\nANNEXE N° 1\nListe un.\nANNEXE N° 2\nListe deux modifiée.\n");

        var terminal = TextDiffFormatter.ToTerminal(ArticleDiffer.Compare(older, newer), false);

        Assert.Contains("Annexes : 1 modifiée ; 2 articles inchangés, 1 annexe inchangée.", terminal);
        Assert.Contains("✏️ Annexe 2 : modifiée (1 modification)", terminal);
    }

    [Fact]
    public void Compares_the_annexes_with_each_other_and_tells_them_as_annexes()
    {
        var diff = ArticleDiffer.Compare(Read(Pl0269), Read(Pjl17063));

        var annexes = diff.Articles.Where(a => a.After is { IsAnnex: true } || a.Before is { IsAnnex: true }).ToList();
        Assert.Equal(["annexe A", "annexe B", "annexe C"], annexes.Select(a => a.AfterNumber!).ToArray());
        Assert.All(annexes, a => Assert.Equal((ArticleChangeKind.Modified, a.AfterNumber), (a.Kind, a.BeforeNumber)));
        Assert.Equal(diff.Articles.Count - 3, diff.Articles.ToList().IndexOf(annexes[0]));
        Assert.Matches(@"^✏️ Annexe B : modifiée \(\d+ modifications\)$", TextDiffFormatter.ArticleLine(diff.ForNewer("annexe B")!));
        // The AN prints the annexes' titles in capitals without accents (« RAPPORT DECRIVANT LES PREVISIONS »), the Sénat
        // in small letters with them: the same words.
        Assert.DoesNotContain(annexes.SelectMany(a => a.Edits), e => e.Deleted.StartsWith("RAPPORT", StringComparison.Ordinal));
        Assert.EndsWith(" ; annexes : 3 modifiées", TextDiffFormatter.Headline(diff));
        Assert.StartsWith("Articles : 46 modifiés, 19 ajoutés", TextDiffFormatter.Headline(diff));
    }

    [Fact]
    public void Follows_the_four_steps_of_ppl11_290()
    {
        var (depot, commission, seance, senat) = (Read(Step0), Read(Step1), Read(Step2), Read(Step3));

        // Commission: articles 1, 3 and 4 "supprimé(s)", their content folded into a rewritten article 2.
        var first = ArticleDiffer.Compare(depot, commission);
        Assert.Equal(["1", "3", "4"], first.Articles.Where(a => a.Kind == ArticleChangeKind.Deleted).Select(a => a.BeforeNumber!).ToArray());
        Assert.Equal(ArticleChangeKind.Modified, first.ForOlder("2")!.Kind);

        // Séance: new 2 A, 2 bis, 2 ter, 2 quater; the already deleted articles are not reported again.
        var second = ArticleDiffer.Compare(commission, seance);
        Assert.Equal(["2 A", "2 bis", "2 ter", "2 quater"], second.Articles.Where(a => a.Kind == ArticleChangeKind.Added).Select(a => a.AfterNumber!).ToArray());
        Assert.Equal(ArticleChangeKind.Modified, second.ForOlder("2")!.Kind);
        Assert.Equal(5, second.Articles.Count);
        Assert.Contains(second.ForOlder("2")!.Edits, e => e.Inserted.Contains("vingt-quatre heures avant l'heure prévue de sa participation"));

        // Transmitted to the Sénat as adopted.
        var third = ArticleDiffer.Compare(seance, senat);
        Assert.All(third.Articles, a => Assert.Equal(ArticleChangeKind.Unchanged, a.Kind));

        // Deposit to Sénat in one go: the old articles without a trace are deleted, in their place.
        var whole = ArticleDiffer.Compare(depot, senat);
        Assert.Equal(["1", "2 A", "2", "3", "4", "2 bis", "2 ter", "2 quater"],
            whole.Articles.Select(a => (a.AfterNumber ?? a.BeforeNumber)!).ToArray());
        Assert.Null(whole.ForOlder("3")!.After);
    }

    [Fact]
    public void Recognises_a_renumbered_article_and_its_changed_deadline_and_duration()
    {
        // Built from real articles of ta0376: in the newer version three articles are inserted before
        // article 7, which becomes article 10 while its date and a duration change, as for the JO 2024 law.
        var source = Read(Ta0376);
        var real = source.Articles.Where(a => a.Alineas.Count > 0).ToList();
        var seven = source.Article("7")!;
        var olderSeven = seven with
        {
            Alineas = [.. seven.Alineas, "Le présent article est applicable à titre expérimental jusqu'au 31 mars 2025. Les images sont conservées douze mois au plus."],
        };
        var newerSeven = olderSeven with
        {
            Number = "10",
            Alineas = [.. seven.Alineas, "Le présent article est applicable à titre expérimental jusqu'au 1er mars 2027. Les images sont conservées vingt-quatre mois au plus."],
        };
        var firstSix = real.Take(6).ToList();
        var inserted = real.Skip(20).Take(3).Select((a, i) => a with { Number = (7 + i).ToString() });
        var following = real.Skip(7).Take(5).ToList();
        var older = source with { Articles = [.. firstSix, olderSeven, .. following.Select((a, i) => a with { Number = (8 + i).ToString() })] };
        var newer = source with { Articles = [.. firstSix, .. inserted, newerSeven, .. following.Select((a, i) => a with { Number = (11 + i).ToString() })] };

        var diff = ArticleDiffer.Compare(older, newer);

        var change = diff.ForOlder("7")!;
        Assert.Equal(ArticleChangeKind.Renumbered, change.Kind);
        Assert.Equal("10", change.AfterNumber);
        Assert.True(change.TextChanged);
        Assert.Equal(
            [new FigureChange(FigureKind.Date, "31 mars 2025", "1er mars 2027"), new FigureChange(FigureKind.Duration, "douze mois", "vingt-quatre mois")],
            change.Figures);
        Assert.Equal(["7", "8", "9"], diff.Articles.Where(a => a.Kind == ArticleChangeKind.Added).Select(a => a.AfterNumber!).ToArray());
        Assert.Equal(5, diff.Articles.Count(a => a.Kind == ArticleChangeKind.Renumbered && !a.TextChanged)); // 8→11 … 12→15

        var lines = TextDiffFormatter.SummaryLines(diff);
        Assert.Contains("✏️ Article 7 → article 10 : renuméroté et modifié (2 modifications)", lines);
        Assert.Contains("   \"31 mars 2025\" → \"1er mars 2027\"", lines);
        Assert.Contains("   \"douze mois\" → \"vingt-quatre mois\"", lines);
        Assert.Contains("➕ Article 7 : ajouté", lines);
        Assert.Contains("🔀 Article 8 → article 11 : renuméroté, texte inchangé", lines);
    }

    [Fact]
    public void Renders_for_a_terminal_with_colour_only_when_asked_and_as_json()
    {
        var diff = ArticleDiffer.Compare(Read(Pion1890), Read(Ta0376));

        var plain = TextDiffFormatter.ToTerminal(diff, color: false);
        Assert.DoesNotContain('\u001b', plain);
        Assert.Contains("[-3 750 euros-]{+7 500 €+}", plain);
        Assert.Contains("Aucun article changé ; 5 inchangés.", TextDiffFormatter.ToTerminal(ArticleDiffer.Compare(Read(Step2), Read(Step3)), false));
        Assert.Contains("\u001b[31m[-3 750 euros-]\u001b[0m", TextDiffFormatter.ToTerminal(diff, color: true));

        using var json = JsonDocument.Parse(TextDiffFormatter.ToJson(diff));
        var root = json.RootElement;
        Assert.Equal(206, root.GetProperty("newer").GetProperty("articles").GetInt32());
        var struck = root.GetProperty("articles").EnumerateArray().Single(a => Before(a) == "83");
        Assert.Equal(("deleted", "83"), (struck.GetProperty("kind").GetString(), struck.GetProperty("after").GetString()));
        Assert.Equal("🗑️ Article 83 : déclaré irrecevable (article 40 de la Constitution)", struck.GetProperty("label").GetString());
        var taking = root.GetProperty("articles").EnumerateArray().Single(a => a.TryGetProperty("after", out var after) && after.GetString() == "83 B");
        Assert.Equal("added", taking.GetProperty("kind").GetString());
        Assert.Equal(["83"], taking.GetProperty("takesUp").EnumerateArray().Select(n => n.GetString()));
        Assert.False(struck.TryGetProperty("takesUp", out _));
        var fines = root.GetProperty("articles").EnumerateArray().Single(a => Before(a) == "129");
        Assert.Contains(fines.GetProperty("figures").EnumerateArray(),
            f => f.GetProperty("kind").GetString() == "amount" && Before(f) == "3 750 euros" && f.GetProperty("after").GetString() == "7 500 €");

        // Null sides are left out of the JSON.
        static string? Before(JsonElement a) => a.TryGetProperty("before", out var b) ? b.GetString() : null;
    }

    [Fact]
    public void Headline_counts_the_kinds_present()
    {
        var diff = ArticleDiffer.Compare(Read(Step1), Read(Step2));
        Assert.Equal("Articles : 1 modifié, 4 ajoutés", TextDiffFormatter.Headline(diff));
        Assert.Equal("Aucun article changé", TextDiffFormatter.Headline(ArticleDiffer.Compare(Read(Step2), Read(Step3))));
    }

    [Fact]
    public void Alineas_belong_to_the_numbered_paragraph_opened_before_them()
    {
        string[] alineas =
        [
            "Le code de la sécurité intérieure est ainsi modifié :",
            "I. - L'article L. 251-2 est ainsi modifié :",
            "1° Au premier alinéa, les mots : « douze mois » sont remplacés par les mots : « vingt-quatre mois » ;",
            "« II. - Un décret en Conseil d'État fixe les modalités d'application du présent article. » ;",
            "II (nouveau). - Le présent article entre en vigueur le 1er mars 2027.",
            "III bis. - Le Gouvernement remet un rapport au Parlement.",
        ];

        Assert.Equal(new string?[] { null, "I", "I", "I", "II", "III bis" }, RomanParagraphs.Of(alineas));
    }
}
