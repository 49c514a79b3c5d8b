using System.Formats.Tar;
using System.IO.Compression;
using System.Xml.Linq;
using Watch.Domain;

namespace Watch.Parsing.Legifrance;

/// <summary>
/// Puts a text together from the separate files DILA publishes for it: its TEXTE_VERSION, its ARTICLE files
/// (each names its text in CONTEXTE/TEXTE@cid) and, when present, the TEXTELR/SECTION_TA structures that give
/// the reading order. This is how a JORF daily archive (…/JORF_YYYYMMDD-HHMMSS.tar.gz) delivers a new text.
/// </summary>
public static class DilaTextAssembler
{
    /// <summary>
    /// The text with its articles (those whose TextCid is the text's CID or id) in reading order, and the laws
    /// cited by its visas and articles. Without a structure, articles are ordered by id, which DILA allocates in
    /// publication order.
    /// </summary>
    public static OfficialText Assemble(OfficialText text, IEnumerable<OfficialArticle> articles, IEnumerable<DilaStructure>? structures = null)
    {
        var key = text.Cid ?? text.Id;
        var own = articles.Where(a => a.TextCid == key || a.TextCid == text.Id)
            .GroupBy(a => a.Id).Select(g => g.First())
            .ToDictionary(a => a.Id);

        var ordered = new List<OfficialArticle>();
        var byId = (structures ?? []).GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.First());
        if (byId.TryGetValue(text.Id, out var root) || (text.Cid is not null && byId.TryGetValue(text.Cid, out root)))
            Walk(root, byId, own, ordered, new HashSet<string>());
        ordered.AddRange(own.Values.Where(a => !ordered.Contains(a)).OrderBy(a => a.Id, StringComparer.Ordinal));
        return WithArticles(text, ordered);
    }

    /// <summary>The text with these articles, in this order, and the laws its visas and these articles cite.</summary>
    public static OfficialText WithArticles(OfficialText text, IReadOnlyList<OfficialArticle> ordered) => text with
    {
        Articles = ordered,
        Citations = LawCitations.Extract(new[] { text.Visas }.Concat(ordered.Select(a => a.Content))),
    };

    private static void Walk(DilaStructure node, Dictionary<string, DilaStructure> structures,
        Dictionary<string, OfficialArticle> articles, List<OfficialArticle> into, HashSet<string> visited)
    {
        if (!visited.Add(node.Id)) return; // a malformed dump must not loop
        foreach (var child in node.Children)
        {
            if (!child.IsSection)
            {
                if (articles.TryGetValue(child.Id, out var a) && !into.Contains(a)) into.Add(a);
            }
            else if (structures.TryGetValue(child.Id, out var section))
            {
                Walk(section, structures, articles, into, visited);
            }
        }
    }

    /// <summary>Groups the documents of a dump by text and assembles each text that has a TEXTE_VERSION.</summary>
    public static IReadOnlyList<OfficialText> AssembleAll(IEnumerable<DilaDocument> documents)
    {
        var docs = documents.ToList();
        var articles = docs.OfType<DilaArticle>().Select(a => a.Article).ToList();
        var structures = docs.OfType<DilaStructure>().ToList();
        return docs.OfType<DilaTextVersion>()
            .Select(v => Assemble(v.Text, articles, structures))
            .ToList();
    }
}
