using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Watch.Parsing.Texts;

/// <summary>
/// Bill pages of the AN site (old <c>.asp</c> pages and the current <c>/dyn/opendata/{uid}.html</c>) and of
/// www.senat.fr. All are flat runs of &lt;p&gt; (Word exports): article headings are whole paragraphs
/// ("Article 4 bis (nouveau)"), divisions too ("TITRE II", "Chapitre Ier"), tables are tables. The exposé
/// des motifs, when the page carries one, comes before a second "PROPOSITION DE LOI" / "PROJET DE LOI"
/// line, where the dispositif starts. The current AN pages also name each paragraph's role in its class
/// (<c>assnat9ArticleNum</c>, <c>assnat4TitreNum</c>, <c>assnatLoiTexte</c>…), which is then trusted over the wording.
/// </summary>
internal static partial class HtmlTextParser
{
    public static TextVersion Parse(string html, string source, TextFormat format)
    {
        var document = new HtmlParser().ParseDocument(html);
        // The Sénat page wraps the text in #wysiwyg; menus and footers around it also use <p>.
        var root = (IElement?)document.GetElementById("wysiwyg") ?? document.Body ?? document.DocumentElement;
        var accumulator = new ArticleAccumulator();
        var classed = document.QuerySelector("p[class^='assnat9ArticleNum']") is not null;
        if (classed)
        {
            foreach (var (text, mayBeHeading) in ClassedBlocks(root))
                accumulator.Feed(text, mayBeHeading);
        }
        else
        {
            var blocks = Blocks(root).ToList();
            for (var i = DispositifStart(blocks); i < blocks.Count && !accumulator.Ended; i++)
                accumulator.Feed(blocks[i]);
        }

        var articles = accumulator.Articles;
        if (articles.Count == 0)
            throw new TextFormatException(source, "page HTML sans aucun article (« Article 1er », « Article 2 »…) : ce n'est pas le texte d'un projet ou d'une proposition de loi.");

        var cover = classed ? CoverLines(document) : [];
        return new TextVersion(CoverTitle(cover) ?? Title(document), source, format, articles, Metadata(document)) { DraftedBy = CoverDraftedBy(cover) };
    }

    /// <summary>
    /// Paragraphs of a classed AN page with whether each may open an article or a division: only the
    /// article and division classes may; alinéas (<c>assnatLoiTexte</c>), tables, and the same classes
    /// ending in 0 (articles and divisions quoted inside an article) may not.
    /// </summary>
    private static IEnumerable<(string Text, bool MayBeHeading)> ClassedBlocks(IElement root)
    {
        foreach (var element in root.QuerySelectorAll("p, table"))
        {
            if (element.ParentElement?.Closest("table") is not null) continue;
            if (element is IHtmlTableElement table)
            {
                foreach (var row in table.Rows)
                {
                    var cells = row.Cells.Select(c => TextClean.Normalize(TextOf(c))).Where(t => t.Length > 0).ToArray();
                    if (cells.Length > 0) yield return (string.Join(" | ", cells), false);
                }
                continue;
            }
            if (element.ClassList.Contains("assnat9ArticleNum"))
                yield return (HeadingOf(element), true); // a PLFSS heading continues with the article's title after a <br>
            else if (element.ClassList.Any(DivisionClass().IsMatch))
                yield return (TextOf(element), true);
            else
                yield return (TextOf(element), false);
        }
    }

    /// <summary>The text of a heading up to its first line break.</summary>
    private static string HeadingOf(IElement heading)
    {
        var sb = new StringBuilder();
        foreach (var child in heading.ChildNodes)
        {
            if (child is IElement { LocalName: "br" }) break;
            sb.Append(child is IElement e ? TextOf(e) : child.TextContent);
        }
        return sb.ToString();
    }

    /// <summary>The non-empty lines of a classed AN page's cover (<c>div.assnatSection1</c>); none without one.</summary>
    private static List<string> CoverLines(IDocument document) =>
        document.QuerySelector("div.assnatSection1")?.QuerySelectorAll("p").Select(p => TextClean.Normalize(TextOf(p))).Where(t => t.Length > 0).ToList() ?? [];

    /// <summary>
    /// The bill's title from the cover of a classed AN page, whose &lt;title&gt; is only the uid: the
    /// "PROJET DE LOI" line and the line after it (« sur la justice criminelle et le respect des victimes »).
    /// </summary>
    private static string? CoverTitle(List<string> lines)
    {
        var kind = lines.FindIndex(l => BillTitle().IsMatch(l));
        if (kind < 0 || kind + 1 >= lines.Count) return null;
        var label = lines[kind];
        return $"{label[..1]}{label[1..].ToLowerInvariant()} {lines[kind + 1]}";
    }

    /// <summary>
    /// Who drew the text up, from the cover of a classed AN page: « texte élaboré par » (one line, or two as the CMP's
    /// cover prints it: « texte ÉLABORÉ PAR » / « LA Commission Mixte Paritaire ») → « la commission mixte paritaire ».
    /// </summary>
    private static string? CoverDraftedBy(List<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var m = DraftedBy().Match(lines[i]);
            if (!m.Success) continue;
            var by = m.Groups["by"].Success ? m.Groups["by"].Value : i + 1 < lines.Count ? lines[i + 1] : "";
            return by.Length > 0 ? by.ToLowerInvariant() : null;
        }
        return null;
    }

    [GeneratedRegex(@"^texte\s+élaboré\s+par(?:\s+(?<by>.+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex DraftedBy();

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

    /// <summary>Division headings and titles (assnat4TitreNum, assnat5ChapitreIntit…), not their quoted "…0" forms.</summary>
    [GeneratedRegex(@"^assnat[1-8][A-Za-z-]+(?:Num|Intit)$")]
    private static partial Regex DivisionClass();

    [GeneratedRegex(@"^expos[ée] des motifs$", RegexOptions.IgnoreCase)]
    private static partial Regex ExposeTitle();

    [GeneratedRegex(@"^(?:PROJET|PROPOSITION) DE LOI(?: ORGANIQUE| CONSTITUTIONNELLE)?$", RegexOptions.IgnoreCase)]
    private static partial Regex BillTitle();
}
