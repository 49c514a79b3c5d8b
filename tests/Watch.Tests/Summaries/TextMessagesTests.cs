using Microsoft.Extensions.Options;
using Watch.Diff;
using Watch.Domain;
using Watch.Parsing.Texts;
using Watch.Relevance;
using Watch.Summaries;
using Watch.Tests.Parsing.Texts;
using Watch.Versions;

namespace Watch.Tests.Summaries;

/// <summary>A text's new version told by its article diff, on the recorded texts.</summary>
public class TextMessagesTests
{
    // The recorded PPL n° 1890 and the text the Assemblée adopted from it (TA n° 376), under uids of the form the dossiers use.
    private const string Bill = "PIONANR5L13B1890", Adopted = "PIONANR5L13BTA0376";

    private static LegislativeText Page(string file, string uid) =>
        BillPage.Read(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "replay", "an", "textes", file)), uid,
            new Uri($"https://www.assemblee-nationale.fr/dyn/opendata/{uid}.html"));

    private static Summary Tell(RelevanceResult relevance)
    {
        var (bill, adopted) = (Page("pion1890.asp.html", Bill), Page("ta0376.asp.html", Adopted));
        return new EventSummarizer().Summarize(adopted, EventKind.Created, null, relevance, TextComparison.Of(bill, adopted));
    }

    [Fact]
    public void The_cmp_s_text_is_named_as_its_cover_names_it()
    {
        // The recorded CMP text (a « TC » uid) against the Assemblée's T.A. 326 its cover lists, stood in for here by
        // the same articles with one duration changed.
        var cmp = BillPage.Read(File.ReadAllBytes(TextFixtures.PathOf(TextFixtures.Prjlan3046)), "PRJLANR5L17BTC3046",
            new Uri("https://www.assemblee-nationale.fr/dyn/opendata/PRJLANR5L17BTC3046.html"));
        var changed = cmp.Articles[0] with { Text = cmp.Articles[0].Text + "\nUn alinéa." };
        var adopted = cmp with { Id = "an:texte:PRJLANR5L17BTA0326", Name = "PRJLANR5L17BTA0326", DraftedBy = null, Articles = [changed, .. cmp.Articles.Skip(1)] };

        var text = new EventSummarizer().Summarize(cmp, EventKind.Created, null, RelevanceResult.None, TextComparison.Of(adopted, cmp)).PlainText;

        Assert.StartsWith($"✏️ {cmp.Title} : texte n° 3046 élaboré par la commission mixte paritaire, comparé au texte adopté n° 326 — Articles : 1 modifié", text);
    }

    [Fact]
    public void A_phrase_matched_across_the_configured_word_gap_is_placed_in_its_article()
    {
        // Article 29 bis of the T.A. n° 376 speaks of « éléments biométriques ou biologiques se rapportant aux personnes »:
        // six words between the two of the phrase, which a watchlist allowing six finds, and the default two does not.
        var classifier = new RelevanceClassifier(Options.Create(new WatchlistOptions
        {
            MaxGap = 6,
            Topics = [new TopicOptions { Id = "biometrie", Label = "Biométrie", Phrases = ["éléments personnes"] }],
        }));
        var relevance = classifier.Classify(Page("ta0376.asp.html", Adopted));

        Assert.True(relevance.Relevant);
        Assert.Contains("« éléments personnes » (article 29 bis)", Tell(relevance).PlainText);
    }

    [Fact]
    public void A_phrase_only_an_annex_holds_is_placed_in_it_and_the_annex_told_first()
    {
        // « La présente annexe décrit l'évolution des agrégats de dépenses… »: annex B of the PLFSS 2018, in the bill as filed
        // and in the text the Sénat received, which prints the tables anew; no article of either speaks of « agrégats ».
        var (bill, transmitted) = (TextFixtures.AsAssemblee(TextFixtures.Read(TextFixtures.Pl0269), "PRJLANR5L15B0269"),
            TextFixtures.AsAssemblee(TextFixtures.Read(TextFixtures.Pjl17063), "PRJLANR5L15BTA0020"));
        var classifier = new RelevanceClassifier(Options.Create(new WatchlistOptions
        {
            Topics = [new TopicOptions { Id = "comptes", Label = "Comptes sociaux", Phrases = ["agrégats de dépenses"] }],
        }));
        var relevance = classifier.Classify(transmitted);

        var lines = new EventSummarizer().Summarize(transmitted, EventKind.Created, null, relevance, TextComparison.Of(bill, transmitted)).PlainText.Split('\n');

        Assert.True(relevance.Relevant);
        Assert.EndsWith(" ; annexes : 3 modifiées", lines[0]);
        // Annex B told first, as the reason; the other two annexes are counted apart from the articles left untold.
        Assert.Matches(@"^… et \d+ autres articles et 2 annexes changés$", lines[^3]);
        Assert.Matches(@"^✏️ Annexe B : modifiée \(\d+ modifications\)$", lines[1]);
        Assert.Contains(lines, l => l.Contains("« agrégats de dépenses » (annexe B)"));
    }

    [Fact]
    public void A_new_text_counts_its_articles_and_its_annexes_apart()
    {
        var bill = TextFixtures.AsAssemblee(TextFixtures.Read(TextFixtures.Pl0269), "PRJLANR5L15B0269");

        var lines = new EventSummarizer().Summarize(bill, EventKind.Created, null, RelevanceResult.None, null).PlainText.Split('\n');

        Assert.Contains("Articles : 57", lines);
        Assert.Contains("Annexes : 3", lines);
    }

    [Fact]
    public void Without_a_reason_in_the_changed_articles_they_are_told_in_their_order()
    {
        var relevance = new RelevanceResult(true, 1, ["vsa"], [new RelevanceMatch("suivi", "DLR5L13N23456", RelevanceResult.TrackedField)]);

        var lines = Tell(relevance).PlainText.Split('\n');

        Assert.Equal("✏️ Article 1er : modifié (12 modifications)", lines[1]);
        Assert.Equal("… et 178 autres articles changés", lines[^3]); // of 187 changed articles, 9 have room
        Assert.Equal("Pourquoi : suivi : dossier DLR5L13N23456", lines[^2]);
    }
}
