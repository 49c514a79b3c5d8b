using System.Text;
using System.Text.RegularExpressions;

namespace Watch.Parsing.AssembleeNationale;

/// <summary>
/// The Assemblée's daily publication list (<c>/dyn/opendata/list-publication/publication_YYYY-MM-DD</c>): one
/// <c>date;URL</c> line per file published that day (amendments, bill texts, votes…), the URL pointing at the
/// XML; the JSON and, for texts, the HTML sit beside it under the same uid.
/// </summary>
public static partial class PublicationList
{
    /// <summary>One published file: its uid (<c>AMANR5L17…</c>, <c>PIONANR5L17B0134</c>) and where it was announced.</summary>
    public sealed record Entry(string Uid, Uri Url)
    {
        /// <summary>The same uid's file with another extension (<c>json</c>, <c>html</c>), beside the listed one.</summary>
        public Uri Sibling(string extension) => new(Url, $"{Uid}.{extension}");
    }

    /// <summary>
    /// The list's entries; none on a day without publications (an empty body). A body with words but no
    /// <c>date;URL</c> line (an error or maintenance page answered with 200) is not a list, and read as one it would
    /// be marked read with nothing in it.
    /// </summary>
    public static IReadOnlyList<Entry> Read(byte[] list, string input)
    {
        var entries = new List<Entry>();
        var text = Encoding.UTF8.GetString(list);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            var separator = line.IndexOf(';');
            if (separator < 0) continue;
            // http(s) only: « color:#000;font-family: Arial » would otherwise be a URL of the scheme « font-family ».
            if (!Uri.TryCreate(line[(separator + 1)..].Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")) continue;
            var uid = Path.GetFileNameWithoutExtension(url.Segments[^1]);
            if (uid.Length > 0) entries.Add(new Entry(uid, url));
        }
        if (entries.Count == 0 && !string.IsNullOrWhiteSpace(text))
            throw new ParseException(input, $"not a publication list, no « date;URL » line: {TextDecoding.Describe(list)}");
        return entries;
    }

    public static bool IsAmendment(string uid) => uid.StartsWith("AMAN", StringComparison.Ordinal);

    /// <summary>
    /// A bill's text: projet (<c>PRJL</c>) or proposition (<c>PION</c>) de loi as deposited (<c>B0134</c>), as the
    /// commission adopted it (<c>BTC0636</c>) or as the Assemblée adopted it; reports and resolutions are not.
    /// </summary>
    public static bool IsBillText(string uid) => AmendedText().Match(uid) is { Success: true } m && m.Groups["kind"].Value != Resolution;

    /// <summary>A text the Assemblée amends: a bill's (<see cref="IsBillText"/>), or a proposition de résolution's (<c>PNRE</c>).</summary>
    public static bool IsAmendedText(string uid) => AmendedText().IsMatch(uid);

    private const string Resolution = "PNRE";

    [GeneratedRegex(@"^(?<kind>PRJL|PION|PNRE)ANR5L\d{1,2}B[A-Z]{0,3}\d+$")]
    private static partial Regex AmendedText();
}
