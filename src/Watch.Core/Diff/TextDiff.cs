using Watch.Domain;
using Watch.Parsing.Texts;

namespace Watch.Diff;

/// <summary>What happened to one article between two versions of a bill.</summary>
public enum ArticleChangeKind
{
    /// <summary>Same number, same text.</summary>
    Unchanged,

    /// <summary>Same number, text changed.</summary>
    Modified,

    /// <summary>Recognised by its content under another number ("article 7 → article 10"); its text may also have changed.</summary>
    Renumbered,

    /// <summary>In the newer version only, or re-established after a deletion.</summary>
    Added,

    /// <summary>Gone from the newer version, or printed there as "(Supprimé)".</summary>
    Deleted,
}

/// <summary>What a changed figure measures.</summary>
public enum FigureKind { Date, Duration, Percentage, Amount, Year }

/// <summary>
/// A date, duration, rate, amount or year changed inside an article: « 31 mars 2025 » → « 1er mars 2027 »,
/// « douze mois » → « vingt-quatre mois ». Before is null for a figure that appears, After for one that goes.
/// </summary>
public sealed record FigureChange(FigureKind Kind, string? Before, string? After);

/// <summary>
/// One change inside an article's text, words as printed: <see cref="Deleted"/> replaced by <see cref="Inserted"/>
/// (either may be empty), with a few words of unchanged text on each side to place it, and the numbered
/// paragraph of the article it falls in (« II » for the alinéas after « II. – »), when the article has them.
/// </summary>
public sealed record TextEdit(string Deleted, string Inserted, string ContextBefore, string ContextAfter, string? Paragraph = null);

/// <summary>
/// One article's fate: its two versions (Before null when added, After null when it disappeared without a
/// "(Supprimé)" line), how similar their texts are (0–1), the word-level edits and the changed figures.
/// </summary>
public sealed record ArticleChange(
    ArticleChangeKind Kind,
    TextArticle? Before,
    TextArticle? After,
    double Similarity,
    IReadOnlyList<TextEdit> Edits,
    IReadOnlyList<FigureChange> Figures)
{
    /// <summary>
    /// Other older articles whose words this one took (ta0376: article 83 B (nouveau) takes up article 83, declared
    /// irrecevable; ppl11-290: article 2 takes up articles 3 and 4, struck out; pjl17-063: 8 bis takes up the part of
    /// article 4 split out). They stay different articles: the diff tells each one's fate, a watched article's followers
    /// follow its words.
    /// </summary>
    public IReadOnlyList<TextArticle> TakesUp { get; init; } = [];

    /// <summary>The text itself changed (Modified, or Renumbered with edits).</summary>
    public bool TextChanged => Edits.Count > 0;

    /// <summary>The number the article had, or null when it is new.</summary>
    public string? BeforeNumber => Before?.Number;

    /// <summary>The number it has now, or null when it disappeared.</summary>
    public string? AfterNumber => After?.Number;

    /// <summary>An annex's fate rather than an article's (annexes are only compared with annexes).</summary>
    public bool IsAnnex => (After ?? Before)!.IsAnnex;
}

/// <summary>
/// Two versions of a bill aligned article by article, in the newer version's order (deleted articles where
/// they stood). Unchanged articles are listed too, so a reader can tell "not changed" from "not found".
/// </summary>
public sealed record TextDiff(TextVersion Older, TextVersion Newer, IReadOnlyList<ArticleChange> Articles)
{
    public IEnumerable<ArticleChange> Changes => Articles.Where(a => a.Kind != ArticleChangeKind.Unchanged);

    public int Count(ArticleChangeKind kind) => Articles.Count(a => a.Kind == kind);

    /// <summary>The change that concerns the older version's article with that number, or null.</summary>
    public ArticleChange? ForOlder(string number)
    {
        var n = ArticleNumbers.Normalize(number);
        return Articles.FirstOrDefault(a => a.Before?.Number == n && a.Before.Alineas.Count > 0)
            ?? Articles.FirstOrDefault(a => a.Before?.Number == n);
    }

    /// <summary>The change that concerns the newer version's article with that number, or null.</summary>
    public ArticleChange? ForNewer(string number)
    {
        var n = ArticleNumbers.Normalize(number);
        return Articles.FirstOrDefault(a => a.After?.Number == n);
    }
}

/// <summary>
/// A bill text against the one before it (its previous version, or its dossier's earlier text): the two, and their
/// article diff, computed once for whoever decides on it and whoever tells it.
/// </summary>
public sealed record TextComparison(LegislativeText Before, LegislativeText After, TextDiff Diff)
{
    public static TextComparison Of(LegislativeText before, LegislativeText after) =>
        new(before, after, ArticleDiffer.Compare(TextVersion.OfStored(before), TextVersion.OfStored(after)));
}
