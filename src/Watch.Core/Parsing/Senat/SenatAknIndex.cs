using Watch.Domain;
using Watch.Parsing.Senat;
using System.Globalization;
using System.Text.RegularExpressions;
using Watch.Parsing;
using Watch.Parsing.Legifrance;

namespace Watch.Parsing.Senat;

/// <summary>
/// One line of the Sénat's Akoma Ntoso indexes: the file and when it last changed. <see cref="RawLastModified"/>
/// is kept as published ("2025-12-02T11:56:58"), the key Watch compares from one poll to the next.
/// </summary>
public sealed record SenatAknEntry(Uri Url, string Name, string RawLastModified, DateTimeOffset? LastModified);

/// <summary>
/// Reads <c>https://www.senat.fr/akomantoso/depots.xml</c> and <c>adoptions.xml</c>:
/// <c>&lt;texts&gt;&lt;text&gt;&lt;url&gt;…/ppl25-170.akn.xml&lt;/url&gt;&lt;lastModified&gt;Tue Dec 02 11:56:58 CET 2025&lt;/lastModified&gt;
/// &lt;lastModifiedDateTime&gt;2025-12-02T11:56:58&lt;/lastModifiedDateTime&gt;&lt;/text&gt;…&lt;/texts&gt;</c>, no namespace.
/// The structure is not in our recorded fixtures; it is the one documented and read by several public
/// reusers of the feed (CivicDash/democratie's Sénat notes and importer, among others). Only the ISO
/// <c>lastModifiedDateTime</c> is read: <c>lastModified</c> is a locale-dependent Java date.
/// </summary>
public static partial class SenatAknIndex
{
    public static IReadOnlyList<SenatAknEntry> Parse(byte[] xml, string input)
    {
        var root = CheckedXml.Load(new MemoryStream(xml, writable: false), input).Root!;
        if (root.Name.LocalName != "texts")
            throw new ParseException(input, $"root element <{root.Name.LocalName}> is not the Sénat index <texts>.");

        var entries = new List<SenatAknEntry>();
        var line = 0;
        foreach (var text in root.Elements().Where(e => e.Name.LocalName == "text"))
        {
            line++;
            var url = Child(text, "url") ?? throw new ParseException(input, $"<text> n° {line} has no <url>.");
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
                throw new ParseException(input, $"<text> n° {line}: <url> '{url}' is not an absolute address.");
            var name = NamePattern().Match(uri.AbsolutePath);
            if (!name.Success) continue; // not a text file (the index only lists .akn.xml, but say nothing if it grows)
            var raw = Child(text, "lastModifiedDateTime") ?? "";
            entries.Add(new SenatAknEntry(uri, name.Groups["name"].Value, raw, ModifiedAt(raw)));
        }
        return entries;
    }

    private static DateTimeOffset? ModifiedAt(string raw) =>
        DateTime.TryParseExact(raw, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) ? ParisTime.At(local) : null;

    private static string? Child(System.Xml.Linq.XElement e, string name) =>
        e.Elements().FirstOrDefault(c => c.Name.LocalName == name)?.Value.Trim() is { Length: > 0 } v ? v : null;

    [GeneratedRegex(@"/(?<name>[a-z]+\d{2}-[0-9a-z_-]+)\.akn\.xml$", RegexOptions.IgnoreCase)]
    private static partial Regex NamePattern();
}
