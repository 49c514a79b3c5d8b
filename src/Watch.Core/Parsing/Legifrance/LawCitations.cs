using System.Text.RegularExpressions;
using Watch.Domain;

namespace Watch.Parsing.Legifrance;

/// <summary>
/// Finds the laws a text cites, in the forms French legal drafting uses:
/// « loi n° 2023-380 du 19 mai 2023 », « l'article 10 de la loi n° 2023-380 … »,
/// « Vu la loi n° 2023-380 du 19 mai 2023 relative …, notamment son article 10 ; »,
/// and the short form « l'article 10 de la loi du 19 mai 2023 susvisée » once the full one has given the date's number.
/// Code articles (« article L. 251-2 du code de la sécurité intérieure ») are not law citations and are left out.
/// </summary>
public static partial class LawCitations
{
    public static IReadOnlyList<LawCitation> Extract(string? text) => Extract([text]);

    /// <summary>Citations of several texts (visas, then each article), in order of first mention, each once.</summary>
    public static IReadOnlyList<LawCitation> Extract(IEnumerable<string?> texts)
    {
        var found = new List<LawCitation>();
        var seen = new HashSet<LawCitation>();
        var numberByDate = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        void Add(string number, string? article)
        {
            var c = new LawCitation(number, article);
            if (seen.Add(c)) found.Add(c);
        }

        foreach (var raw in texts)
        {
            if (string.IsNullOrEmpty(raw)) continue;
            var text = Normalize(raw);
            foreach (Match m in Citation().Matches(text))
            {
                string? number = m.Groups["num"].Success ? m.Groups["num"].Value : null;
                // A loi organique and a loi of the same day (the 2015 intelligence laws, n° 2015-911 and 2015-912) are
                // told apart by their kind.
                var date = m.Groups["date"].Success ? $"{m.Groups["kind"].Value.Trim().ToLowerInvariant()} {m.Groups["date"].Value}" : null;
                if (number is not null && date is not null) numberByDate.TryAdd(date, number);
                if (number is null && (date is null || !numberByDate.TryGetValue(date, out number))) continue;

                var articles = m.Groups["arts"].Success ? ArticleNumbers(m.Groups["arts"].Value).ToList() : [];
                // « …, notamment son article 10 ; » after the law's title, within the same clause, unless the law is
                // cited inside the title of another numbered text, whose own article that is (« Vu le décret n° 2023-828
                // …, pris en application de la loi n° 2023-380 …, notamment son article 3 ; »).
                var clauseStart = text.LastIndexOfAny([';', '\n'], Math.Max(m.Index - 1, 0)) + 1;
                if (!NumberedText().IsMatch(text.AsSpan(clauseStart, m.Index - clauseStart)))
                {
                    var clauseEnd = ClauseEnd(text, m.Index + m.Length);
                    var tail = OwnArticles().Match(text, m.Index + m.Length, clauseEnd - (m.Index + m.Length));
                    if (tail.Success) articles.AddRange(ArticleNumbers(tail.Groups["arts"].Value));
                }

                if (articles.Count == 0 || !m.Groups["arts"].Success) Add(number, null);
                foreach (var a in articles) Add(number, a);
            }
        }
        return found;
    }

    private static int ClauseEnd(string text, int from)
    {
        var end = text.IndexOfAny([';', '\n'], from);
        var nextLaw = text.IndexOf(" loi ", from, StringComparison.OrdinalIgnoreCase);
        if (end < 0) end = text.Length;
        return nextLaw >= 0 && nextLaw < end ? nextLaw : end;
    }

    /// <summary>
    /// The articles of a list, a range (« articles 1er à 4 ») with those between its ends. Only plain numbers make a
    /// range: what lies between « 8 bis » and « 9 » no number says.
    /// </summary>
    private static IEnumerable<string> ArticleNumbers(string list)
    {
        string? previous = null;
        var end = 0;
        foreach (Match a in ArticleNumber().Matches(list))
        {
            var number = ArticleRef.NormalizeNumber(a.Value);
            if (list.AsSpan(end, a.Index - end).Contains('à') && int.TryParse(previous, out var from) && int.TryParse(number, out var to)
                && to - from is > 1 and <= MaxRange)
                for (var between = from + 1; between < to; between++) yield return between.ToString(System.Globalization.CultureInfo.InvariantCulture);
            yield return number;
            (previous, end) = (number, a.Index + a.Length);
        }
    }

    /// <summary>No law has more articles than this between two it names: a wider « range » is a misreading.</summary>
    private const int MaxRange = 100;

    /// <summary>Typographic spaces, hyphens and apostrophes as plain ASCII: the AN writes "2023\u2011380" with a non-breaking hyphen.</summary>
    private static string Normalize(string s) => s
        .Replace('\u00A0', ' ').Replace('\u202F', ' ')
        .Replace('\u2010', '-').Replace('\u2011', '-').Replace('\u2012', '-').Replace('\u2013', '-')
        .Replace('’', '\'');

    private const string Art = @"(?:premier|1er|\d+(?:-\d+)*(?:\s+(?:bis|ter|quater|quinquies|sexies|septies|octies|nonies|decies)\b)?)";
    private const string ArtList = Art + @"(?:\s*(?:,|et|à)\s*" + Art + ")*";
    private const string Date = @"(?:1er|\d{1,2})\s+(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre)\s+\d{4}";

    [GeneratedRegex(
        @"(?:\barticles?\s+(?<arts>" + ArtList + @")\s+de\s+la\s+)?\bloi(?<kind>\s+organique|\s+constitutionnelle)?\s+" +
        @"(?:n(?:°|º|o\.?)\s*(?<num>\d{2,4}-\d{1,5})(?:\s+du\s+(?<date>" + Date + @"))?|du\s+(?<date>" + Date + @"))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Citation();

    [GeneratedRegex(@"\b(?:son|ses)\s+articles?\s+(?<arts>" + ArtList + ")", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OwnArticles();

    [GeneratedRegex(Art, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ArticleNumber();

    /// <summary>A text named by its number (« décret n° 2023-828 »), as a title that cites the law may start.</summary>
    [GeneratedRegex(@"\bn(?:°|º|o\.?)\s*\d", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberedText();
}
