using Watch.Parsing.Texts;

namespace Watch.Diff;

/// <summary>
/// What the aligner compares: an article's distinct words and distinct two-word shingles, as hashed ints.
/// Shingles keep word order (an article and its rewrite share few pairs); the word set is the lenient
/// measure used when the number already says "same article".
/// </summary>
internal sealed class ArticleFingerprint
{
    public TextArticle Article { get; }
    public string Text { get; }
    public bool HasContent => Text.Length > 0;

    // Computed on first use: most articles of two successive versions are matched by identical text
    // and never need their shingles.
    private int[]? _shingles;
    private int[]? _words;

    /// <summary>Distinct two-word shingles, sorted.</summary>
    public int[] Shingles
    {
        get
        {
            if (_shingles is null) Compute();
            return _shingles!;
        }
    }

    /// <summary>Distinct words, sorted.</summary>
    public int[] Words
    {
        get
        {
            if (_words is null) Compute();
            return _words!;
        }
    }

    public ArticleFingerprint(TextArticle article)
    {
        Article = article;
        Text = article.Text;
    }

    /// <summary>Computes the shingles and words now rather than on first use.</summary>
    public void Prepare()
    {
        if (_shingles is null) Compute();
    }

    private void Compute()
    {
        var tokens = Tokenize(Text);
        _words = SortedDistinct(tokens);
        if (tokens.Count < 2)
        {
            _shingles = _words;
            return;
        }
        var shingles = new int[tokens.Count - 1];
        for (var i = 0; i < shingles.Length; i++) shingles[i] = tokens[i] * 31 + tokens[i + 1];
        Array.Sort(shingles);
        _shingles = Dedupe(shingles);
    }

    /// <summary>The distinct words of a text, hashed and sorted, for <see cref="Common"/>.</summary>
    public static int[] DistinctWords(string text) => SortedDistinct(Tokenize(text));

    private static int[] SortedDistinct(List<int> tokens)
    {
        var words = tokens.ToArray();
        Array.Sort(words);
        return Dedupe(words);
    }

    /// <summary>Lower-cased letter-or-digit runs, hashed; punctuation and spacing do not count.</summary>
    private static List<int> Tokenize(string text)
    {
        var tokens = new List<int>(text.Length / 6);
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWordChar = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (isWordChar && start < 0) start = i;
            else if (!isWordChar && start >= 0)
            {
                tokens.Add(Hash(text.AsSpan(start, i - start)));
                start = -1;
            }
        }
        return tokens;
    }

    /// <summary>FNV-1a over lower-cased chars: cheaper than culture-aware or ignore-case string hashing, and stable.</summary>
    private static int Hash(ReadOnlySpan<char> word)
    {
        var h = 2166136261u;
        foreach (var c in word)
        {
            h = (h ^ char.ToLowerInvariant(c)) * 16777619u;
        }
        return (int)h;
    }

    private static int[] Dedupe(int[] sorted)
    {
        if (sorted.Length == 0) return sorted;
        var n = 1;
        for (var i = 1; i < sorted.Length; i++)
            if (sorted[i] != sorted[n - 1]) sorted[n++] = sorted[i];
        return n == sorted.Length ? sorted : sorted[..n];
    }

    /// <summary>Jaccard index of two sorted distinct arrays.</summary>
    public static double Jaccard(int[] a, int[] b) =>
        a.Length == 0 && b.Length == 0 ? 1 : (double)Common(a, b) is var common ? common / (a.Length + b.Length - common) : 0;

    /// <summary>Share of the smaller array found in the larger one.</summary>
    public static double Containment(int[] a, int[] b) =>
        a.Length == 0 || b.Length == 0 ? 0 : (double)Common(a, b) / Math.Min(a.Length, b.Length);

    /// <summary>The values of sorted distinct <paramref name="a"/> not in sorted distinct <paramref name="b"/>, sorted.</summary>
    public static int[] Without(int[] a, int[] b)
    {
        var rest = new List<int>(a.Length);
        int i = 0, j = 0;
        while (i < a.Length)
        {
            if (j == b.Length || a[i] < b[j]) rest.Add(a[i++]);
            else if (a[i] == b[j]) { i++; j++; }
            else j++;
        }
        return [.. rest];
    }

    /// <summary>How many values two sorted distinct arrays share.</summary>
    public static int Common(int[] a, int[] b)
    {
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { common++; i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return common;
    }
}
