using System.Globalization;
using System.Xml.Linq;
using Watch.Parsing.Legifrance;

namespace Watch.Parsing.Senat;

/// <summary>A Sénat per-dossier feed (<c>https://www.senat.fr/dossierleg/rss/dosleg{signet}.xml</c>).</summary>
public sealed record SenatFeed(string Title, string? Subtitle, string? DossierUrl, DateTimeOffset? Modified, IReadOnlyList<SenatFeedEntry> Entries);

/// <summary>
/// One document or step of the dossier ("Petite loi", "Texte n° 108", "Rapport n° 551"…). <see cref="Url"/> is
/// absolute (relative links resolved against https://www.senat.fr); <see cref="Issued"/> is when the document
/// was issued, <see cref="Modified"/> its last change.
/// </summary>
public sealed record SenatFeedEntry(string Title, string Url, string Id, DateTimeOffset? Issued, DateTimeOffset? Modified, string? Summary);

/// <summary>
/// Reads the Sénat's dossier feeds: Atom 0.3 vocabulary (issued, modified, created) under the Atom 1.0
/// namespace, with 1.0 elements (updated, published) alongside, in ISO-8859-15. Elements are matched by local
/// name so either namespace reads the same.
/// </summary>
public static class SenatFeedParser
{
    public static SenatFeed Parse(Stream xml, string input)
    {
        var root = CheckedXml.Load(xml, input).Root!;
        if (root.Name.LocalName != "feed")
            throw new ParseException(input, $"root element <{root.Name.LocalName}> is not an Atom <feed>.");

        var entries = root.Elements().Where(e => e.Name.LocalName == "entry").Select((e, i) =>
        {
            var title = Child(e, "title") ?? "";
            var href = Link(e);
            var id = Child(e, "id") ?? href ?? "";
            var url = SenatUrls.Absolute(href ?? id)
                ?? throw new ParseException(input, $"entry {i + 1} (\"{title}\") has no link.");
            return new SenatFeedEntry(
                title, url, id,
                Date(e, input, "issued", "published", "created"),
                Date(e, input, "modified", "updated"),
                Child(e, "summary"));
        }).ToList();

        return new SenatFeed(
            Child(root, "title") ?? throw new ParseException(input, "feed has no <title>."),
            Child(root, "subtitle") ?? Child(root, "tagline"),
            SenatUrls.Absolute(Child(root, "id")),
            Date(root, input, "modified", "updated"),
            entries);
    }

    private static string? Child(XElement e, string name) =>
        e.Elements().FirstOrDefault(c => c.Name.LocalName == name)?.Value.Trim() is { Length: > 0 } v ? v : null;

    private static string? Link(XElement entry)
    {
        var links = entry.Elements().Where(c => c.Name.LocalName == "link").ToList();
        var link = links.FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate") ?? links.FirstOrDefault();
        return (string?)link?.Attribute("href");
    }

    private static DateTimeOffset? Date(XElement e, string input, params string[] names)
    {
        foreach (var name in names)
        {
            var v = Child(e, name);
            if (v is null) continue;
            if (DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)) return d;
            throw new ParseException(input, $"<{name}> '{v}' is not a date.");
        }
        return null;
    }
}
