using Watch.Diff;
using Watch.Domain;
using Watch.Parsing.Texts;
using Watch.Relevance;

namespace Watch.Summaries;

/// <summary>
/// Which changed articles of a text made it relevant, for its message to show them first: those whose text (old or
/// new) holds a phrase the relevance matched in the text's body, as the classifier finds it. The relevance comes back
/// with those phrases placed: « « biométrique » (article 29 bis) » rather than « (texte) ».
/// </summary>
internal sealed record ChangedReasons(IReadOnlyList<ArticleChange> Leading, RelevanceResult Relevance)
{
    /// <summary>Articles named where a phrase stands; beyond, they are counted.</summary>
    private const int ArticlesNamed = 2;

    public static ChangedReasons Of(TextComparison comparison, RelevanceResult relevance)
    {
        var changes = comparison.Diff.Changes.ToList();
        var phrases = relevance.Matches.Where(m => m.Field == FieldNames.Body).Select(m => m.Phrase).Distinct().ToList();
        if (changes.Count == 0 || phrases.Count == 0) return new([], relevance);

        var wherePhrase = phrases.ToDictionary(p => p, _ => new List<ArticleChange>());
        var leading = new List<ArticleChange>();
        foreach (var change in changes)
        {
            var found = new[] { change.Before, change.After }.OfType<TextArticle>()
                .SelectMany(a => RelevanceClassifier.MentionedIn(a.Text, phrases, relevance.MaxGap)).Distinct().ToList();
            foreach (var phrase in found) wherePhrase[phrase].Add(change);
            if (found.Count > 0) leading.Add(change);
        }

        var placed = relevance.Matches.Select(m => m.Field == FieldNames.Body && wherePhrase[m.Phrase] is { Count: > 0 } found
            ? m with { Field = Place(found) }
            : m).ToList();
        return new(leading, relevance with { Matches = placed });
    }

    /// <summary>« article 29 bis », « articles 7 et 29 bis », « articles 7, 29 bis et 29 ter », « articles 7, 29 bis et 3 autres », « annexe A ».</summary>
    private static string Place(List<ArticleChange> changes) =>
        ArticleRef.NamedTogether(changes.Select(c => (c.After ?? c.Before)!.Number).Distinct().ToList(), ArticlesNamed);
}
