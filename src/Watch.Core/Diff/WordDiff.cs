using System.Text;
using DiffPlex;
using DiffPlex.Model;
using Watch.Parsing;

namespace Watch.Diff;

/// <summary>
/// Word-level diff of two texts of one article with DiffPlex, as a list of edits with context, plus the
/// figures (dates, durations, rates, amounts, years) that the edits touch.
/// </summary>
internal static class WordDiff
{
    /// <summary>Unchanged words shown on each side of an edit.</summary>
    private const int ContextWords = 6;

    /// <summary>Replacements up to this many words on each side are small enough for their figures to be paired.</summary>
    private const int SmallEditWords = 20;

    /// <summary>Edits separated by at most this many unchanged words read as one: « 31 mars 2025 » → « 1er mars 2027 ».</summary>
    private const int MergeGapWords = 1;

    public static (IReadOnlyList<TextEdit> Edits, IReadOnlyList<FigureChange> Figures) Compare(string oldText, string newText)
    {
        var edits = new List<TextEdit>();
        var figures = new List<FigureChange>();
        // Alinéas first, words then only inside the alinéas that differ: most of a long article is untouched,
        // and a word diff over the whole of it would cost more than the rest of the alignment.
        var lines = Differ.Instance.CreateDiffs(oldText, newText, ignoreWhiteSpace: false, ignoreCase: false, AlineaChunker.Instance);
        var blocks = lines.DiffBlocks.Select(b => (
            Block: b,
            Old: lines.PiecesOld.Skip(b.DeleteStartA).Take(b.DeleteCountA).ToArray(),
            New: lines.PiecesNew.Skip(b.InsertStartB).Take(b.InsertCountB).ToArray())).ToArray();
        var counts = new FigureCounts(blocks.SelectMany(b => b.Old), blocks.SelectMany(b => b.New));
        var (oldParagraphs, newParagraphs) = (RomanParagraphs.Of(lines.PiecesOld), RomanParagraphs.Of(lines.PiecesNew));
        foreach (var (block, oldAlineas, newAlineas) in blocks)
        {
            foreach (var (oldAt, oldCount, newAt, newCount, amended) in PairAlineas(oldAlineas, newAlineas))
            {
                var oldPart = string.Join('\n', oldAlineas, oldAt, oldCount);
                var newPart = string.Join('\n', newAlineas, newAt, newCount);
                // The paragraph (I, II…) the change falls in, as the newer text numbers it when it still has the alinéa.
                var paragraph = newCount > 0 ? newParagraphs[block.InsertStartB + newAt] : oldParagraphs[block.DeleteStartA + oldAt];
                // Alinéas added, removed or rewritten from scratch: a word diff would cost the most and say nothing more.
                if (amended)
                    CompareWords(oldPart, newPart, paragraph, counts, edits, figures);
                else if (!SameWords(oldPart, newPart))
                    edits.Add(new TextEdit(oldPart.Trim(), newPart.Trim(), "", "", paragraph));
            }
        }
        return (edits, figures.Distinct().ToArray());
    }

    /// <summary>Two alinéas with at least a fifth of their words in common are one alinéa amended; fewer, one replacing the other.</summary>
    private const double AmendedShare = 0.2;

    /// <summary>
    /// Pairs the alinéas of one changed run in order, each older alinéa with a newer one that shares enough of
    /// its words (the pairing with the most shared words overall); what stays unpaired between two pairs comes
    /// out as one replacement. Word-diffing each pair on its own rather than the whole run keeps the cost to the
    /// size of the edits: a run of twenty amended alinéas with an insertion in the middle would otherwise be one
    /// long diff that also matches stray words across alinéas.
    /// </summary>
    /// <returns>Ranges of <paramref name="olds"/> and <paramref name="news"/>: one alinéa each when amended, any number otherwise.</returns>
    private static IEnumerable<(int OldAt, int OldCount, int NewAt, int NewCount, bool Amended)> PairAlineas(string[] olds, string[] news)
    {
        if (olds.Length == 1 && news.Length == 1)
        {
            yield return (0, 1, 0, 1, SharedWords(ArticleFingerprint.DistinctWords(olds[0]), ArticleFingerprint.DistinctWords(news[0])) >= AmendedShare);
            yield break;
        }
        var oldWords = olds.Select(ArticleFingerprint.DistinctWords).ToArray();
        var newWords = news.Select(ArticleFingerprint.DistinctWords).ToArray();
        var share = new double[olds.Length, news.Length];
        for (var i = 0; i < olds.Length; i++)
            for (var j = 0; j < news.Length; j++)
                share[i, j] = SharedWords(oldWords[i], newWords[j]);

        var (oldRun, newRun) = (0, 0); // where the pending unpaired run starts
        foreach (var (oi, ni, _) in InOrder.Pairs(olds.Length, news.Length, (i, j) => share[i, j] >= AmendedShare ? share[i, j] : null))
        {
            if (oi > oldRun || ni > newRun) yield return (oldRun, oi - oldRun, newRun, ni - newRun, false);
            yield return (oi, 1, ni, 1, true);
            (oldRun, newRun) = (oi + 1, ni + 1);
        }
        if (olds.Length > oldRun || news.Length > newRun) yield return (oldRun, olds.Length - oldRun, newRun, news.Length - newRun, false);
    }

    /// <summary>
    /// Whether two passages say the same words (see <see cref="Reading"/>). A passage printed in capitals may have lost
    /// its accents with them (the Assemblée's « RAPPORT DECRIVANT LES PREVISIONS », the Sénat's « Rapport décrivant les
    /// prévisions »): against it, accents do not count; elsewhere an accent on a small letter is a word (« a », « à »).
    /// </summary>
    internal static bool SameWords(string older, string newer) =>
        Reading(older) == Reading(newer)
        || ((InCapitals(older) || InCapitals(newer)) && Reading(older, foldAccents: true) == Reading(newer, foldAccents: true));

    private static bool InCapitals(string text) => text.Any(char.IsUpper) && !text.Any(char.IsLower);

    /// <summary>
    /// What a passage says, without its typography: the two chambers print the same words with other capitals
    /// (« famille » / « Famille », « A » / « À »), « euros » or « € », other quotes, « n° » or « nº », « … » or « ... »,
    /// the ligature or not (the Assemblée's « mise en œuvre », the Sénat's « mise en oeuvre »), other spaces. An article
    /// that differs only so is not a new version of it.
    /// </summary>
    private static string Reading(string text, bool foldAccents = false)
    {
        var reading = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c is '\u00A0' or '\u202F') continue;
            if (c is 'œ' or 'Œ') reading.Append("oe");
            else if (c is 'æ' or 'Æ') reading.Append("ae");
            else if (char.IsUpper(c) || (foldAccents && char.IsLetter(c))) reading.Append(FrenchText.Fold(c));
            else reading.Append(c switch { '«' or '»' or '“' or '”' or '„' => '"', '’' or '‘' => '\'', 'º' => '°', '…' => '.', _ => c });
        }
        return reading.Replace("...", ".").Replace("euros", "€").Replace("euro", "€").ToString();
    }

    private static double SharedWords(int[] a, int[] b) =>
        Math.Max(a.Length, b.Length) is var larger and > 0 ? (double)ArticleFingerprint.Common(a, b) / larger : 0;

    private static void CompareWords(string oldPart, string newPart, string? paragraph, FigureCounts counts, List<TextEdit> edits, List<FigureChange> figures)
    {
        // Pieces carry their trailing spaces, which DiffPlex trims away when comparing.
        var result = Differ.Instance.CreateDiffs(oldPart, newPart, ignoreWhiteSpace: true, ignoreCase: false, FrenchWordChunker.Instance);
        var oldPieces = result.PiecesOld;
        var newPieces = result.PiecesNew;
        var oldOffsets = Offsets(oldPieces);
        var newOffsets = Offsets(newPieces);
        IReadOnlyList<Figure>? oldFigures = null, newFigures = null;

        foreach (var group in Merge(result.DiffBlocks, oldPieces))
        {
            var (oldStart, oldEnd, newStart, newEnd) = group;
            var deleted = Join(oldPieces, oldStart, oldEnd).Trim();
            var inserted = Join(newPieces, newStart, newEnd).Trim();
            if (SameWords(deleted, inserted)) continue; // spacing or typography only

            edits.Add(new TextEdit(deleted, inserted,
                ContextBefore(oldPieces, oldStart), ContextAfter(oldPieces, oldEnd), paragraph));

            // A figure counts as changed when an edit replaces part of it; a whole new alinéa full of dates is an addition, not a change of figures.
            if (deleted.Length == 0 || inserted.Length == 0) continue;
            // In a rewritten passage, pairing figures by order pairs unrelated ones: only short replacements report figures.
            if (WordCount(oldPieces, oldStart, oldEnd) > SmallEditWords || WordCount(newPieces, newStart, newEnd) > SmallEditWords) continue;
            oldFigures ??= counts.In(oldPart);
            newFigures ??= counts.In(newPart);
            var before = Touched(oldFigures, oldOffsets[oldStart], oldOffsets[oldEnd]);
            var after = Touched(newFigures, newOffsets[newStart], newOffsets[newEnd]);
            if (before.Count == 0 && after.Count == 0) continue;
            figures.AddRange(FrenchFigures.Pair(before, after, counts.InOld, counts.InNew));
        }
    }

    /// <summary>
    /// How often each figure value occurs in each version of the article, counted only where the versions
    /// differ: the alinéas they share add as much to one side as to the other, and only which side has more
    /// matters. Read only when an edit touches a figure.
    /// </summary>
    private sealed class FigureCounts(IEnumerable<string> oldAlineas, IEnumerable<string> newAlineas)
    {
        private readonly Dictionary<string, IReadOnlyList<Figure>> _found = new(StringComparer.Ordinal);
        private Dictionary<string, int>? _old, _new;

        /// <summary>The figures of one changed alinéa, found once whether it is counted or compared first.</summary>
        public IReadOnlyList<Figure> In(string alinea)
        {
            if (!_found.TryGetValue(alinea, out var figures)) _found[alinea] = figures = FrenchFigures.Find(alinea);
            return figures;
        }

        public int InOld(string value) => (_old ??= Count(oldAlineas)).GetValueOrDefault(value);

        public int InNew(string value) => (_new ??= Count(newAlineas)).GetValueOrDefault(value);

        private Dictionary<string, int> Count(IEnumerable<string> alineas) =>
            alineas.SelectMany(In).CountBy(f => f.Value).ToDictionary();
    }

    /// <summary>DiffPlex blocks grouped when only <see cref="MergeGapWords"/> words separate them; ranges are piece indexes, end exclusive.</summary>
    private static IEnumerable<(int OldStart, int OldEnd, int NewStart, int NewEnd)> Merge(IList<DiffBlock> blocks, IReadOnlyList<string> oldPieces)
    {
        (int OldStart, int OldEnd, int NewStart, int NewEnd)? current = null;
        foreach (var b in blocks)
        {
            var next = (b.DeleteStartA, b.DeleteStartA + b.DeleteCountA, b.InsertStartB, b.InsertStartB + b.InsertCountB);
            // Between two blocks lie the same unchanged pieces on both sides, so one gap measure serves both.
            if (current is { } c && WordCount(oldPieces, c.OldEnd, next.Item1) <= MergeGapWords)
            {
                current = (c.OldStart, next.Item2, c.NewStart, next.Item4);
                continue;
            }
            if (current is { } done) yield return done;
            current = next;
        }
        if (current is { } last) yield return last;
    }

    private static int WordCount(IReadOnlyList<string> pieces, int from, int to)
    {
        var n = 0;
        for (var i = from; i < to; i++)
            if (pieces[i].Length > 0 && char.IsLetterOrDigit(pieces[i][0])) n++;
        return n;
    }

    private static int[] Offsets(IReadOnlyList<string> pieces)
    {
        var offsets = new int[pieces.Count + 1];
        for (var i = 0; i < pieces.Count; i++) offsets[i + 1] = offsets[i] + pieces[i].Length;
        return offsets;
    }

    private static List<Figure> Touched(IReadOnlyList<Figure> figures, int start, int end) =>
        figures.Where(f => f.Start < end && start < f.End).ToList();

    private static string Join(IReadOnlyList<string> pieces, int from, int to)
    {
        var sb = new StringBuilder();
        for (var i = from; i < to; i++) sb.Append(pieces[i]);
        return sb.ToString().Replace('\n', ' ');
    }

    private static string ContextBefore(IReadOnlyList<string> pieces, int start)
    {
        var from = start;
        var words = 0;
        while (from > 0 && words < ContextWords && pieces[from - 1] != "\n")
        {
            from--;
            if (char.IsLetterOrDigit(pieces[from][0])) words++;
        }
        return Join(pieces, from, start).Trim();
    }

    private static string ContextAfter(IReadOnlyList<string> pieces, int end)
    {
        var to = end;
        var words = 0;
        while (to < pieces.Count && words < ContextWords && pieces[to] != "\n")
        {
            if (char.IsLetterOrDigit(pieces[to][0])) words++;
            to++;
        }
        return Join(pieces, end, to).Trim();
    }
}

/// <summary>One piece per alinéa: the article texts join their alinéas with '\n'.</summary>
internal sealed class AlineaChunker : IChunker
{
    public static AlineaChunker Instance { get; } = new();

    public IReadOnlyList<string> Chunk(string text) => text.Split('\n');
}

/// <summary>
/// Splits French legal text for DiffPlex: runs of letters/digits are words (so "2025" and "douze" change
/// as a whole), each punctuation mark is its own piece; the spaces after a piece stay with it, so that
/// spacing neither doubles the number of pieces to compare nor shows as a change. A line break (between
/// alinéas) is its own piece so that context never runs across alinéas.
/// </summary>
internal sealed class FrenchWordChunker : IChunker
{
    public static FrenchWordChunker Instance { get; } = new();

    public IReadOnlyList<string> Chunk(string text)
    {
        var pieces = new List<string>(text.Length / 6);
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            var c = text[i];
            if (char.IsLetterOrDigit(c))
                while (i < text.Length && char.IsLetterOrDigit(text[i])) i++;
            else
                i++;
            if (c != '\n')
                while (i < text.Length && text[i] != '\n' && char.IsWhiteSpace(text[i])) i++;
            pieces.Add(text.Substring(start, i - start));
        }
        return pieces;
    }
}
