using System.Text.RegularExpressions;
using Watch.Domain;

namespace Watch.Versions;

/// <summary>A law article that calls for a décret, and the décret that answered it once published.</summary>
public sealed record DecreeCall(string Law, string Article, string? ResolvedBy, DateTimeOffset? Since = null);

/// <summary>
/// The link between a law and the décrets it calls for: « un décret en Conseil d'État fixe les modalités… »
/// in article 10 of loi n° 2023-380 makes that article await its décret; décret n° 2023-828, which cites
/// « l'article 10 de la loi n° 2023-380 », resolves it. Campaigners ask « is the décret out yet? » — this answers.
/// </summary>
public static partial class ImplementingDecrees
{
    /// <summary>The numbers of the articles of a law that call for a décret, as décrets cite them (« 1er » is « 1 »).</summary>
    public static IEnumerable<string> CallsOf(OfficialText law) =>
        law.IsLaw
            ? law.Articles.Where(a => CallsForDecree().IsMatch(a.Content)).Select(a => ArticleRef.NormalizeNumber(a.Number)).Distinct()
            : [];

    /// <summary>
    /// Whether one of these articles of the law calls for « des décrets » (« Des décrets en Conseil d'État
    /// déterminent… », « … définies par décrets »), so that more than one is awaited for it.
    /// </summary>
    public static bool CallsForDecrees(OfficialText law, IReadOnlyCollection<string> articles) =>
        law.Articles.Where(a => articles.Contains(ArticleRef.NormalizeNumber(a.Number)))
            .Any(a => CallsForDecree().Matches(a.Content).Any(m => m.Value.Contains("crets", StringComparison.OrdinalIgnoreCase)));

    /// <summary>The (law, article) pairs a décret says it applies: every « article N de la loi n° X » it cites.</summary>
    public static IEnumerable<(string Law, string Article)> AnswersOf(OfficialText decree) =>
        decree.Nature.Equals("DECRET", StringComparison.OrdinalIgnoreCase)
            ? decree.Citations.Where(c => c.ArticleNumber is not null).Select(c => (c.Number, c.ArticleNumber!)).Distinct()
            : [];

    /// <summary>
    /// « Un décret en Conseil d'État[, pris après avis de la CNIL,] fixe / précise / détermine… » (the avis with or
    /// without commas), « … sont fixées par décret », « … sont prévues par décret », « … dans des conditions définies
    /// par décret en Conseil d'État »; laws as often call for « des décrets » (« Des décrets en Conseil d'État
    /// déterminent… », « … définies par décrets en Conseil d'État »).
    /// </summary>
    [GeneratedRegex(@"\bd[ée]crets?(?:\s+en\s+Conseil\s+d['’][ÉE]tat|\s+simple)?(?:\s*,[^.;,]{0,200},|\s+pris\s+apr[èe]s\s+avis\b[^.;,]{0,200}?)?\s+(?:fixe(?:nt)?|pr[ée]cise(?:nt)?|d[ée]termine(?:nt)?|d[ée]fini(?:t|ssent)|pr[ée]vo(?:it|ient))\b|\b(?:fix[ée]e?s?|pr[ée]cis[ée]e?s?|d[ée]termin[ée]e?s?|d[ée]fini(?:e|s|es)?|pr[ée]vu(?:e|s|es)?)\s+par\s+(?:un\s+)?d[ée]crets?\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex CallsForDecree();
}
