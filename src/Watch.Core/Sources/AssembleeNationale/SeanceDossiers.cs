using System.Text.RegularExpressions;
using Watch.Domain;
using Watch.Parsing;

namespace Watch.Sources.AssembleeNationale;

/// <summary>
/// Which dossier a vote is about, when the AN does not say: its <c>objet.dossierLegislatif</c> is empty in every
/// vote of the 17th legislature, but it names its séance, and the séance's agenda names each point's dossier.
/// The vote's question names the text (« l'amendement n° 3 de M. Vicot à l'article premier de la proposition de loi
/// relative au renforcement de la sûreté dans les transports (première lecture) ») the way the agenda point does
/// (« Suite de la discussion de la proposition de loi, adoptée par le Sénat, relative au renforcement de la sûreté
/// dans les transports »): the point of the same kind of text whose title shares clearly the most words wins.
/// On the 3,861 votes and 4,499 meetings of the corpus, 3,503 votes are joined on the agenda's words. Of the others,
/// 336 name a bill its commission retitled after the agenda was written (332 on the aide-à-mourir bill, whose point
/// still says « relative à la fin de vie »): they are joined through the titles of its texts, once stored. The rest name
/// no text (motions of censure, declarations of the Government), one whose point names no dossier, or their text as
/// another kind than their point does (V2634 calls the Djibouti treaty's projet de loi a « proposition de loi »).
/// </summary>
public static class SeanceDossiers
{
    /// <summary>Below this share of common title words (Jaccard), two titles are not the same text.</summary>
    private const double Similar = 0.25;

    /// <summary>The best point must beat the next one by this much, or the séance's texts are too alike to choose.</summary>
    private const double Margin = 0.15;

    /// <summary>
    /// The kinds of text, longest first so that « projet de loi organique » is not read as « projet de loi »; each with the
    /// kind two sentences must share (a vote may call a « proposition de résolution européenne » a « proposition de résolution »).
    /// </summary>
    private static readonly (string[] Words, string Kind)[] Kinds =
    [
        .. new[]
        {
            "projet de loi organique", "proposition de loi organique", "projet de loi constitutionnelle", "proposition de loi constitutionnelle",
            "proposition de résolution européenne", "projet de loi", "proposition de loi", "proposition de résolution",
        }.Select(kind => (FrenchText.Words(kind), kind.Replace(" européenne", "", StringComparison.Ordinal))),
    ];

    /// <summary>Words of procedure, not of the title: « adoptée par le Sénat », « après engagement de la procédure accélérée ».</summary>
    private static readonly HashSet<string> Procedure =
    [
        .. FrenchText.Words("adopté adoptée modifié modifiée rejeté rejetée transmis transmise Sénat Assemblée nationale après engagement "
            + "procédure accélérée lecture première deuxième nouvelle troisième définitive rapport texte commission mixte paritaire"),
    ];

    private static readonly Regex Parenthesis = new(@"\([^)]*\)", RegexOptions.CultureInvariant);

    /// <summary>
    /// The dossier of the séance point whose text the question names; null when no point clearly does. A point names its
    /// text by its own words, and by the titles of its dossier's texts when <paramref name="textTitles"/> gives them: the
    /// commission may retitle a bill after the agenda was written (« … visant à instaurer un dispositif de sanction
    /// contraventionnelle pour prévenir le développement des vignes non cultivées … » became « … instaurant des réponses
    /// adaptées et proportionnées pour prévenir notamment le développement des vignes non cultivées »), and the vote names
    /// the text it examines.
    /// </summary>
    public static string? DossierOf(string question, IEnumerable<AgendaItem> seancePoints, IReadOnlyDictionary<string, IReadOnlyList<string>>? textTitles = null)
    {
        if (Title(question) is not { } voted) return null;
        var candidates = seancePoints
            .Where(p => p.DossierRefs.Count == 1)
            .SelectMany(p => textTitles?.GetValueOrDefault(p.DossierRefs[0]) is { } texts ? [p.Subject, .. texts] : new[] { p.Subject },
                (p, title) => (Dossier: p.DossierRefs[0], Title: Title(title)))
            .Where(p => p.Title is { } t && t.Kind == voted.Kind)
            .GroupBy(p => p.Dossier)
            .Select(g => (Dossier: g.Key, Score: g.Max(p => Jaccard(voted.Words, p.Title!.Value.Words))))
            .OrderByDescending(p => p.Score)
            .ToList();
        if (candidates.Count == 0 || candidates[0].Score < Similar) return null;
        if (candidates.Count > 1 && candidates[0].Score - candidates[1].Score < Margin) return null;
        return candidates[0].Dossier;
    }

    /// <summary>Whether a question names a text (« … de la proposition de loi … »), which a dossier may then be found for; a motion of censure does not.</summary>
    public static bool NamesText(string question) => Title(question) is not null;

    /// <summary>The kind of text a sentence names (see <see cref="Kinds"/>) and the words of its title after it.</summary>
    private static (string Kind, HashSet<string> Words)? Title(string sentence)
    {
        var words = FrenchText.Words(Parenthesis.Replace(sentence, " "));
        for (var i = 0; i < words.Length; i++)
            foreach (var (kindWords, kind) in Kinds)
                if (words.AsSpan(i).StartsWith(kindWords))
                    return (kind, words[(i + kindWords.Length)..].Where(w => !FrenchText.StopWords.Contains(w) && !Procedure.Contains(w)).ToHashSet());
        return null;
    }

    private static double Jaccard(HashSet<string> a, HashSet<string> b) =>
        a.Count + b.Count == 0 ? 0 : (double)a.Count(b.Contains) / a.Union(b).Count();
}
