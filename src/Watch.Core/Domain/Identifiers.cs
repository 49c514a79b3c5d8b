using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Watch.Domain;

/// <summary>Where an item was published.</summary>
public enum Chamber { AssembleeNationale, Senat, JournalOfficiel }

/// <summary>What an item is. The pipeline treats every kind alike; summaries pick a template per kind.</summary>
public enum ItemKind { Amendment, Dossier, Text, AgendaItem, Vote, OfficialText }

/// <summary>A legislature of the Assemblée nationale (the 17th began in July 2024).</summary>
public readonly partial record struct Legislature(int Number)
{
    public static Legislature Parse(string value) =>
        int.TryParse(value, out var n) && n is > 0 and < 100
            ? new Legislature(n)
            : throw new FormatException($"'{value}' is not a legislature number.");

    /// <summary>The legislature an AN uid encodes after its <c>R5L</c> (DLR5L16N…, RUANR5L17S…, VTANR5L17V…); null for another string.</summary>
    public static Legislature? OfUid(string uid) => UidPattern().Match(uid) is { Success: true } m ? Parse(m.Groups[1].Value) : null;

    [GeneratedRegex(@"R5L(\d{1,2})[A-Z]")]
    private static partial Regex UidPattern();

    public override string ToString() => Number.ToString();
}

/// <summary>
/// An Assemblée nationale amendment uid, e.g. <c>AMANR5L17PO838901BTC0636P0D1N000085</c>:
/// legislature 17, examining organ PO838901, text (B)TC0636, délibération 1, number 85.
/// </summary>
public sealed partial record AmendmentId
{
    public string Value { get; }
    public Legislature Legislature { get; }
    public string Organ { get; }

    /// <summary>The uid up to its N-number: the amendments of one organ on one text (« AMANR5L17PO838901BTC0636P0D1 »).</summary>
    public string Series { get; }

    /// <summary>The N-number (85): the amendment's number in its series, the digits of its numeroLong.</summary>
    public long Order { get; }

    /// <summary>
    /// The délibération the amendment was filed for: 1, or 2 for a seconde délibération, whose amendments are numbered
    /// from 1 again (« …B1573P0D2N000003 », n° 3 of the seconde délibération on the Mayotte bill; 6 of the 17th
    /// legislature's 13,903 séance amendments). 1 when the uid has no D part. Read from the series' end, where the
    /// pattern placed it, when asked: only a vote needs it.
    /// </summary>
    public int Deliberation =>
        Series.LastIndexOf('D') is var d and > 0 && int.TryParse(Series.AsSpan(d + 1), CultureInfo.InvariantCulture, out var n) ? n : 1;

    private AmendmentId(string value, Legislature legislature, string organ, string series, long order)
    {
        Value = value;
        Legislature = legislature;
        Organ = organ;
        Series = series;
        Order = order;
    }

    public static AmendmentId Parse(string value) =>
        TryParse(value, out var id) ? id : throw new FormatException($"'{value}' is not an Assemblée nationale amendment uid (AMANR5L…).");

    /// <summary>One match: the parser reads the uid of every amendment of a 130,000-file dump.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out AmendmentId? id)
    {
        var m = Pattern().Match(value);
        id = m.Success
            ? new AmendmentId(value, Legislature.Parse(m.Groups["leg"].Value), m.Groups["organ"].Value,
                m.Groups["series"].Value, long.Parse(m.Groups["order"].ValueSpan, CultureInfo.InvariantCulture))
            : null;
        return id is not null;
    }

    public override string ToString() => Value;

    [GeneratedRegex(@"^(?<series>AMANR5L(?<leg>\d+)(?<organ>PO\d+)B\w+?(?:D\d{1,2})?)N(?<order>\d{1,18})$")]
    private static partial Regex Pattern();
}

/// <summary>
/// A Sénat bill as its amendments are filed: the session and the number it was printed under (« pjl22-220 » is
/// n° 220 of 2022-2023, amended in <c>/amendements/2022-2023/220/</c>). Only bills are amended: résolutions and
/// adopted texts (« tas24-021 ») have no number of this kind.
/// </summary>
public sealed partial record SenatTextNumber(string Session, string Number)
{
    /// <summary>How the text's amendments name it (their <c>TextRef</c>): « senat:2022-2023:220 ».</summary>
    public string Key => $"senat:{Session}:{Number}";

    /// <summary>The text n° <paramref name="number"/> of a session, the number without leading zeros (« 0220 » is 220).</summary>
    public static SenatTextNumber Of(string session, string number) =>
        new(session, int.Parse(number, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));

    /// <summary>A bill's name (« pjl22-220 »), as the Sénat's files are named.</summary>
    public static bool TryParse(string name, [NotNullWhen(true)] out SenatTextNumber? text)
    {
        var m = BillName().Match(name);
        if (!m.Success)
        {
            text = null;
            return false;
        }
        var year = 2000 + int.Parse(m.Groups["yy"].Value, CultureInfo.InvariantCulture);
        text = Of($"{year}-{year + 1}", m.Groups["num"].Value);
        return true;
    }

    /// <summary>A <see cref="Key"/> read back (« senat:2017-2018:583 »), as an amendment's <c>TextRef</c> carries it.</summary>
    public static bool TryParseKey(string key, [NotNullWhen(true)] out SenatTextNumber? text)
    {
        var m = KeyPattern().Match(key);
        text = m.Success ? new SenatTextNumber(m.Groups["session"].Value, m.Groups["num"].Value) : null;
        return m.Success;
    }

    [GeneratedRegex(@"^(?:pjl|ppl|pjlo|pplo|plf|plfss)(?<yy>\d{2})-(?<num>\d+)$", RegexOptions.IgnoreCase)]
    private static partial Regex BillName();

    [GeneratedRegex(@"^senat:(?<session>\d{4}-\d{4}):(?<num>\d+)$")]
    private static partial Regex KeyPattern();
}

/// <summary>
/// A Sénat text as the AN's open data names it in a dossier's acts: in dossier DLR5L15N36159 (Sénat page pjl17-259),
/// « PRJLSNR5S299B0259 » is the Sénat's bill n° 259 (pjl17-259), « …BTC0330 » its commission's text n° 330, « …BTA0075 »
/// the text the Sénat adopted, n° 75 (tas17-075). The session is in the AN's own code (S299), which Watch does not
/// read: within one dossier, the number and whether the text is an adopted one tell the text.
/// </summary>
public static partial class SenatTextRefs
{
    /// <summary>Whether an AN ref names a Sénat text (a bill, not a report).</summary>
    public static bool IsSenatText(string anRef) => AnRef().IsMatch(anRef);

    /// <summary>Whether the AN's <paramref name="anRef"/> names the Sénat text of file name <paramref name="senatName"/>.</summary>
    public static bool Names(string anRef, string senatName)
    {
        var (an, senat) = (AnRef().Match(anRef), SenatName().Match(senatName));
        return an.Success && senat.Success
            && (an.Groups["kind"].Value == "TA") == senat.Groups["prefix"].Value.Equals("tas", StringComparison.OrdinalIgnoreCase)
            && int.Parse(an.Groups["num"].Value, CultureInfo.InvariantCulture) == int.Parse(senat.Groups["num"].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(?:PRJL|PION)SNR5S\d+B(?<kind>TC|TA)?(?<num>\d{1,6})$")]
    private static partial Regex AnRef();

    [GeneratedRegex(@"^(?<prefix>[a-z]+)\d{2}-(?<num>\d{1,6})$", RegexOptions.IgnoreCase)]
    private static partial Regex SenatName();
}

/// <summary>
/// The article an item is attached to, as the institution designates it ("ART. 9", "APRÈS ART. 9",
/// "ARTICLE 7 BIS"). <see cref="Number"/> is the bare article number ("9", "7 bis") when one can be read.
/// </summary>
public sealed partial record ArticleRef(string Designation, string? Number, bool Additional)
{
    /// <summary>
    /// What the additional designation adds is a division (a chapitre, a titre, with its heading) rather than an article:
    /// the AN's <c>chapitreAdditionnel</c>, the Sénat's « div. add. ». Not written when false, so that the items stored
    /// before it existed keep the hash they were stored with.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Division { get; init; }

    /// <summary>
    /// The annexed part of the article that the amendment changes, as the AN's <c>division.titre</c> names it:
    /// « RAPPORT ANNEXÉ » (article 1 of a programming bill approves it), « ÉTAT B » (a finance bill's table of credits),
    /// « ANNEXE ». Null for an amendment on the article's own words, and then not written (see <see cref="Division"/>).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Annex { get; init; }

    /// <summary>
    /// The text's annex that <see cref="Annex"/> names, numbered as the text parsers number it: « ANNEXE » → « annexe »,
    /// « ANNEXE A » → « annexe A », a « RAPPORT ANNEXÉ » (a programming law's one annex) → « annexe ». Null for a finance
    /// bill's « ÉTAT B », a table of the article itself.
    /// </summary>
    [JsonIgnore]
    public string? TextAnnex => Annex is null ? null
        : AnnexHeading(Annex) is { } heading ? heading.Number
        : AnnexedReport().IsMatch(Annex) ? AnnexNumber(null)
        : null;

    [GeneratedRegex(@"^RAPPORT ANNEX[ÉE]$", RegexOptions.IgnoreCase)]
    private static partial Regex AnnexedReport();

    /// <summary>
    /// An annex's heading as texts print it and amendments' divisions name it: « ANNEXE », « ANNEXE A », « ANNEXE N° 2 »,
    /// « ANNEXE IV », the title possibly after it in the same paragraph (« ANNEXE : RAPPORT SUR LES OBJECTIFS ET LES
    /// MOYENS »): its number (see <see cref="AnnexNumber"/>) and that title; null for any other line.
    /// </summary>
    public static (string Number, string? Title)? AnnexHeading(string line) =>
        AnnexHeadingPattern().Match(line) is { Success: true } m
            ? (AnnexNumber(m.Groups["id"].Value), m.Groups["title"].Success ? m.Groups["title"].Value : null)
            : null;

    /// <summary>In « ANNEXE A LA LOI … » the A is « à », capitals dropping accents: a letter followed by an article or « au » is no annex's letter.</summary>
    [GeneratedRegex(@"^ANNEXE(?:\s+(?:N°\s*)?(?<id>[A-Z]|\d{1,2}|[IVX]{1,4})(?!\s+(?:LA|LE|LES|L'|AU|AUX|DU|DES)\b))?(?:(?:\s*[:.-]\s*|\s+)(?<title>\S.*))?$")]
    private static partial Regex AnnexHeadingPattern();

    /// <param name="division">The source says that what is added is a division; the Sénat's « div. add. » says so itself.</param>
    public static ArticleRef? FromDesignation(string? designation, bool additional = false, bool division = false)
    {
        if (string.IsNullOrWhiteSpace(designation)) return null;
        var m = NumberPattern().Match(designation);
        var number = m.Success ? NormalizeNumber(m.Groups["num"].Value) : null;
        return new ArticleRef(designation.Trim(), number, additional)
        {
            Division = additional && (division || AdditionalDivision().IsMatch(designation)),
        };
    }

    /// <summary>
    /// An article of a text as amendments' tracking keys and watched articles write it: « PIONANR5L17B0134#8 bis ».
    /// The number in lower case, as an amendment reads it (a text prints « 83 B », its amendments « ART. 83 B »).
    /// </summary>
    public static string Key(string textName, string number) => $"{textName}#{number.ToLowerInvariant()}";

    /// <summary>An article number as keys compare it: lower case, single spaces, « premier » and « 1er » as « 1 » (« 1er bis » → « 1 bis »).</summary>
    public static string NormalizeNumber(string raw)
    {
        var n = Spaces().Replace(raw.Trim().ToLowerInvariant(), " ");
        var space = n.IndexOf(' ');
        var first = space < 0 ? n : n[..space];
        return first is "premier" or "1er" ? "1" + (space < 0 ? "" : n[space..]) : n;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\bavant\b", RegexOptions.IgnoreCase)]
    private static partial Regex Before();

    /// <summary>The Sénat's « div. add. après Article 13 »: a new heading (titre, chapitre) rather than a new article.</summary>
    [GeneratedRegex(@"\bdiv\. add\.", RegexOptions.IgnoreCase)]
    private static partial Regex AdditionalDivision();

    /// <summary>A heading of the text as the Sénat's exports and the AN's amendments name it: « TITRE IER », « Chapitre II », « TITRE PREMIER ».</summary>
    [GeneratedRegex(@"^(?<kind>titre|chapitre)\s+(?:(?<first>premier)|(?<num>[ivxlc]+)(?<er>er)?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Heading();

    /// <summary>
    /// French reading, for messages: "l'article 9", "l'article 1er bis A", "un article additionnel après l'article 9",
    /// "une division additionnelle après l'article 13", "le titre Ier" (the Sénat's « TITRE IER »), "le titre" (the
    /// AN's « TITRE », the bill's title), "l'intitulé de la proposition de loi" (the Sénat's).
    /// </summary>
    public string ToFrench()
    {
        if (Number is null) return DivisionToFrench(Designation);
        var article = Number == "1" ? "l'article premier" : $"l'article {Printed(Number)}";
        // « AVANT ART. 10 » (the AN), « art. add. avant Article 40 » (the Sénat).
        var side = Before().IsMatch(Designation) ? "avant" : "après";
        var added = Division ? "une division additionnelle" : "un article additionnel";
        if (Additional) return $"{added} {side} {article}";
        return Annex is null ? article : $"{article} ({AnnexToFrench(Annex)})";
    }

    /// <summary>
    /// « RAPPORT ANNEXÉ » → « rapport annexé », « ETAT B » → « état B »: lower case but for a table's final letter, with
    /// the accents the AN's capitals may drop (« ETAT », « RAPPORT ANNEXE »).
    /// </summary>
    private static string AnnexToFrench(string annex)
    {
        var words = annex.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words.Select((w, i) => (i == words.Length - 1 && w.Length == 1 ? w : w.ToLowerInvariant()) switch
        {
            "etat" => "état",
            "annexe" when i > 0 && words[i - 1].Equals("rapport", StringComparison.OrdinalIgnoreCase) => "annexé",
            var word => word,
        }));
    }

    /// <summary>A designation that names no article: a heading (« TITRE IER »), the bill's title or its intitulé.</summary>
    private static string DivisionToFrench(string designation)
    {
        if (Heading().Match(designation) is { Success: true } h)
            return $"le {h.Groups["kind"].Value.ToLowerInvariant()} {(h.Groups["first"].Success ? "I" : h.Groups["num"].Value.ToUpperInvariant())}"
                + (h.Groups["first"].Success || h.Groups["er"].Success ? "er" : "");
        var lower = designation.ToLowerInvariant();
        return lower == "titre" ? "le titre" : lower.StartsWith("intitulé", StringComparison.Ordinal) ? "l'" + lower : lower;
    }

    /// <summary>
    /// The number the text parsers give an annex (« ANNEXE A » → « annexe A », a lone « ANNEXE » → « annexe »): an annex
    /// is compared, watched and told like an article, but named as what it is.
    /// </summary>
    public static string AnnexNumber(string? id) => string.IsNullOrEmpty(id) ? AnnexWord : $"{AnnexWord} {id}";

    public static bool IsAnnex(string number) => number.StartsWith(AnnexWord, StringComparison.OrdinalIgnoreCase);

    private const string AnnexWord = "annexe";

    /// <summary>« article 7 bis », « article 1er », « annexe A », « annexe VIII »: an article or annex named from its number or key.</summary>
    public static string Named(string number) => IsAnnex(number) ? AnnexWord + number[AnnexWord.Length..].ToUpperInvariant() : $"article {Printed(number)}";

    /// <summary>
    /// Several named at once: « article 7 » alone, « articles 7, 29 bis et 3 autres » (beyond <paramref name="max"/>),
    /// « annexes A et B », « article 7 et annexe A ».
    /// </summary>
    public static string NamedTogether(IReadOnlyList<string> numbers, int max = int.MaxValue)
    {
        if (numbers.Count == 1) return Named(numbers[0]);
        var articles = numbers.All(n => !IsAnnex(n));
        var annexes = numbers.All(n => IsAnnex(n) && n.Length > AnnexWord.Length);
        var names = numbers.Select(n => articles ? Printed(n) : annexes ? Named(n)[(AnnexWord.Length + 1)..] : Named(n)).ToList();
        if (names.Count - max > 1) names = [.. names.Take(max), $"{names.Count - max} autres"];
        return (articles ? "articles " : annexes ? "annexes " : "") + FrenchList.Join(names);
    }

    /// <summary>
    /// A number as the texts print it, from its key: « 1 » → « 1er », « 1 bis a » → « 1er bis A », « 83 b » → « 83 B ».
    /// Latin suffixes have three letters or more; a shorter one is a capital letter (« 11 bis A », an article inserted
    /// before 11 bis).
    /// </summary>
    public static string Printed(string number)
    {
        var words = number.Split(' ');
        if (words[0] == "1") words[0] = "1er";
        for (var i = 1; i < words.Length; i++)
            if (words[i].Length <= 2) words[i] = words[i].ToUpperInvariant();
        return string.Join(' ', words);
    }

    /// <summary>
    /// « ART. 9 », « ART. 1ER BIS », « ART. 3 BIS A », « ART. UNIQUE », « Article 14 ter » (the Sénat): the number and
    /// every suffix after it, Latin or a capital letter (« 83 B »), as the texts print their headings.
    /// </summary>
    [GeneratedRegex(@"(?i:ART(?:ICLE|\.)?)\s+(?<num>(?i:premier|unique|liminaire)|\d+(?i:er)?(?:\s+(?:(?i:bis|ter|quater|quinquies|sexies|septies|octies|nonies|novies|decies|[a-z]+decies|vicies)|[A-Z]{1,2})\b)*)")]
    private static partial Regex NumberPattern();
}

/// <summary>
/// An AN text from before the open data, which gives it no uid, as its amendments name it: its legislature and its
/// number (« an:14:996 », the 14th legislature's text n° 996). Its amendments are keyed under it by their number
/// without the rectification mark (« an:amendement:14:996:CL4 »).
/// </summary>
public sealed partial record AnLegacyText(Legislature Legislature, int Number)
{
    public string Key => $"an:{Legislature}:{Number}";

    public string AmendmentKey(string number) => $"an:amendement:{Legislature}:{Number}:{number}";

    public static bool TryParseKey(string key, [NotNullWhen(true)] out AnLegacyText? text)
    {
        var m = KeyPattern().Match(key);
        text = m.Success ? new AnLegacyText(Legislature.Parse(m.Groups["leg"].Value), int.Parse(m.Groups["num"].Value, CultureInfo.InvariantCulture)) : null;
        return m.Success;
    }

    /// <summary>The number in an amendment's key (« CL4 »), or null when the key is not one of this kind.</summary>
    public static string? AmendmentNumber(string key) => AmendmentKeyPattern().Match(key) is { Success: true } m ? m.Groups["num"].Value : null;

    [GeneratedRegex(@"^an:(?<leg>\d{1,2}):(?<num>\d{1,6})$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"^an:amendement:\d{1,2}:\d{1,6}:(?<num>.+)$")]
    private static partial Regex AmendmentKeyPattern();
}
