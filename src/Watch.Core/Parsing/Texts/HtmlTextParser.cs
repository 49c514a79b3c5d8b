using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Watch.Parsing.Texts;

/// <summary>
/// Bill pages of the old AN site and of www.senat.fr. Both are flat runs of &lt;p&gt; (Word exports): article
/// headings are whole paragraphs ("Article 4 bis (nouveau)"), divisions too ("TITRE II", "Chapitre Ier"),
/// tables are tables. The exposé des motifs, when the page carries one, comes before a second
/// "PROPOSITION DE LOI" / "PROJET DE LOI" line, where the dispositif starts.
/// </summary>
internal static partial class HtmlTextParser
{
    public static TextVersion Parse(string html, string source, TextFormat format)
    {
        var document = new HtmlParser().ParseDocument(html);
        // The Sénat page wraps the text in #wysiwyg; menus and footers around it also use <p>.
        var root = (IElement?)document.GetElementById("wysiwyg") ?? document.Body ?? document.DocumentElement;
        var blocks = Blocks(root).ToList();

        var accumulator = new ArticleAccumulator();
        for (var i = DispositifStart(blocks); i < blocks.Count && !accumulator.Ended; i++)
            accumulator.Feed(blocks[i]);

        var articles = accumulator.Articles;
        if (articles.Count == 0)
            throw new TextFormatException(source, "page HTML sans aucun article (« Article 1er », « Article 2 »…) : ce n'est pas le texte d'un projet ou d'une proposition de loi.");

        return new TextVersion(Title(document), source, format, articles, Metadata(document));
    }

    /// <summary>Paragraphs and tables in document order; a table row is one paragraph, cells joined by " | ".</summary>
    private static IEnumerable<string> Blocks(IElement root)
    {
        foreach (var element in root.QuerySelectorAll("p, table, h1, h2, h3, h4"))
        {
            var enclosingTable = element.ParentElement?.Closest("table");
            if (enclosingTable is not null) continue; // read with its table
            if (element is IHtmlTableElement table)
            {
                foreach (var row in table.Rows)
                {
                    var cells = row.Cells.Select(c => TextClean.Normalize(TextOf(c))).Where(t => t.Length > 0).ToArray();
                    if (cells.Length > 0) yield return string.Join(" | ", cells);
                }
                continue;
            }
            yield return TextOf(element);
        }
    }

    private static int DispositifStart(List<string> blocks)
    {
        for (var i = 0; i < blocks.Count; i++)
        {
            var line = TextClean.Normalize(blocks[i]);
            if (ArticleNumbers.ParseHeading(line) is not null) return 0; // no exposé before the first article
            if (!ExposeTitle().IsMatch(line)) continue;
            for (var j = i + 1; j < blocks.Count; j++)
                if (BillTitle().IsMatch(TextClean.Normalize(blocks[j]))) return j + 1;
            return 0;
        }
        return 0;
    }

    /// <summary>Text content where &lt;br&gt; separates words and comments, scripts and styles say nothing.</summary>
    internal static string TextOf(INode node)
    {
        var sb = new StringBuilder();
        Append(node, sb);
        return sb.ToString();

        static void Append(INode node, StringBuilder sb)
        {
            foreach (var child in node.ChildNodes)
            {
                switch (child)
                {
                    case IText text:
                        sb.Append(text.Data);
                        break;
                    case IElement { LocalName: "br" }:
                        sb.Append(' ');
                        break;
                    case IElement { LocalName: "script" or "style" }:
                        break;
                    case IElement element:
                        Append(element, sb);
                        break;
                }
            }
        }
    }

    private static string Title(IDocument document)
    {
        var title = TextClean.Normalize(document.Title ?? "");
        if (title.Length > 0) return title;
        var meta = document.QuerySelector("meta[name='TITRE']")?.GetAttribute("content");
        return TextClean.Normalize(meta ?? "");
    }

    private static IReadOnlyDictionary<string, string> Metadata(IDocument document)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var meta in document.QuerySelectorAll("meta[name][content]"))
        {
            var name = meta.GetAttribute("name")!;
            var content = TextClean.Normalize(meta.GetAttribute("content")!);
            if (content.Length > 0) metadata.TryAdd(name, content);
        }
        return metadata;
    }

    [GeneratedRegex(@"^expos[ée] des motifs$", RegexOptions.IgnoreCase)]
    private static partial Regex ExposeTitle();

    [GeneratedRegex(@"^(?:PROJET|PROPOSITION) DE LOI(?: ORGANIQUE| CONSTITUTIONNELLE)?$", RegexOptions.IgnoreCase)]
    private static partial Regex BillTitle();
}
