using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Watch.Parsing.Texts;

/// <summary>
/// Akoma Ntoso 3.0 bills as the Sénat publishes them (…akn.xml). Alinéas nest (a "1°" alinéa holds its
/// "a)" alinéas, and its own &lt;content&gt; comes after them), so reading order is the data:pastille number,
/// the paragraph number printed in the margin; marks are in data:mention. Elements are matched by local
/// name, so another AKN namespace version reads the same.
/// </summary>
internal static partial class AkomaNtosoTextParser
{
    private const string ParliamentNs = "http://data.parlement.fr/v1";

    private static readonly HashSet<string> Divisions = ["part", "book", "title", "chapter", "section", "subsection", "paragraph", "hcontainer"];

    public static TextVersion Parse(XDocument document, string source)
    {
        var root = document.Root!;
        var body = root.Descendants().FirstOrDefault(e => e.Name.LocalName == "body")
            ?? throw new TextFormatException(source, "document Akoma Ntoso sans élément <body> : pas de dispositif à lire.");

        var articles = body.Descendants().Where(e => e.Name.LocalName == "article").Select(Article).ToList();
        if (articles.Count == 0)
            throw new TextFormatException(source, "document Akoma Ntoso sans aucun élément <article>.");

        var title = root.Descendants().FirstOrDefault(e => e.Name.LocalName == "docTitle") is { } docTitle
            ? TextClean.Normalize(docTitle.Value)
            : "";
        return new TextVersion(title, source, TextFormat.AkomaNtoso, articles, Metadata(root));
    }

    private static TextArticle Article(XElement article)
    {
        var num = Child(article, "num")?.Value ?? article.Attribute("eId")?.Value ?? "?";
        var mention = article.Attribute(XName.Get("mention", ParliamentNs))?.Value;
        var label = mention is null ? null : TextClean.Normalize(mention).Trim('(', ')', ' ');

        var alineas = article.Descendants()
            .Where(e => e.Name.LocalName == "alinea" && Child(e, "content") is not null)
            .Select((e, index) => (Order: Pastille(e) ?? int.MaxValue, Index: index, Text: ContentText(Child(e, "content")!)))
            .OrderBy(a => a.Order).ThenBy(a => a.Index)
            .SelectMany(a => a.Text)
            .Where(t => t.Length > 0)
            .ToArray();

        // Alinéas sitting directly in the article, without <alinea> wrappers (some AKN producers).
        if (alineas.Length == 0 && Child(article, "content") is { } content)
            alineas = ContentText(content).Where(t => t.Length > 0).ToArray();

        return new TextArticle(ArticleNumbers.Normalize(TextClean.Normalize(num)), SectionPath(article),
            ArticleNumbers.StatusOf(label), label, alineas);
    }

    private static IReadOnlyList<string> SectionPath(XElement article) =>
        article.Ancestors()
            .Where(a => Divisions.Contains(a.Name.LocalName))
            .Reverse()
            .Select(a =>
            {
                var num = TextClean.Normalize(Child(a, "num")?.Value ?? "");
                var heading = TextClean.Normalize(Child(a, "heading")?.Value ?? "");
                return num.Length > 0 && heading.Length > 0 ? $"{num} – {heading}" : num + heading;
            })
            .Where(s => s.Length > 0)
            .ToArray();

    /// <summary>Paragraphs of a &lt;content&gt;; a table row is one paragraph, cells joined by " | ".</summary>
    private static IEnumerable<string> ContentText(XElement content)
    {
        foreach (var block in content.Elements())
        {
            if (block.Name.LocalName == "table")
            {
                foreach (var row in block.Elements().Where(e => e.Name.LocalName == "tr"))
                {
                    var cells = row.Elements().Select(CellText).Where(t => t.Length > 0).ToArray();
                    if (cells.Length > 0) yield return string.Join(" | ", cells);
                }
            }
            else
            {
                yield return TextClean.Normalize(block.Value);
            }
        }
        if (!content.HasElements) yield return TextClean.Normalize(content.Value);
    }

    /// <summary>The Sénat's table cells hold escaped HTML ("&lt;p style=…&gt;L. 742-6&lt;/p&gt;"): tags dropped, entities decoded.</summary>
    private static string CellText(XElement cell) =>
        TextClean.Normalize(WebUtility.HtmlDecode(EscapedTag().Replace(cell.Value, " ")));

    private static int? Pastille(XElement alinea) =>
        int.TryParse(alinea.Attribute(XName.Get("pastille", ParliamentNs))?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static XElement? Child(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    /// <summary>FRBR aliases (dossier signet, AN and Sénat URLs), FRBRthis/uri, dates, workflow steps.</summary>
    private static IReadOnlyDictionary<string, string> Metadata(XElement root)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in root.Descendants())
        {
            switch (e.Name.LocalName)
            {
                case "FRBRalias" when e.Attribute("name") is { } name && e.Attribute("value") is { } value:
                    metadata.TryAdd(name.Value, value.Value);
                    break;
                case "FRBRthis" or "FRBRuri" when e.Parent is { } level && e.Attribute("value") is { } value:
                    metadata.TryAdd($"{level.Name.LocalName}.{e.Name.LocalName}", value.Value);
                    break;
                case "FRBRdate" when e.Attribute("name") is { } name && e.Attribute("date") is { } date:
                    metadata.TryAdd("date" + name.Value.Replace('#', ':'), date.Value);
                    break;
                case "step" when e.Attribute("eId") is { } id:
                    var parts = new[] { e.Attribute("date")?.Value, e.Attribute("outcome")?.Value, e.Attribute("href")?.Value };
                    metadata.TryAdd($"workflow:{id.Value}", string.Join(" ", parts.Where(p => !string.IsNullOrEmpty(p))));
                    break;
            }
        }
        return metadata;
    }

    [GeneratedRegex(@"<[^<>]*>")]
    private static partial Regex EscapedTag();
}
