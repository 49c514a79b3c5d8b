using System.Globalization;
using System.Xml.Linq;
using AngleSharp.Dom;
using Watch.Domain;

namespace Watch.Parsing.AssembleeNationale;

/// <summary>
/// An AN amendment as the Assemblée published them before its open data, for the XIIIth to XVth legislatures and
/// still online: the XML of its séance application, eliasse (<c>&lt;amendement&gt;</c>), and the amendment's page
/// on the old site (<c>/14/amendements/0996/CION_LOIS/CL4.asp</c>: its fields in <c>meta</c> tags, its words in
/// <c>&lt;dispositif&gt;</c> and <c>&lt;expose&gt;</c>). Neither gives an open-data uid: the amendment is known by
/// its legislature, its text's number and its own number (« an:amendement:14:996:CL4 »), its text by the first two
/// (« an:14:996 »). Both give the outcome of the sitting, not the day it was decided on.
/// </summary>
public static class LegacyAmendment
{
    private const string Site = "https://www.assemblee-nationale.fr";

    /// <param name="root">The document's <c>&lt;amendement&gt;</c> element.</param>
    public static Amendment FromEliasse(XElement root, string input)
    {
        var legislature = Required(Xml.Text(root, "texte", "numeroLegislature"), input, "texte/numeroLegislature");
        var text = Required(Xml.Text(root, "texte", "numBibard"), input, "texte/numBibard");
        var number = Required(Xml.Text(root, "numeroLong"), input, "numeroLong");
        var designation = Xml.Text(root, "division", "divisionDesignation");
        var additional = Xml.Text(root, "division", "articleAdditionnel") == "1" || Xml.Text(root, "division", "avantApres") is "Avant" or "Apres";
        var author = Xml.Path(root, "auteur");
        // A commission's amendments are filed in its own folder (« CION-SOC »), which only the PDF's address gives; the
        // séance's in « AN ». Failing both, the article of the text it amends.
        var page = Xml.Text(root, "urlPDF") is { } pdf ? PageOf(pdf)
            : Xml.Text(root, "examen", "organeSaisi") == "Séance publique" ? $"{Site}/{legislature}/amendements/{Number(text, input):0000}/AN/{Uri.EscapeDataString(number)}.asp"
            : Xml.Text(root, "division", "urlDivisionTexteVise") is { } division ? Absolute(division)
            : throw new ParseException(input, "legacy AN amendment without the address of its PDF (urlPDF) or of the article it amends (division/urlDivisionTexteVise).");
        return Build(input, legislature, text, number, page,
            parent: Xml.Text(root, "numeroParent"),
            article: designation is null ? null : ArticleRef.FromDesignation(designation, additional || AmendmentParser.NamesNewArticle(designation)),
            // Its entities escaped twice (« M.&amp;#160;Bapt »): read once by the XML, once here.
            authors: HtmlText.ToPlainText(Xml.Text(root, "listeDesSignataires")),
            authorType: Xml.Text(author, "estGouvernement") == "1" ? "Gouvernement" : Xml.Text(author, "estRapporteur") == "1" ? "Rapporteur" : "Député",
            dispositif: HtmlText.ToPlainText(Xml.Text(root, "dispositif")),
            expose: HtmlText.ToPlainText(Xml.Text(root, "exposeSommaire")),
            sort: Xml.Text(root, "sortEnSeance"),
            deposited: Day(Xml.Text(root, "dateDepot")),
            published: Day(Xml.Text(root, "datePublication")));
    }

    /// <summary>Whether an old-site page is an amendment's: its number is in a <c>meta</c> tag.</summary>
    public static bool IsPage(IDocument page) => Meta(page, "NUM_AMTXT") is not null;

    public static Amendment FromPage(IDocument page, string input)
    {
        var designation = Meta(page, "DESIGNATION_ARTICLE");
        var pdf = page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!)
            .FirstOrDefault(href => href.Contains("/amendements/", StringComparison.Ordinal) && href.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase));
        var url = pdf is not null ? PageOf(pdf)
            : Meta(page, "URL_DIVISION") is { } division ? Absolute(division)
            : throw new ParseException(input, "legacy AN amendment page without a link to its PDF or the address of the article it amends (meta URL_DIVISION).");
        return Build(input,
            legislature: Required(Meta(page, "LEGISLATURE"), input, "meta LEGISLATURE"),
            text: Required(Meta(page, "NUM_INIT"), input, "meta NUM_INIT"),
            number: Required(Meta(page, "NUM_AMTXT"), input, "meta NUM_AMTXT"),
            page: url,
            parent: Meta(page, "AMEND_PARENT"),
            article: designation is null ? null : ArticleRef.FromDesignation(designation, AmendmentParser.NamesNewArticle(designation)),
            authors: HtmlText.ToPlainText(Meta(page, "AUTEURS")),
            authorType: null,
            dispositif: HtmlText.ToPlainText(page.QuerySelector("dispositif")?.InnerHtml),
            expose: HtmlText.ToPlainText(page.QuerySelector("expose")?.InnerHtml),
            sort: Meta(page, "SORT"),
            deposited: Day(Meta(page, "DATE_BADAGE")),
            published: null);
    }

    private static Amendment Build(string input, string legislature, string text, string number, string page, string? parent,
        ArticleRef? article, string authors, string? authorType, string dispositif, string expose, string? sort, DateOnly? deposited, DateOnly? published)
    {
        var (l, t) = (Number(legislature, input), Number(text, input));
        // « null; » is how eliasse writes a sitting not yet held.
        sort = sort is null or "null;" ? null : sort;
        return new Amendment
        {
            Id = $"an:amendement:{l}:{t}:{number}",
            Chamber = Chamber.AssembleeNationale,
            Url = page,
            Number = number,
            TextRef = $"an:{l}:{t}",
            ParentRef = string.IsNullOrEmpty(parent) ? null : $"an:amendement:{l}:{t}:{parent}",
            Article = article,
            Authors = authors,
            AuthorType = authorType,
            Dispositif = dispositif,
            ExposeSommaire = expose,
            // Its state is a code no documentation explains (« DI »): its outcome alone says where it stands.
            State = "",
            Sort = sort,
            DepositDate = deposited,
            PublicationDate = published,
        };
    }

    /// <summary>The amendment's page, from its PDF's address (« /15/amendements/1408/CION-SOC/AS1.pdf »).</summary>
    private static string PageOf(string pdf) => Absolute(pdf[..^".pdf".Length] + ".asp");

    private static string Absolute(string path) => new Uri(new Uri(Site), path).AbsoluteUri;

    private static int Number(string value, string input) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
            : throw new ParseException(input, $"legacy AN amendment with « {value} » for a legislature or a text's number.");

    private static string? Meta(IDocument page, string name) =>
        page.QuerySelector($"meta[name='{name}']")?.GetAttribute("content")?.Trim() is { Length: > 0 } value ? value : null;

    private static DateOnly? Day(string? value) =>
        DateOnly.TryParseExact(value, "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static string Required(string? value, string input, string field) =>
        value ?? throw new ParseException(input, $"legacy AN amendment without {field}.");
}
