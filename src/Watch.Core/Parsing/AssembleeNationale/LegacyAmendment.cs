using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AngleSharp.Dom;
using Watch.Domain;

namespace Watch.Parsing.AssembleeNationale;

/// <summary>
/// An AN amendment as the Assemblée published them before its open data, for the XIIIth to XVth legislatures and
/// still online: the XML of its séance application, eliasse (<c>&lt;amendement&gt;</c>), and the amendment's page
/// on the old site (<c>/14/amendements/0996/CION_LOIS/CL4.asp</c>: its fields in <c>meta</c> tags, its words in
/// <c>&lt;dispositif&gt;</c> and <c>&lt;expose&gt;</c>). Neither gives an open-data uid: the amendment is known by
/// its legislature, its text's number and its own number (<see cref="AnLegacyText"/>). A rectified amendment
/// (« 135 (Rect) », « 177 (2ème Rect) ») is the same amendment: its number keeps the mark, its key and page do not.
/// </summary>
public static partial class LegacyAmendment
{
    /// <param name="root">The document's <c>&lt;amendement&gt;</c> element.</param>
    public static Amendment FromEliasse(XElement root, string input)
    {
        var text = TextOf(Required(Xml.Text(root, "texte", "numeroLegislature"), input, "texte/numeroLegislature"),
            Required(Xml.Text(root, "texte", "numBibard"), input, "texte/numBibard"), input);
        var number = Required(Xml.Text(root, "numeroLong"), input, "numeroLong");
        var designation = Xml.Text(root, "division", "divisionDesignation");
        var additional = Xml.Text(root, "division", "articleAdditionnel") == "1" || Xml.Text(root, "division", "avantApres") is "Avant" or "Apres";
        var author = Xml.Path(root, "auteur");
        // A commission's amendments are filed in its own folder (« CION-SOC »), which only the PDF's address gives; the
        // séance's in « AN ». Failing both, the article of the text it amends.
        var page = Xml.Text(root, "urlPDF") is { } pdf ? PageOf(pdf)
            : Xml.Text(root, "examen", "organeSaisi") == "Séance publique" ? AnUrls.OldSite($"/{text.Legislature}/amendements/{text.Number:0000}/AN/{Uri.EscapeDataString(Unrectified(number))}.asp")
            : Xml.Text(root, "division", "urlDivisionTexteVise") is { } division ? AnUrls.OldSite(division)
            : throw new ParseException(input, "legacy AN amendment without the address of its PDF (urlPDF) or of the article it amends (division/urlDivisionTexteVise).");
        return Build(text, number, page,
            parent: Xml.Text(root, "numeroParent"),
            article: designation is null ? null : ArticleRef.FromDesignation(designation, additional || AmendmentParser.NamesNewArticle(designation)),
            // Its entities escaped twice (« M.&amp;#160;Bapt »): read once by the XML, once here.
            authors: HtmlText.ToPlainText(Xml.Text(root, "listeDesSignataires")),
            authorType: Xml.Text(author, "estGouvernement") == "1" ? "Gouvernement" : Xml.Text(author, "estRapporteur") == "1" ? "Rapporteur" : "Député",
            dispositif: HtmlText.ToPlainText(Xml.Text(root, "dispositif")),
            expose: HtmlText.ToPlainText(Xml.Text(root, "exposeSommaire")),
            state: EliasseState(root),
            sort: Xml.Text(root, "sortEnSeance"),
            deposited: Day(Xml.Text(root, "dateDepot")),
            published: Day(Xml.Text(root, "datePublication")),
            // The sitting's start when it was decided in one, else the day its outcome was entered.
            decided: DateTime.TryParseExact(Xml.Text(root, "seance", "debut"), "dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var sitting) ? ParisTime.At(sitting)
                : Midnight(Day(Xml.Text(root, "dateSaisieSort"))));
    }

    /// <summary>
    /// The state eliasse gives in a code, as betagouv/zam reads it: withdrawn (before or after publication), or found
    /// inadmissible when its code is none of those of an amendment on its way (AT, T, ER, R, AC, DI).
    /// </summary>
    private static string EliasseState(XElement root)
    {
        if (Xml.Text(root, "retireAvantPublication") == "1" || Xml.Text(root, "retireApresPublication") == "1") return "Retiré";
        return Xml.Text(root, "etat") switch
        {
            "AT" => "À traiter",
            "T" => "Traité",
            "ER" => "En recevabilité",
            "R" => "Recevable",
            "AC" => "À discuter",
            "DI" => AmendmentStatus.Discussed,
            null => "",
            _ => "Irrecevable",
        };
    }

    /// <summary>Whether an old-site page is an amendment's: its number is in a <c>meta</c> tag.</summary>
    public static bool IsPage(IDocument page) => Meta(page, "NUM_AMTXT") is not null;

    public static Amendment FromPage(IDocument page, string input)
    {
        var designation = Meta(page, "DESIGNATION_ARTICLE");
        var pdf = page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!)
            .FirstOrDefault(href => href.Contains("/amendements/", StringComparison.Ordinal) && href.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase));
        var url = pdf is not null ? PageOf(pdf)
            : Meta(page, "URL_DIVISION") is { } division ? AnUrls.OldSite(division)
            : throw new ParseException(input, "legacy AN amendment page without a link to its PDF or the address of the article it amends (meta URL_DIVISION).");
        return Build(TextOf(Required(Meta(page, "LEGISLATURE"), input, "meta LEGISLATURE"), Required(Meta(page, "NUM_INIT"), input, "meta NUM_INIT"), input),
            number: Required(Meta(page, "NUM_AMTXT"), input, "meta NUM_AMTXT"),
            page: url,
            parent: Meta(page, "AMEND_PARENT"),
            article: designation is null ? null : ArticleRef.FromDesignation(designation, AmendmentParser.NamesNewArticle(designation)),
            authors: HtmlText.ToPlainText(Meta(page, "AUTEURS")),
            authorType: null,
            dispositif: HtmlText.ToPlainText(page.QuerySelector("dispositif")?.InnerHtml),
            expose: HtmlText.ToPlainText(page.QuerySelector("expose")?.InnerHtml),
            state: "",
            sort: Meta(page, "SORT"),
            deposited: Day(Meta(page, "DATE_BADAGE")),
            published: null,
            decided: Midnight(Day(Meta(page, "DATE_SORT"))));
    }

    private static Amendment Build(AnLegacyText text, string number, string page, string? parent, ArticleRef? article, string authors,
        string? authorType, string dispositif, string expose, string state, string? sort, DateOnly? deposited, DateOnly? published, DateTimeOffset? decided)
    {
        // « null; » is how eliasse writes a sitting not yet held. Undecided, it has no day of decision.
        sort = sort is null or "null;" ? null : sort;
        return new Amendment
        {
            Id = text.AmendmentKey(Unrectified(number)),
            Chamber = Chamber.AssembleeNationale,
            Url = page,
            Number = number,
            TextRef = text.Key,
            ParentRef = string.IsNullOrEmpty(parent) ? null : text.AmendmentKey(Unrectified(parent)),
            Article = article,
            Authors = authors,
            AuthorType = authorType,
            Dispositif = dispositif,
            ExposeSommaire = expose,
            State = state,
            Sort = sort,
            DepositDate = deposited,
            PublicationDate = published,
            DecisionDate = sort is null ? null : decided,
        };
    }

    private static string Unrectified(string number) => RectificationMark().Replace(number, "");

    private static AnLegacyText TextOf(string legislature, string number, string input) =>
        int.TryParse(legislature, NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l is > 0 and < 100
        && int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? new AnLegacyText(new Legislature(l), n)
            : throw new ParseException(input, $"legacy AN amendment of text « {number} » of legislature « {legislature} »: expected two numbers.");

    /// <summary>The amendment's page, from its PDF's address (« /15/amendements/1408/CION-SOC/AS1.pdf »).</summary>
    private static string PageOf(string pdf) => AnUrls.OldSite(pdf[..^".pdf".Length] + ".asp");

    private static string? Meta(IDocument page, string name) =>
        page.QuerySelector($"meta[name='{name}']")?.GetAttribute("content")?.Trim() is { Length: > 0 } value ? value : null;

    private static DateOnly? Day(string? value) =>
        DateOnly.TryParseExact(value, "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static DateTimeOffset? Midnight(DateOnly? day) => day is { } d ? ParisTime.At(d.ToDateTime(TimeOnly.MinValue)) : null;

    private static string Required(string? value, string input, string field) =>
        value ?? throw new ParseException(input, $"legacy AN amendment without {field}.");

    [GeneratedRegex(@"\s*\([^()]*Rect\)$")]
    private static partial Regex RectificationMark();
}
