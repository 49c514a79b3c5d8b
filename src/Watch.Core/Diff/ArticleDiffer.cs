using System.Collections.Concurrent;
using Watch.Parsing.Texts;

namespace Watch.Diff;

/// <summary>
/// Aligns the articles of two versions of a bill by what they say, not by their number, then diffs the
/// pairs whose text differs. An article keeps its identity through renumbering (bill article 7 became
/// article 10 of loi n° 2023-380), through "bis" insertions before it, and through moves between chapters.
/// </summary>
/// <remarks>
/// Order of decisions: an older article whose number the newer version prints as a placeholder (« (Supprimé) »,
/// « (Dispositions déclarées irrecevables …) ») stays there, first; then identical texts; then pairs whose two-word shingles overlap enough
/// (<see cref="ContentThreshold"/>), best first, the same number breaking ties; then, between two pairs already
/// made, the articles left, in their order, when they still share a fair part of their vocabulary (a heavy
/// rewrite, renumbered or not); then an older "(Supprimé)" line and a newer article of its number (re-established),
/// which can only be matched by number. Similarities come from an inverted index of shingles, so
/// two 100-article versions align in well under a millisecond; DiffPlex runs only on matched pairs that differ.
/// </remarks>
public static class ArticleDiffer
{
    /// <summary>Shingle Jaccard above which two articles are the same article whatever their numbers.</summary>
    public const double ContentThreshold = 0.5;

    /// <summary>Word-set Jaccard above which two articles left between the same matched neighbours are the same, rewritten.</summary>
    public const double NeighboursThreshold = 0.2;

    /// <summary>
    /// Share of the shorter article's words found in the longer one above which two articles left between the same
    /// matched neighbours are the same: an article cut down to one of its items (a whole code article rewritten, then only a 24° added).
    /// </summary>
    public const double NeighboursContainment = 0.6;

    /// <summary>Share of the smaller side's moved words two articles must share for the newer one to take up the older one.</summary>
    public const double MovedShare = 0.5;

    /// <summary>Moved words (two-word shingles) two articles must share at least: more than a formula repeated from article to article.</summary>
    public const int MinMoved = 40;

    // Enough to prefer the same number among equally close candidates, too little to beat a closer text.
    private const double SameNumberBonus = 0.02;

    /// <summary>The articles aligned, then the annexes aligned among themselves: an annex is never another version of an article.</summary>
    public static TextDiff Compare(TextVersion older, TextVersion newer)
    {
        static IReadOnlyList<TextArticle> Articles(TextVersion v) => v.Articles.Where(a => !a.IsAnnex).ToList();
        static IReadOnlyList<TextArticle> Annexes(TextVersion v) => v.Articles.Where(a => a.IsAnnex).ToList();
        return new TextDiff(older, newer, [.. Align(Articles(older), Articles(newer)), .. Align(Annexes(older), Annexes(newer))]);
    }

    private static IEnumerable<ArticleChange> Align(IReadOnlyList<TextArticle> older, IReadOnlyList<TextArticle> newer)
    {
        var olds = older.Select(a => new ArticleFingerprint(a)).ToArray();
        var news = newer.Select(a => new ArticleFingerprint(a)).ToArray();
        var oldMatch = Enumerable.Repeat(-1, olds.Length).ToArray();
        var newMatch = Enumerable.Repeat(-1, news.Length).ToArray();
        var similarity = new Dictionary<(int, int), double>();

        // An old article paired again moves: the new article it was paired with is left unmatched.
        void Pair(int o, int n, double score)
        {
            if (oldMatch[o] is var was and >= 0)
            {
                newMatch[was] = -1;
                similarity.Remove((o, was));
            }
            oldMatch[o] = n;
            newMatch[n] = o;
            similarity[(o, n)] = score;
        }

        // A placeholder under an article's number says what became of that article: it stays there.
        MatchPlaceholdersFirst(olds, news, oldMatch, newMatch, Pair);
        MatchIdentical(olds, news, oldMatch, newMatch, Pair);
        // Every article left is fingerprinted by what follows; each fingerprint is independent of the others.
        var unmatched = olds.Where((_, o) => oldMatch[o] < 0).Concat(news.Where((_, n) => newMatch[n] < 0)).ToArray();
        Parallel.ForEach(unmatched, f => f.Prepare());
        MatchBySimilarity(olds, news, oldMatch, newMatch, Pair);
        KeepNumbersThroughSplits(olds, news, oldMatch, newMatch, Pair);
        MatchBetweenNeighbours(olds, news, oldMatch, newMatch, Pair);
        // An older "(Supprimé)" line re-established under its number: only the number can tell which one.
        MatchPlaceholdersByNumber(olds, news, oldMatch, newMatch, Pair);

        var takesUp = TakenUp(olds, news, oldMatch, newMatch);
        var changes = new List<(double Position, ArticleChange Change)>();
        for (var n = 0; n < news.Length; n++)
        {
            // A "(Supprimé)" line for an article the older version did not have: nothing happened to it here.
            if (newMatch[n] < 0 && news[n].HasContent)
                changes.Add((n, new ArticleChange(ArticleChangeKind.Added, null, news[n].Article, 0, [], []) { TakesUp = takesUp[n] ?? [] }));
        }
        // The word diffs of matched pairs are independent of each other and are most of the work. Longest
        // first, handed out one at a time: one long article otherwise ends up last on a busy core.
        var matched = Enumerable.Range(0, news.Length).Where(n => newMatch[n] >= 0)
            .OrderByDescending(n => olds[newMatch[n]].Text.Length + news[n].Text.Length).ToArray();
        var described = new ArticleChange[news.Length];
        Parallel.ForEach(Partitioner.Create(matched, loadBalance: true),
            n => described[n] = Describe(olds[newMatch[n]], news[n], similarity[(newMatch[n], n)]));
        changes.AddRange(matched.Select(n => ((double)n, takesUp[n] is { } taken ? described[n] with { TakesUp = taken } : described[n])));

        // Articles gone without a trace go right after the article that preceded them in the older version.
        for (var o = 0; o < olds.Length; o++)
        {
            if (oldMatch[o] >= 0 || !olds[o].HasContent) continue;
            var previous = o - 1;
            while (previous >= 0 && oldMatch[previous] < 0) previous--;
            var position = (previous < 0 ? -1 : oldMatch[previous]) + 0.5 + o * 1e-6;
            changes.Add((position, new ArticleChange(ArticleChangeKind.Deleted, olds[o].Article, null, 0, [], [])));
        }

        return changes.OrderBy(c => c.Position).Select(c => c.Change);
    }

    private static ArticleChange Describe(ArticleFingerprint old, ArticleFingerprint @new, double score)
    {
        var (before, after) = (old.Article, @new.Article);
        if (!@new.HasContent)
        {
            var kind = after.Status == ArticleStatus.Unmodified ? ArticleChangeKind.Unchanged : ArticleChangeKind.Deleted;
            return new ArticleChange(kind, before, after, kind == ArticleChangeKind.Unchanged ? 1 : 0, [], []);
        }
        if (!old.HasContent)
        {
            // Re-established after a "(Supprimé)"; after a "(Conforme)" line the older text is simply not printed.
            return before.Status == ArticleStatus.Deleted
                ? new ArticleChange(ArticleChangeKind.Added, before, after, 0, [], [])
                : new ArticleChange(ArticleChangeKind.Unchanged, before, after, 1, [], []);
        }

        var renumbered = before.Number != after.Number;
        if (old.Text == @new.Text)
            return new ArticleChange(renumbered ? ArticleChangeKind.Renumbered : ArticleChangeKind.Unchanged, before, after, 1, [], []);

        var (edits, figures) = WordDiff.Compare(old.Text, @new.Text);
        if (edits.Count == 0) // differences in spacing or typography only
            return new ArticleChange(renumbered ? ArticleChangeKind.Renumbered : ArticleChangeKind.Unchanged, before, after, 1, [], []);
        return new ArticleChange(renumbered ? ArticleChangeKind.Renumbered : ArticleChangeKind.Modified, before, after, score, edits, figures);
    }

    /// <summary>
    /// A placeholder the newer version prints under a number the older version's article had (« (Supprimé) »,
    /// « (Dispositions déclarées irrecevables au regard de l'article 40 de la Constitution) », « (Non modifié) ») tells
    /// that article's fate: the article did not move, even when a new article took up its words (ta0376: article 83,
    /// declared irrecevable, its text proposed again as article 83 B (nouveau), a new article). Paired before anything
    /// else, so that no likeness can take the older article elsewhere and leave its placeholder unaccounted for.
    /// </summary>
    private static void MatchPlaceholdersFirst(ArticleFingerprint[] olds, ArticleFingerprint[] news, int[] oldMatch, int[] newMatch,
        Action<int, int, double> pair)
    {
        Dictionary<string, List<int>>? byNumber = null;
        for (var n = 0; n < news.Length; n++)
        {
            // No text and a mark: a page's placeholder, or a stored one (read back with one empty alinéa).
            if (news[n].HasContent || news[n].Article.Status is not (ArticleStatus.Deleted or ArticleStatus.Unmodified)) continue;
            byNumber ??= ByNumber(olds, o => olds[o].HasContent);
            if (FirstUnmatched(byNumber, news[n].Article.Number, oldMatch, _ => true) is { } old) pair(old, n, 0);
        }
    }

    /// <summary>The articles <paramref name="keep"/> selects, by number, in their order.</summary>
    private static Dictionary<string, List<int>> ByNumber(ArticleFingerprint[] articles, Func<int, bool> keep)
    {
        var byNumber = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < articles.Length; i++)
        {
            if (!keep(i)) continue;
            if (!byNumber.TryGetValue(articles[i].Article.Number, out var list)) byNumber[articles[i].Article.Number] = list = [];
            list.Add(i);
        }
        return byNumber;
    }

    /// <summary>The first older article of <paramref name="number"/> not paired yet that <paramref name="fits"/>; null when none.</summary>
    private static int? FirstUnmatched(Dictionary<string, List<int>> byNumber, string number, int[] oldMatch, Func<int, bool> fits)
    {
        if (!byNumber.TryGetValue(number, out var candidates)) return null;
        foreach (var o in candidates)
            if (oldMatch[o] < 0 && fits(o)) return o;
        return null;
    }

    /// <summary>
    /// For each newer article, the other older articles whose words it took: an article struck out and its text proposed again
    /// under a new number (ta0376: article 83, declared irrecevable, taken up by 83 B (nouveau)), articles folded into another
    /// (ppl11-290: the commission struck articles 3 and 4 and wrote them into article 2), the part of an article split out
    /// into a new one (pjl17-063: article 4's C3S paragraphs went to 8 bis). Words moved are the two-word shingles the older
    /// article lost (not in its own successor) and the newer one gained (not in its own predecessor); they link the two
    /// when they are at least <see cref="MovedShare"/> of the smaller side and <see cref="MinMoved"/> in number, so that a
    /// formula every article repeats links nothing.
    /// </summary>
    private static List<TextArticle>?[] TakenUp(ArticleFingerprint[] olds, ArticleFingerprint[] news, int[] oldMatch, int[] newMatch)
    {
        var taken = new List<TextArticle>?[news.Length];
        var lost = Unshared(olds, news, oldMatch);
        var gained = Unshared(news, olds, newMatch);
        Overlaps(lost, gained, (o, n, moved) =>
        {
            if (newMatch[n] != o && moved >= MinMoved && moved >= MovedShare * Math.Min(lost[o]!.Length, gained[n]!.Length))
                (taken[n] ??= []).Add(olds[o].Article);
        });
        return taken;
    }

    /// <summary>
    /// Calls <paramref name="visit"/> with the number of values each older set shares with each newer set, for the pairs
    /// that share any (null sets take no part). An inverted index value → older sets, so that each newer set counts its
    /// shared values per older set in one pass over its own values.
    /// </summary>
    private static void Overlaps(int[]?[] olds, int[]?[] news, Action<int, int, int> visit)
    {
        var index = new Dictionary<int, List<int>>();
        for (var o = 0; o < olds.Length; o++)
        {
            foreach (var value in olds[o] ?? [])
            {
                if (!index.TryGetValue(value, out var postings)) index[value] = postings = [];
                postings.Add(o);
            }
        }
        if (index.Count == 0) return;

        var shared = new int[olds.Length];
        var touched = new List<int>();
        for (var n = 0; n < news.Length; n++)
        {
            foreach (var value in news[n] ?? [])
            {
                if (!index.TryGetValue(value, out var postings)) continue;
                foreach (var o in postings)
                    if (shared[o]++ == 0) touched.Add(o);
            }
            foreach (var o in touched)
            {
                visit(o, n, shared[o]);
                shared[o] = 0;
            }
            touched.Clear();
        }
    }

    /// <summary>
    /// For each article of one version, its shingles not found in the article it is paired with in the other (all of them
    /// when it is paired with none, or with a placeholder); null when fewer than <see cref="MinMoved"/>.
    /// </summary>
    private static int[]?[] Unshared(ArticleFingerprint[] side, ArticleFingerprint[] other, int[] match)
    {
        var unshared = new int[]?[side.Length];
        for (var i = 0; i < side.Length; i++)
        {
            if (!side[i].HasContent) continue;
            var paired = match[i] >= 0 ? other[match[i]] : null;
            if (paired?.Text == side[i].Text) continue;
            var words = paired is { HasContent: true } ? ArticleFingerprint.Without(side[i].Shingles, paired.Shingles) : side[i].Shingles;
            if (words.Length >= MinMoved) unshared[i] = words;
        }
        return unshared;
    }

    private static void MatchIdentical(ArticleFingerprint[] olds, ArticleFingerprint[] news, int[] oldMatch, int[] newMatch, Action<int, int, double> pair)
    {
        var byText = new Dictionary<string, List<int>>();
        for (var o = 0; o < olds.Length; o++)
        {
            if (!olds[o].HasContent) continue;
            if (!byText.TryGetValue(olds[o].Text, out var list)) byText[olds[o].Text] = list = [];
            list.Add(o);
        }
        // Same number first, so that two identical short articles ("Le présent article s'applique à Mayotte.") do not swap.
        foreach (var sameNumberOnly in new[] { true, false })
        {
            for (var n = 0; n < news.Length; n++)
            {
                if (newMatch[n] >= 0 || !news[n].HasContent || !byText.TryGetValue(news[n].Text, out var candidates)) continue;
                foreach (var o in candidates)
                {
                    if (oldMatch[o] >= 0) continue;
                    if (sameNumberOnly && olds[o].Article.Number != news[n].Article.Number) continue;
                    pair(o, n, 1);
                    break;
                }
            }
        }
    }

    private static void MatchBySimilarity(ArticleFingerprint[] olds, ArticleFingerprint[] news, int[] oldMatch, int[] newMatch, Action<int, int, double> pair)
    {
        var candidates = new List<(double Score, double Similarity, int Old, int New)>();
        Overlaps(
            olds.Select((f, o) => oldMatch[o] < 0 && f.HasContent ? f.Shingles : null).ToArray(),
            news.Select((f, n) => newMatch[n] < 0 && f.HasContent ? f.Shingles : null).ToArray(),
            (o, n, shared) =>
            {
                var sim = (double)shared / (olds[o].Shingles.Length + news[n].Shingles.Length - shared);
                if (sim < ContentThreshold) return;
                var bonus = olds[o].Article.Number == news[n].Article.Number ? SameNumberBonus : 0;
                candidates.Add((sim + bonus, sim, o, n));
            });

        foreach (var c in candidates.OrderByDescending(c => c.Score).ThenBy(c => Math.Abs(c.Old - c.New)))
        {
            if (oldMatch[c.Old] >= 0 || newMatch[c.New] >= 0) continue;
            pair(c.Old, c.New, c.Similarity);
        }
    }

    /// <summary>
    /// An article split in two keeps its number: the part printed « (nouveau) » under another number is the new
    /// article, even when it took more of the words (pjl17-063: article 4 stays article 4, its C3S paragraphs went
    /// to a new article 8 bis).
    /// </summary>
    private static void KeepNumbersThroughSplits(ArticleFingerprint[] olds, ArticleFingerprint[] news, int[] oldMatch, int[] newMatch, Action<int, int, double> pair)
    {
        var sameNumber = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var n = 0; n < news.Length; n++)
            if (newMatch[n] < 0 && news[n].HasContent && news[n].Article.Status != ArticleStatus.New) sameNumber.TryAdd(news[n].Article.Number, n);
        for (var o = 0; o < olds.Length; o++)
        {
            var taken = oldMatch[o];
            if (taken < 0 || news[taken].Article.Status != ArticleStatus.New || news[taken].Article.Number == olds[o].Article.Number
                || news[taken].Text == olds[o].Text) continue; // moved whole, not split
            if (!sameNumber.TryGetValue(olds[o].Article.Number, out var kept) || newMatch[kept] >= 0 || Likeness(olds[o], news[kept]) is not { } score) continue;
            pair(o, kept, score);
        }
    }

    /// <summary>
    /// Articles left between two matched neighbours are paired in their order, on a looser likeness. Amended and
    /// renumbered at once (bill article 7, rewritten, became article 10 of the law), an article may share too few
    /// word pairs with its successor to be told apart from the rest of the text; where its neighbours went says
    /// where it went. Outside that place, a shared number or vocabulary is a coincidence: any two articles of one
    /// bill share a fifth of their words.
    /// </summary>
    private static void MatchBetweenNeighbours(ArticleFingerprint[] olds, ArticleFingerprint[] news, int[] oldMatch, int[] newMatch, Action<int, int, double> pair)
    {
        var anchors = OrderKeepingPairs(oldMatch, news.Length);
        for (var a = 1; a < anchors.Count; a++)
        {
            var (from, to) = (anchors[a - 1], anchors[a]);
            var gapOld = Enumerable.Range(from.Old + 1, to.Old - from.Old - 1).Where(o => oldMatch[o] < 0 && olds[o].HasContent).ToArray();
            var gapNew = Enumerable.Range(from.New + 1, to.New - from.New - 1).Where(n => newMatch[n] < 0 && news[n].HasContent).ToArray();
            if (gapOld.Length == 0 || gapNew.Length == 0) continue;
            foreach (var (o, n, score) in InOrder.Pairs(gapOld.Length, gapNew.Length, (o, n) => Likeness(olds[gapOld[o]], news[gapNew[n]])))
                pair(gapOld[o], gapNew[n], score);
        }
    }

    /// <summary>
    /// How alike two articles found in the same place are; null when too little to be one article. An article printed
    /// « (nouveau) » was inserted at this reading: under another number, it follows no older article.
    /// </summary>
    private static double? Likeness(ArticleFingerprint old, ArticleFingerprint @new)
    {
        if (@new.Article.Status == ArticleStatus.New && old.Article.Number != @new.Article.Number) return null;
        var jaccard = ArticleFingerprint.Jaccard(old.Words, @new.Words);
        return jaccard >= NeighboursThreshold || ArticleFingerprint.Containment(old.Words, @new.Words) >= NeighboursContainment ? jaccard : null;
    }

    /// <summary>The longest chain of matched pairs in the same order in both versions, between two bounds that stand for the texts' ends.</summary>
    private static List<(int Old, int New)> OrderKeepingPairs(int[] oldMatch, int newCount)
    {
        var matched = Enumerable.Range(0, oldMatch.Length).Where(o => oldMatch[o] >= 0).ToArray();
        var length = new int[matched.Length];
        var previous = new int[matched.Length];
        var last = -1;
        for (var i = 0; i < matched.Length; i++)
        {
            (length[i], previous[i]) = (1, -1);
            for (var j = 0; j < i; j++)
                if (oldMatch[matched[j]] < oldMatch[matched[i]] && length[j] + 1 > length[i]) (length[i], previous[i]) = (length[j] + 1, j);
            if (last < 0 || length[i] > length[last]) last = i;
        }
        var chain = new List<(int Old, int New)>();
        for (var i = last; i >= 0; i = previous[i]) chain.Add((matched[i], oldMatch[matched[i]]));
        chain.Add((-1, -1));
        chain.Reverse();
        chain.Add((oldMatch.Length, newCount));
        return chain;
    }

    private static void MatchPlaceholdersByNumber(ArticleFingerprint[] olds, ArticleFingerprint[] news, int[] oldMatch, int[] newMatch,
        Action<int, int, double> pair)
    {
        var byNumber = ByNumber(olds, o => oldMatch[o] < 0);
        for (var n = 0; n < news.Length; n++)
            if (newMatch[n] < 0 && FirstUnmatched(byNumber, news[n].Article.Number, oldMatch, o => olds[o].HasContent != news[n].HasContent) is { } old)
                pair(old, n, 0);
    }
}
