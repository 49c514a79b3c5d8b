namespace Watch.Parsing.Texts;

/// <summary>Which published form a text version was read from.</summary>
public enum TextFormat
{
    /// <summary>Bill page of the Assemblée nationale site: the old …/pion1890.asp pages and the current /dyn/opendata/{uid}.html.</summary>
    AssembleeHtml,

    /// <summary>Bill page of www.senat.fr (…/leg/pjl17-063.html).</summary>
    SenatHtml,

    /// <summary>Akoma Ntoso 3.0 XML, as the Sénat publishes its adopted texts (…akn.xml).</summary>
    AkomaNtoso,

    /// <summary>The per-step texte.json of La Fabrique de la Loi (derived, not official).</summary>
    LawFactoryJson,

    /// <summary>Plain text with "Article 1er", "Article 2 bis" lines.</summary>
    PlainText,
}

/// <summary>What the text itself says about an article, next to its number.</summary>
public enum ArticleStatus
{
    /// <summary>No mark.</summary>
    None,

    /// <summary>"(nouveau)": inserted at this reading.</summary>
    New,

    /// <summary>"(Supprimé)": the number stays, the text is gone.</summary>
    Deleted,

    /// <summary>"(Non modifié)", "(Conforme)": adopted in the same terms, sometimes printed without its text.</summary>
    Unmodified,
}

/// <summary>
/// One article of one version of a bill, as published.
/// </summary>
/// <param name="Number">
/// The number as published, normalised only where spelling differs between texts: "1er" and "premier"
/// become "1", Latin suffixes are lower case ("7 bis", "14 bis A"); "additionnel après l'article 7" is kept whole.
/// </param>
/// <param name="SectionPath">Headings the article sits under, outermost first ("TITRE Ier – …", "Chapitre II – …").</param>
/// <param name="Status">The mark printed next to the number, if any.</param>
/// <param name="StatusLabel">That mark exactly as printed ("nouveau", "Supprimé"), or null.</param>
/// <param name="Alineas">The article's paragraphs in reading order, plain text; "I. –", "1°" paragraphs are alinéas too.</param>
public sealed record TextArticle(
    string Number,
    IReadOnlyList<string> SectionPath,
    ArticleStatus Status,
    string? StatusLabel,
    IReadOnlyList<string> Alineas)
{
    /// <summary>The article's text, one alinéa per line.</summary>
    public string Text => string.Join('\n', Alineas);

    /// <summary>"Article 1er", "Article 7 bis", "Annexe A": how a French reader names it.</summary>
    public string Label => ArticleNumbers.ToLabel(Number);

    /// <summary>One of the annexes after the articles (« annexe A »), compared only with annexes.</summary>
    public bool IsAnnex => Domain.ArticleRef.IsAnnex(Number);

    /// <summary>A "(Supprimé)" or "(Conforme)" line printed in place of the article, without text.</summary>
    public bool IsPlaceholder => Alineas.Count == 0 && Status is ArticleStatus.Deleted or ArticleStatus.Unmodified;
}

/// <summary>
/// One version of a bill (as filed, as adopted by a chamber, as transmitted…), articles in reading order.
/// </summary>
/// <param name="Title">The text's title as published.</param>
/// <param name="Source">Where it was read from: the file name or the hint given by the caller.</param>
/// <param name="Format">The published form it was read from.</param>
/// <param name="Articles">Articles in reading order.</param>
/// <param name="Metadata">
/// What the file says about itself, key → value: Akoma Ntoso FRBR aliases ("signet-dossier-legislatif-senat",
/// "url-AN"…), AN page &lt;meta&gt; (NUMERO_DOCUMENT, URL_DOSSIER…), La Fabrique's "id"/"source".
/// </param>
public sealed record TextVersion(
    string Title,
    string Source,
    TextFormat Format,
    IReadOnlyList<TextArticle> Articles,
    IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>
    /// Who drew the text up, as an AN page's cover says it (« texte élaboré par la commission mixte paritaire » →
    /// « la commission mixte paritaire »); null when the cover does not say.
    /// </summary>
    public string? DraftedBy { get; init; }

    /// <summary>The articles in the form a <see cref="Domain.LegislativeText"/> keeps them (read back by <see cref="OfStored"/>).</summary>
    public IReadOnlyList<Domain.LegislativeArticle> StoredArticles() =>
        Articles.Select(a => new Domain.LegislativeArticle(a.Number, a.Label, a.SectionPath, a.StatusLabel, a.Text)).ToList();

    /// <summary>
    /// A stored text as a version the differ compares. Its published form is not kept; the articles, their marks
    /// and their alinéas (one per line) are.
    /// </summary>
    public static TextVersion OfStored(Domain.LegislativeText text) => new(
        text.Title,
        text.Id,
        TextFormat.AkomaNtoso,
        text.Articles.Select(a => new TextArticle(a.Number, a.SectionPath, ArticleNumbers.StatusOf(a.Mark), a.Mark, a.Text.Split('\n'))).ToList(),
        new Dictionary<string, string>());

    /// <summary>The first article with that number (same normalisation as <see cref="TextArticle.Number"/>), or null.</summary>
    public TextArticle? Article(string number)
    {
        var wanted = ArticleNumbers.Normalize(number);
        return Articles.FirstOrDefault(a => a.Number == wanted);
    }
}
