using System.Text;
using DiffPlex;
using DiffPlex.Model;

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
        var counts = new FigureCounts(oldText, newText);
        // Alinéas first, words then only inside the alinéas that differ: most of a long article is untouched,
        // and a word diff over the whole of it would cost more than the rest of the alignment.
        var lines = Differ.Instance.CreateDiffs(oldText, newText, ignoreWhiteSpace: false, ignoreCase: false, AlineaChunker.Instance);
        foreach (var block in lines.DiffBlocks)
        {
            var oldPart = string.Join('\n', lines.PiecesOld.Skip(block.DeleteStartA).Take(block.DeleteCountA));
            var newPart = string.Join('\n', lines.PiecesNew.Skip(block.InsertStartB).Take(block.InsertCountB));
            // An alinéa added, removed or rewritten from scratch: a word diff would cost the most and say nothing more.
            if (oldPart.Length == 0 || newPart.Length == 0 || Rewritten(oldPart, newPart))
                edits.Add(new TextEdit(oldPart.Trim(), newPart.Trim(), "", ""));
            else
                CompareWords(oldPart, newPart, counts, edits, figures);
        }
        return (edits, figures.Distinct().ToArray());
    }

    /// <summary>Fewer than a fifth of the words in common: a replacement, not an amendment of the wording.</summary>
    private static bool Rewritten(string oldPart, string newPart)
    {
        var oldWords = oldPart.Split(' ', '\n').ToHashSet(StringComparer.Ordinal);
        var newWords = newPart.Split(' ', '\n').ToHashSet(StringComparer.Ordinal);
        var common = oldWords.Count(newWords.Contains);
        return common * 5 < Math.Max(oldWords.Count, newWords.Count);
    }

    private static void CompareWords(string oldPart, string newPart, FigureCounts counts, List<TextEdit> edits, List<FigureChange> figures)
    {
        var result = Differ.Instance.CreateDiffs(oldPart, newPart, ignoreWhiteSpace: false, ignoreCase: false, FrenchWordChunker.Instance);
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
            if (deleted.Length == 0 && inserted.Length == 0) continue; // spacing only

            edits.Add(new TextEdit(deleted, inserted,
                ContextBefore(oldPieces, oldStart), ContextAfter(oldPieces, oldEnd)));

            // A figure counts as changed when an edit replaces part of it; a whole new alinéa full of dates is an addition, not a change of figures.
            if (deleted.Length == 0 || inserted.Length == 0) continue;
            // In a rewritten passage, pairing figures by order pairs unrelated ones: only short replacements report figures.
            if (WordCount(oldPieces, oldStart, oldEnd) > SmallEditWords || WordCount(newPieces, newStart, newEnd) > SmallEditWords) continue;
            oldFigures ??= FrenchFigures.Find(oldPart);
            newFigures ??= FrenchFigures.Find(newPart);
            var before = Touched(oldFigures, oldOffsets[oldStart], oldOffsets[oldEnd]);
            var after = Touched(newFigures, newOffsets[newStart], newOffsets[newEnd]);
            if (before.Count == 0 && after.Count == 0) continue;
            figures.AddRange(FrenchFigures.Pair(before, after, counts.InOld, counts.InNew));
        }
    }

    /// <summary>How often each figure value occurs in each whole article; read only when an edit touches a figure.</summary>
    private sealed class FigureCounts(string oldText, string newText)
    {
        private Dictionary<string, int>? _old, _new;

        public int InOld(string value) => (_old ??= Count(oldText)).GetValueOrDefault(value);

        public int InNew(string value) => (_new ??= Count(newText)).GetValueOrDefault(value);

        private static Dictionary<string, int> Count(string text) =>
            FrenchFigures.Find(text).CountBy(f => f.Value).ToDictionary();
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
/// as a whole), each punctuation mark is its own piece, spaces are pieces, a line break (between alinéas)
/// is its own piece so that context never runs across alinéas.
/// </summary>
internal sealed class FrenchWordChunker : IChunker
{
    public static FrenchWordChunker Instance { get; } = new();

    public IReadOnlyList<string> Chunk(string text)
    {
        var pieces = new List<string>(text.Length / 4);
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            var c = text[i];
            if (char.IsLetterOrDigit(c))
                while (i < text.Length && char.IsLetterOrDigit(text[i])) i++;
            else if (c == '\n')
                i++;
            else if (char.IsWhiteSpace(c))
                while (i < text.Length && text[i] != '\n' && char.IsWhiteSpace(text[i])) i++;
            else
                i++;
            pieces.Add(text.Substring(start, i - start));
        }
        return pieces;
    }
}
