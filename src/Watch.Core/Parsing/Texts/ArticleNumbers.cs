using System.Text.RegularExpressions;

namespace Watch.Parsing.Texts;

/// <summary>
/// Article numbers as bills print them: "Article 1er", "Article 4 bis (nouveau)", "Article 14 bis A",
/// "Article additionnel après l'article 7". One normalisation for every format, so that "1er", "premier"
/// and "1" compare equal across an AN page, a Sénat page and an Akoma Ntoso file.
/// </summary>
public static partial class ArticleNumbers
{
    /// <summary>
    /// Reads a whole heading line ("Article 4 bis (nouveau)"). Null when the line is not exactly a heading,
    /// so running text that merely starts with "Article 3 est abrogé" is not taken for one.
    /// </summary>
    public static (string Number, ArticleStatus Status, string? StatusLabel)? ParseHeading(string line) =>
        ParseHeadings(line) is [var single] ? single : null;

    /// <summary>
    /// Like <see cref="ParseHeading"/>, and also reads the grouped headings of deleted articles,
    /// "Articles 108 à 110 (Supprimés)", "Articles 112 et 113": one entry per article, ranges expanded.
    /// </summary>
    public static IReadOnlyList<(string Number, ArticleStatus Status, string? StatusLabel)>? ParseHeadings(string line)
    {
        line = line.Trim();
        var m = Heading().Match(line);
        if (m.Success)
        {
            var label = m.Groups["status"].Success ? m.Groups["status"].Value.Trim() : null;
            return [(Normalize(m.Groups["num"].Value), StatusOf(label), label)];
        }

        m = GroupHeading().Match(line);
        if (!m.Success) return null;
        var groupLabel = m.Groups["status"].Success ? m.Groups["status"].Value.Trim() : null;
        var numbers = m.Groups["num"].Captures.Select(c => Normalize(c.Value)).ToList();
        var separators = m.Groups["sep"].Captures.Select(c => c.Value).ToList();
        var result = new List<string> { numbers[0] };
        for (var i = 1; i < numbers.Count; i++)
        {
            if (separators[i - 1] == "à") result.AddRange(Between(numbers[i - 1], numbers[i]));
            result.Add(numbers[i]);
        }
        return result.Select(n => (n, StatusOf(groupLabel), groupLabel)).ToArray();
    }

    /// <summary>Numbers strictly between two ends of a range: "108".."110" → "109"; "4 bis".."4 quater" → "4 ter".</summary>
    private static IEnumerable<string> Between(string from, string to)
    {
        if (int.TryParse(from, out var a) && int.TryParse(to, out var b))
            return b - a is > 1 and < 1000 ? Enumerable.Range(a + 1, b - a - 1).Select(n => n.ToString()) : [];
        var (fromBase, fromSuffix) = Split(from);
        var (toBase, toSuffix) = Split(to);
        if (fromBase != toBase) return [];
        var i = Array.IndexOf(Suffixes, fromSuffix);
        var j = Array.IndexOf(Suffixes, toSuffix);
        return j - i > 1 && (i >= 0 || fromSuffix == "") ? Suffixes[(i + 1)..j].Select(s => $"{fromBase} {s}") : [];

        static (string Base, string Suffix) Split(string n)
        {
            var space = n.IndexOf(' ');
            return space < 0 ? (n, "") : (n[..space], n[(space + 1)..]);
        }
    }

    private static readonly string[] Suffixes =
        ["bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "nonies", "decies", "undecies", "duodecies", "terdecies", "quaterdecies", "quindecies", "sexdecies", "septdecies", "octodecies", "novodecies", "vicies"];

    /// <summary>"1er" → "1", "Premier" → "1", "4 BIS" → "4 bis", "1er A" → "1 A"; spaces collapsed.</summary>
    public static string Normalize(string number)
    {
        var n = Spaces().Replace(number.Replace('\u00A0', ' '), " ").Trim();
        if (n.StartsWith("article ", StringComparison.OrdinalIgnoreCase)) n = n[8..].TrimStart();
        if (n.StartsWith("additionnel", StringComparison.OrdinalIgnoreCase)) return n.ToLowerInvariant().Replace('’', '\'');
        var words = n.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            var w = words[i];
            if (i == 0 && (w.Equals("premier", StringComparison.OrdinalIgnoreCase) || w.Equals("1er", StringComparison.OrdinalIgnoreCase)))
                words[i] = "1";
            else if (LatinSuffix().IsMatch(w) || w.Equals("unique", StringComparison.OrdinalIgnoreCase) || w.Equals("liminaire", StringComparison.OrdinalIgnoreCase))
                words[i] = w.ToLowerInvariant();
        }
        return string.Join(' ', words);
    }

    /// <summary>"1" → "Article 1er", "1 A" → "Article 1er A", "7 bis" → "Article 7 bis", "annexe A" → "Annexe A".</summary>
    public static string ToLabel(string number)
    {
        if (number.StartsWith("additionnel", StringComparison.Ordinal)) return $"Article {number}";
        var named = Domain.ArticleRef.Named(number);
        return char.ToUpperInvariant(named[0]) + named[1..];
    }

    /// <summary>What a printed mark means: "(Supprimé)", "(Supprimés)", "(nouveau)", "(Non modifié)", "(Conforme)".</summary>
    public static ArticleStatus StatusOf(string? label)
    {
        if (string.IsNullOrWhiteSpace(label)) return ArticleStatus.None;
        var l = label.ToLowerInvariant();
        // "(Article nouveau-supprimé …)": its last word wins, the article is gone. In a later reading, "(Suppression
        // conforme)" and "(Suppression maintenue)": deleted in the same terms by both chambers, or again — not adopted unchanged.
        if (l.Contains("supprim") || l.Contains("suppression")) return ArticleStatus.Deleted;
        // "(Dispositions déclarées irrecevables au regard de l'article 40 de la Constitution)": struck out before the vote.
        if (l.Contains("irrecevable")) return ArticleStatus.Deleted;
        if (l.Contains("nouveau")) return ArticleStatus.New;
        if (l.Contains("non modifié") || l.Contains("conforme")) return ArticleStatus.Unmodified;
        return ArticleStatus.None;
    }

    /// <summary>A lone "(Supprimé)" / "(nouveau)" line printed under a heading.</summary>
    public static string? StandaloneStatus(string line)
    {
        var m = StatusLine().Match(line.Trim());
        return m.Success && StatusOf(m.Groups[1].Value) != ArticleStatus.None ? m.Groups[1].Value.Trim() : null;
    }

    private const string Suffix = @"(?:bis|ter|quater|quinquies|sexies|septies|octies|nonies|novies|decies|[a-z]+decies|vicies|[A-Z]{1,3})";

    [GeneratedRegex(@"^(?:Article|ARTICLE)\s+(?<num>premier|PREMIER|unique|UNIQUE|liminaire|LIMINAIRE|additionnel\s+(?:après|avant)\s+l['’]article\s+\S+(?:\s+" + Suffix + @")*|\d+(?:er|ER)?(?:\s+" + Suffix + @")*)\s*\.?\s*(?:\((?<status>[^()]{1,80})\))?\s*\.?$")]
    private static partial Regex Heading();

    private const string PlainNumber = @"(?:premier|PREMIER|\d+(?:er|ER)?(?:\s+" + Suffix + @")*)";

    [GeneratedRegex(@"^(?:Articles|ARTICLES)\s+(?<num>" + PlainNumber + @")(?:\s*(?<sep>,|et|à)\s*(?<num>" + PlainNumber + @"))+\s*\.?\s*(?:\((?<status>[^()]{1,80})\))?\s*\.?$")]
    private static partial Regex GroupHeading();

    [GeneratedRegex(@"^(?:bis|ter|quater|quinquies|sexies|septies|octies|nonies|novies|decies|[a-z]+decies|vicies)$", RegexOptions.IgnoreCase)]
    private static partial Regex LatinSuffix();

    [GeneratedRegex(@"^\(([^()]{1,200})\)\.?$")]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
