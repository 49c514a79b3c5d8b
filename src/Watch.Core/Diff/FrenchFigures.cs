using System.Buffers;
using System.Text.RegularExpressions;

namespace Watch.Diff;

/// <summary>A figure found in a text, with its span and its value in one spelling (« douze mois » and « 12 mois » agree).</summary>
internal sealed record Figure(FigureKind Kind, string Text, string Value, int Start, int End);

/// <summary>
/// Dates, durations, rates, amounts and years as French legal texts write them: « 31 mars 2025 »,
/// « 1er mars 2027 », « douze mois », « vingt-quatre mois », « trois jours francs », « 5 % », « 9,5 pour cent »,
/// « 6,0 milliards d'euros », « 1 500 € », « 2027 ». Numbers written in words are recognised up to the
/// compounds bills use (« quatre-vingt-dix », « trente et un »).
/// </summary>
internal static partial class FrenchFigures
{
    private const string Months = "janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre";
    private const string NumberWord = "une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingts?|trente|quarante|cinquante|soixante|cents?|mille";
    private const string Number = @"(?:\d+(?:,\d+)?|(?:" + NumberWord + @")(?:(?:-|\s+et\s+|-et-|\s+)(?:" + NumberWord + @"))*)";

    private static readonly SearchValues<string> MonthWords = SearchValues.Create(
        ["janvier", "février", "fevrier", "mars", "avril", "mai", "juin", "juillet", "août", "aout", "septembre", "octobre", "novembre", "décembre", "decembre"],
        StringComparison.OrdinalIgnoreCase);
    private static readonly SearchValues<string> AmountWords = SearchValues.Create(["€", "euro"], StringComparison.OrdinalIgnoreCase);
    private static readonly SearchValues<string> PercentageWords = SearchValues.Create(["%", "cent"], StringComparison.OrdinalIgnoreCase);
    private static readonly SearchValues<string> DurationWords = SearchValues.Create(
        ["an", "mois", "semaine", "jour", "heure", "minute"], StringComparison.OrdinalIgnoreCase);

    /// <summary>Figures in order of appearance; where two readings overlap the more specific kind wins (a date's year is not also a year).</summary>
    public static IReadOnlyList<Figure> Find(string text)
    {
        var found = new List<Figure>();
        // Each pattern runs only where the word it cannot do without occurs: most alinéas have no month,
        // no unit and no euro, and the number-word alternations are costly to try at every position.
        if (text.AsSpan().ContainsAny(MonthWords)) Add(found, text, FigureKind.Date, Date());
        if (text.AsSpan().ContainsAny(AmountWords)) Add(found, text, FigureKind.Amount, Amount());
        if (text.AsSpan().ContainsAny(PercentageWords)) Add(found, text, FigureKind.Percentage, Percentage());
        if (text.AsSpan().ContainsAny(DurationWords)) Add(found, text, FigureKind.Duration, Duration());
        Add(found, text, FigureKind.Year, Year());
        found.RemoveAll(f => f.Value.Length == 0);
        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        return found;
    }

    /// <summary>
    /// Figures replaced by one edit, paired in order within each kind. Only real changes are kept: a figure
    /// that goes must be rarer in the newer article than in the older, one that comes must be new, so a figure
    /// merely moved within the article is not reported; nor is one respelled (« 45 000 euros » → « 45 000 € »).
    /// </summary>
    /// <param name="countInOld">Occurrences of a figure value (<see cref="Figure.Value"/>) in the whole older article.</param>
    /// <param name="countInNew">Occurrences of a figure value in the whole newer article.</param>
    public static IEnumerable<FigureChange> Pair(List<Figure> before, List<Figure> after, Func<string, int> countInOld, Func<string, int> countInNew)
    {
        bool Gone(Figure f) => countInOld(f.Value) > countInNew(f.Value);
        bool Came(Figure f) => countInNew(f.Value) > countInOld(f.Value);

        foreach (var kind in Enum.GetValues<FigureKind>())
        {
            var b = before.Where(f => f.Kind == kind && Gone(f)).ToList();
            var a = after.Where(f => f.Kind == kind && Came(f)).ToList();
            for (var i = 0; i < Math.Max(b.Count, a.Count); i++)
            {
                if (i < b.Count && i < a.Count && b[i].Value == a[i].Value) continue;
                yield return new FigureChange(kind, i < b.Count ? b[i].Text : null, i < a.Count ? a[i].Text : null);
            }
        }
    }

    /// <summary>
    /// One spelling per value: lower case, no accents, numbers in digits, « 1er » → « 1 », units singular,
    /// « euros » → « € », « pour cent » → « % », digit groups joined.
    /// </summary>
    internal static string Canonical(string figure)
    {
        var words = WordSplit().Split(RemoveAccents(figure.ToLowerInvariant()).Replace("pour cent", "%").Replace("%", " %").Replace("d'euros", "€"))
            .Where(w => w.Length > 0).ToList();
        var parts = new List<string>();
        var numberWords = new List<string>();
        void FlushNumber()
        {
            if (numberWords.Count == 0) return;
            parts.Add(WordsToNumber(numberWords).ToString());
            numberWords.Clear();
        }
        foreach (var w in words)
        {
            if (NumberWordValue(w) is not null || (w == "et" && numberWords.Count > 0)) { if (w != "et") numberWords.Add(w); continue; }
            FlushNumber();
            parts.Add(w switch
            {
                "1er" or "premier" => "1",
                "euro" or "euros" => "€",
                "an" or "ans" or "annee" or "annees" => "an",
                "millions" => "million",
                "milliards" => "milliard",
                _ when w.Length > 3 && w.EndsWith('s') && w is not "mois" => w[..^1], // jours → jour, semaines → semaine
                _ => w,
            });
        }
        FlushNumber();
        // « 45 000 € »: digit groups separated by spaces are one number.
        return DigitGroups().Replace(string.Join(' ', parts), "$1");
    }

    private static int WordsToNumber(List<string> words)
    {
        int total = 0, current = 0;
        foreach (var w in words)
        {
            var v = NumberWordValue(w)!.Value;
            if (v == 100) current = Math.Max(current, 1) * 100;
            else if (v == 1000) { total += Math.Max(current, 1) * 1000; current = 0; }
            else if (v == 20 && current % 100 == 4) current += 76; // quatre-vingt(s)
            else current += v;
        }
        return total + current;
    }

    private static int? NumberWordValue(string w) => w switch
    {
        "un" or "une" => 1, "deux" => 2, "trois" => 3, "quatre" => 4, "cinq" => 5, "six" => 6, "sept" => 7, "huit" => 8,
        "neuf" => 9, "dix" => 10, "onze" => 11, "douze" => 12, "treize" => 13, "quatorze" => 14, "quinze" => 15, "seize" => 16,
        "vingt" or "vingts" => 20, "trente" => 30, "quarante" => 40, "cinquante" => 50, "soixante" => 60,
        "cent" or "cents" => 100, "mille" => 1000,
        _ => null,
    };

    private static string RemoveAccents(string s)
    {
        var decomposed = s.Normalize(System.Text.NormalizationForm.FormD);
        var sb = new System.Text.StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark) sb.Append(c);
        return sb.ToString();
    }

    [GeneratedRegex(@"[\s-]+")]
    private static partial Regex WordSplit();

    [GeneratedRegex(@"(\d) (?=\d{3}(?!\d))")]
    private static partial Regex DigitGroups();

    private static void Add(List<Figure> found, string text, FigureKind kind, Regex pattern)
    {
        foreach (Match m in pattern.Matches(text))
        {
            var (start, end) = (m.Index, m.Index + m.Length);
            if (kind == FigureKind.Date && CitationBefore().IsMatch(text.AsSpan(Math.Max(0, start - 60), Math.Min(start, 60))))
            {
                found.Add(new Figure(kind, m.Value, "", start, end)); // occupies its span so its year is not read as a year, but never reported
                continue;
            }
            if (found.Any(f => f.Start < end && start < f.End)) continue;
            found.Add(new Figure(kind, m.Value, Canonical(m.Value), start, end));
        }
    }

    [GeneratedRegex(@"\b(?:(?:1er|premier|\d{1,2})\s+(?:" + Months + @")(?:\s+\d{4})?|(?:" + Months + @")\s+\d{4})(?![\w-])", RegexOptions.IgnoreCase)]
    private static partial Regex Date();

    // The date that names a text (« loi n° 2000-321 du 12 avril 2000 », « décret du 30 août 2023 »): citing a law is not a deadline.
    // Checked on the text just before a match rather than as a lookbehind, which would run at every position.
    [GeneratedRegex(@"(?:loi|ordonnance|d[ée]cret|arr[êe]t[ée]|r[èe]glement|directive|d[ée]cision|convention)(?:\s+(?:organique|constitutionnelle|de finances|de financement))?(?:\s+n°\s*[\w/-]+)?\s+du\s+$", RegexOptions.IgnoreCase)]
    private static partial Regex CitationBefore();

    [GeneratedRegex(@"(?<![\w,-])(?:\d{1,3}(?:[ .]\d{3})+|\d+)(?:,\d+)?\s*(?:€|euros?\b|(?:millions?|milliards?)\s+d'euros)", RegexOptions.IgnoreCase)]
    private static partial Regex Amount();

    [GeneratedRegex(@"(?<![\w,-])\d+(?:,\d+)?\s*(?:%|pour\s+cent\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Percentage();

    [GeneratedRegex(@"(?<![\w-])" + Number + @"\s+(?:ans?|ann[ée]es?|mois|semaines?|jours?|heures?|minutes?)(?:\s+(?:francs|ouvr[ée]s|ouvrables|calendaires|pleins))?(?![\w-])", RegexOptions.IgnoreCase)]
    private static partial Regex Duration();

    // Not a year: the "2016" of « loi n° 2016-1827 » or of « L. 2016-3 ».
    [GeneratedRegex(@"(?<![\w-]|n°\s?)(?:19|20)\d{2}(?![\w-])")]
    private static partial Regex Year();
}
