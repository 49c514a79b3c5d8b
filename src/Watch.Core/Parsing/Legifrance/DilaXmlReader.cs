using System.Xml.Linq;
using Watch.Domain;

namespace Watch.Parsing.Legifrance;

/// <summary>One file of a DILA dump (LEGI or JORF fonds), by its root element.</summary>
public abstract record DilaDocument(string Id);

/// <summary><c>&lt;TEXTE_VERSION&gt;</c> (texte/version): a text's metadata, visas, signatories, nota; no articles yet.</summary>
public sealed record DilaTextVersion(OfficialText Text) : DilaDocument(Text.Id);

/// <summary><c>&lt;ARTICLE&gt;</c>: one article version.</summary>
public sealed record DilaArticle(OfficialArticle Article) : DilaDocument(Article.Id);

/// <summary>
/// <c>&lt;TEXTELR&gt;</c> (texte/struct) or <c>&lt;SECTION_TA&gt;</c>: the ordered children of a text or of a
/// section, articles and sections interleaved as published. Used to put a text's articles in reading order.
/// </summary>
public sealed record DilaStructure(string Id, string? Title, IReadOnlyList<DilaLink> Children) : DilaDocument(Id);

/// <summary>A child of a structure: an article version (LIEN_ART, labelled by its number) or a section (LIEN_SECTION_TA, by its title).</summary>
public sealed record DilaLink(string Id, bool IsSection, string? Label, string? State);

/// <summary>
/// Reads the XML files of the DILA open-data dumps (LEGI, JORF): TEXTE_VERSION, ARTICLE, TEXTELR and
/// SECTION_TA share one schema family across fonds; ids say which (JORFTEXT/JORFARTI vs LEGITEXT/LEGIARTI).
/// Every file goes through <see cref="SafeXml"/>: no DTD, no resolver.
/// </summary>
public static class DilaXmlReader
{
    /// <summary>Reads one file; throws <see cref="ParseException"/> for anything but the four known roots.</summary>
    public static DilaDocument Read(Stream xml, string input) =>
        ReadOrNull(CheckedXml.Load(xml, input), input, out var root)
            ?? throw new ParseException(input, $"root element <{root}> is not a DILA TEXTE_VERSION, ARTICLE, TEXTELR or SECTION_TA.");

    public static OfficialText ReadTextVersion(Stream xml, string input) =>
        Read(xml, input) is DilaTextVersion v ? v.Text : throw new ParseException(input, "expected a <TEXTE_VERSION> file.");

    public static OfficialArticle ReadArticle(Stream xml, string input) =>
        Read(xml, input) is DilaArticle a ? a.Article : throw new ParseException(input, "expected an <ARTICLE> file.");

    /// <summary>Null for a root this reader does not know (dump archives hold other files too).</summary>
    internal static DilaDocument? ReadOrNull(XDocument doc, string input, out string root)
    {
        var e = doc.Root!;
        root = e.Name.LocalName;
        return root switch
        {
            "TEXTE_VERSION" => new DilaTextVersion(TextVersion(e, input)),
            "ARTICLE" => new DilaArticle(Article(e, input)),
            "TEXTELR" => new DilaStructure(Required(e, input, "META", "META_COMMUN", "ID"), null,
                Links(Xml.Path(e, "STRUCT"), "LIEN_ART", "LIEN_SECTION_TA")),
            "SECTION_TA" => new DilaStructure(Required(e, input, "ID"), Xml.Text(e, "TITRE_TA"),
                Links(Xml.Path(e, "STRUCTURE_TA"), "LIEN_ART", "LIEN_SECTION_TA")),
            _ => null,
        };
    }

    private static OfficialText TextVersion(XElement e, string input)
    {
        var common = Xml.Path(e, "META", "META_COMMUN");
        var chronicle = Xml.Path(e, "META", "META_SPEC", "META_TEXTE_CHRONICLE");
        var version = Xml.Path(e, "META", "META_SPEC", "META_TEXTE_VERSION");
        var id = Required(e, input, "META", "META_COMMUN", "ID");
        var nature = Xml.Text(common, "NATURE") ?? throw new ParseException(input, $"text {id} has no META_COMMUN/NATURE.");
        var title = Xml.Text(version, "TITRE");
        var full = Xml.Text(version, "TITREFULL");
        var visas = Xml.Content(Xml.Path(e, "VISAS", "CONTENU"));
        var origin = Xml.Text(common, "ORIGINE") ?? (id.StartsWith("JORF", StringComparison.Ordinal) ? "JORF" : "LEGI");

        return new OfficialText
        {
            Id = id,
            Chamber = Chamber.JournalOfficiel,
            Url = LegifranceUrls.Text(id, nature),
            Nature = nature.ToUpperInvariant(),
            Origin = origin,
            Cid = Xml.Text(chronicle, "CID"),
            Number = Xml.Text(chronicle, "NUM"),
            Nor = Xml.Text(chronicle, "NOR"),
            PublicationDate = Xml.Date(Xml.Text(chronicle, "DATE_PUBLI")),
            SignatureDate = Xml.Date(Xml.Text(chronicle, "DATE_TEXTE")),
            ShortTitle = title ?? full ?? throw new ParseException(input, $"text {id} has neither TITRE nor TITREFULL."),
            FullTitle = full is not null && full != title ? full : null,
            State = Xml.Text(version, "ETAT"),
            InForceFrom = Xml.Date(Xml.Text(version, "DATE_DEBUT")),
            InForceUntil = Xml.Date(Xml.Text(version, "DATE_FIN")),
            Visas = visas,
            Signatories = Xml.Content(Xml.Path(e, "SIGNATAIRES", "CONTENU")),
            Nota = Xml.Content(Xml.Path(e, "NOTA", "CONTENU")),
            Citations = LawCitations.Extract(visas),
        };
    }

    private static OfficialArticle Article(XElement e, string input)
    {
        var id = Required(e, input, "META", "META_COMMUN", "ID");
        var meta = Xml.Path(e, "META", "META_SPEC", "META_ARTICLE");
        if (meta is null) throw new ParseException(input, $"article {id} has no META_SPEC/META_ARTICLE.");
        var text = Xml.Path(e, "CONTEXTE", "TEXTE");

        return new OfficialArticle
        {
            Id = id,
            Number = Xml.Text(meta, "NUM") ?? "",
            Origin = Xml.Text(e, "META", "META_COMMUN", "ORIGINE") ?? (id.StartsWith("JORF", StringComparison.Ordinal) ? "JORF" : "LEGI"),
            Url = LegifranceUrls.Article(id, (string?)text?.Attribute("nature")),
            State = Xml.Text(meta, "ETAT"),
            StartDate = Xml.Date(Xml.Text(meta, "DATE_DEBUT")),
            EndDate = Xml.Date(Xml.Text(meta, "DATE_FIN")),
            TextCid = NullIfEmpty((string?)text?.Attribute("cid")),
            TextTitle = TextTitle(text),
            Context = Headings(text),
            Content = Xml.Content(Xml.Path(e, "BLOC_TEXTUEL", "CONTENU")),
            Nota = Xml.Content(Xml.Path(e, "NOTA", "CONTENU")),
            Versions = (Xml.Path(e, "VERSIONS")?.Elements("VERSION").Elements("LIEN_ART") ?? [])
                .Select(l => new OfficialArticleVersion(
                    (string?)l.Attribute("id") ?? "",
                    NullIfEmpty((string?)l.Attribute("num")),
                    NullIfEmpty((string?)l.Attribute("etat")),
                    Xml.Date((string?)l.Attribute("debut")),
                    Xml.Date((string?)l.Attribute("fin"))))
                .Where(v => v.Id.Length > 0)
                .ToList(),
        };
    }

    /// <summary>A text may carry several TITRE_TXT (one per period of its title); the current one ends last.</summary>
    private static string? TextTitle(XElement? text) =>
        text?.Elements("TITRE_TXT").OrderBy(t => (string?)t.Attribute("fin")).LastOrDefault()?.Value.Trim() is { Length: > 0 } t ? t : null;

    /// <summary>CONTEXTE/TEXTE/TM nests one level per heading; each TM may hold several TITRE_TM versions.</summary>
    private static List<string> Headings(XElement? text)
    {
        var headings = new List<string>();
        var tm = text?.Element("TM");
        while (tm is not null)
        {
            var title = tm.Elements("TITRE_TM").OrderBy(t => (string?)t.Attribute("fin")).LastOrDefault()?.Value.Trim();
            if (!string.IsNullOrEmpty(title)) headings.Add(title);
            tm = tm.Element("TM");
        }
        return headings;
    }

    private static List<DilaLink> Links(XElement? parent, string articleName, string sectionName) =>
        (parent?.Elements() ?? [])
            .Where(l => l.Name.LocalName == articleName || l.Name.LocalName == sectionName)
            .Select(l => new DilaLink(
                (string?)l.Attribute("id") ?? "",
                l.Name.LocalName == sectionName,
                NullIfEmpty((string?)l.Attribute("num")) ?? NullIfEmpty(l.Value.Trim()),
                NullIfEmpty((string?)l.Attribute("etat"))))
            .Where(l => l.Id.Length > 0)
            .ToList();

    private static string Required(XElement e, string input, params string[] path) =>
        Xml.Text(e, path) ?? throw new ParseException(input, $"<{e.Name.LocalName}> has no {string.Join('/', path)}.");

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
