using System.Text.RegularExpressions;

namespace Watch.Parsing.Texts;

/// <summary>
/// Turns the flat run of paragraphs a bill page is made of (HTML &lt;p&gt;, plain-text lines) into articles:
/// headings "Article 7 bis" open an article, "TITRE II" / "Chapitre Ier" / "Section 2" headings set the path,
/// the paragraph after such a heading is its title, a per-article "Exposé des motifs" (PLFSS) is skipped,
/// and "Délibéré en séance publique", "Fait à Paris" or an "ANNEXE A" heading end the dispositif.
/// <para>
/// The annexes that follow (a finance bill's « ANNEXE A », a programming law's « ANNEXE » carrying the « rapport
/// annexé ») are part of what Parliament votes: each one is read as an article numbered « annexe A » (see
/// <see cref="Domain.ArticleRef.AnnexHeading"/>), its title its first alinéa, every paragraph up to the next annex an
/// alinéa, headings included. The signature block between the articles and the annexes is skipped; « Vu pour être
/// annexé » and the AN's link to the impact study end the text. An article heading of a number not read yet ends an
/// annex: a paragraph that merely began with « ANNEXE » inside the dispositif does not swallow the articles after it.
/// </para>
/// </summary>
internal sealed partial class ArticleAccumulator
{
    private readonly List<TextArticle> _articles = [];
    private readonly List<(int Level, string Label)> _sections = [];
    private IReadOnlyList<string>? _numbers; // several for "Articles 108 à 110 (Supprimés)"
    private ArticleStatus _status;
    private string? _statusLabel;
    private IReadOnlyList<string> _path = [];
    private List<string> _alineas = [];
    private bool _awaitingSectionTitle;
    private bool _inExpose;
    private bool _signed;
    private bool _inAnnex;

    public bool Ended { get; private set; }

    public IReadOnlyList<TextArticle> Articles
    {
        get
        {
            Flush();
            return _articles;
        }
    }

    /// <param name="paragraph">One paragraph of the page, as printed.</param>
    /// <param name="mayBeHeading">
    /// False when the page itself says the paragraph is an alinéa (the Assemblée's classed pages): a quoted
    /// « Article 3 » or « TITRE II » inside an article then stays text.
    /// </param>
    public void Feed(string paragraph, bool mayBeHeading = true)
    {
        if (Ended) return;
        var line = TextClean.Normalize(paragraph);
        if (line.Length == 0) return;

        // Before the first article an "ANNEXE AU RAPPORT" or a signature block belongs to the cover page.
        if (_numbers is not null || _articles.Count > 0)
        {
            if (Domain.ArticleRef.AnnexHeading(line) is var (number, title))
            {
                Flush();
                _numbers = [number];
                _path = [];
                (_inAnnex, _signed, _awaitingSectionTitle) = (true, false, false);
                // « ANNEXE<br>Stratégie nationale d'orientation de l'action publique »: the title in the heading's paragraph.
                if (title is not null) _alineas.Add(title);
                return;
            }
            if (EndOfText().IsMatch(line))
            {
                Flush();
                Ended = true;
                return;
            }
            if (Signature().IsMatch(line) || AnnexesHeading().IsMatch(line))
            {
                Flush();
                _signed = true;
                return;
            }
        }
        if (_signed) return;
        if (_inAnnex)
        {
            if (!(mayBeHeading && ArticleNumbers.ParseHeadings(line) is { } next && next.All(n => !_articles.Any(a => a.Number == n.Number))))
            {
                if (!Rule().IsMatch(line)) _alineas.Add(line);
                return;
            }
            _inAnnex = false;
        }

        if (mayBeHeading && ArticleNumbers.ParseHeadings(line) is { } headings)
        {
            Flush();
            _numbers = headings.Select(h => h.Number).ToArray();
            (_, _status, _statusLabel) = headings[0];
            _path = _sections.Select(s => s.Label).ToArray();
            _awaitingSectionTitle = false;
            _inExpose = false;
            return;
        }

        if (mayBeHeading && SectionLevel(line) is { } level)
        {
            Flush();
            _sections.RemoveAll(s => s.Level >= level);
            _sections.Add((level, line.TrimEnd(' ', ':')));
            _awaitingSectionTitle = true;
            _inExpose = false;
            return;
        }

        if (_awaitingSectionTitle)
        {
            _awaitingSectionTitle = false;
            if (line.Length <= 400 && _sections.Count > 0)
            {
                var last = _sections[^1];
                _sections[^1] = (last.Level, $"{last.Label} – {line}");
                return;
            }
        }

        if (_numbers is null) return; // cover page, preamble

        if (ExposeHeading().IsMatch(line))
        {
            _inExpose = true;
            return;
        }
        if (_inExpose) return;

        if (_alineas.Count == 0 && ArticleNumbers.StandaloneStatus(line) is { } label)
        {
            _status = ArticleNumbers.StatusOf(label);
            _statusLabel = label;
            return;
        }

        _alineas.Add(line);
    }

    private void Flush()
    {
        if (_numbers is null) return;
        foreach (var number in _numbers)
            _articles.Add(new TextArticle(number, _path, _status, _statusLabel, _alineas));
        _numbers = null;
        _status = ArticleStatus.None;
        _statusLabel = null;
        _alineas = [];
        _inExpose = false;
    }

    /// <summary>Depth of a division heading: partie 0, livre 1, titre 2, chapitre 3, section 4, sous-section 5, paragraphe 6.</summary>
    internal static int? SectionLevel(string line)
    {
        if (line.Length > 80) return null;
        if (Partie().IsMatch(line)) return 0;
        var m = Division().Match(line);
        if (!m.Success) return null;
        return m.Groups["kind"].Value.ToLowerInvariant() switch
        {
            "livre" => 1,
            "titre" => 2,
            "chapitre" => 3,
            "section" => 4,
            "sous-section" => 5,
            _ => 6,
        };
    }

    [GeneratedRegex(@"^(?:PREMI[EÈ]RE|DEUXI[EÈ]ME|TROISI[EÈ]ME|QUATRI[EÈ]ME|CINQUI[EÈ]ME|SIXI[EÈ]ME|SEPTI[EÈ]ME|HUITI[EÈ]ME)\s+PARTIE\s*:?$", RegexOptions.IgnoreCase)]
    private static partial Regex Partie();

    [GeneratedRegex(@"^(?<kind>livre|titre|chapitre|section|sous-section|paragraphe)\s+(?:[IVXLC]+(?:er)?|\d+(?:er)?|premier|pr[ée]liminaire|unique)(?:\s+(?:bis|ter|quater|quinquies|sexies|[A-Z]))*\s*(?:\([^()]{1,80}\))?\s*:?$", RegexOptions.IgnoreCase)]
    private static partial Regex Division();

    [GeneratedRegex(@"^expos[ée] des motifs\s*:?$", RegexOptions.IgnoreCase)]
    private static partial Regex ExposeHeading();

    /// <summary>« Délibéré en séance publique, à Paris, le … », « Fait à Paris, le … »: a place, not « Fait à partir de … ».</summary>
    [GeneratedRegex(@"^(?:D[ée]lib[ée]r[ée] en s[ée]ance publique|Fait à \p{Lu})")]
    private static partial Regex Signature();

    /// <summary>A rule drawn under a title (« _________ »).</summary>
    [GeneratedRegex(@"^[_\-=*.\s]{3,}$")]
    private static partial Regex Rule();

    /// <summary>The Sénat's « ANNEXES » above its annexes.</summary>
    [GeneratedRegex(@"^ANNEXES$")]
    private static partial Regex AnnexesHeading();

    /// <summary>
    /// The Sénat's « Vu pour être annexé au projet de loi adopté par … », the last line of the text; the AN's « L'étude
    /// d'impact de ce projet est disponible au format pdf. », a link below it.
    /// </summary>
    [GeneratedRegex(@"^(?:Vu pour être annexé|L'étude d'impact de ce projet)")]
    private static partial Regex EndOfText();
}
