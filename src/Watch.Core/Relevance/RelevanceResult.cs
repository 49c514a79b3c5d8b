using Watch.Domain;

namespace Watch.Relevance;

/// <summary>Which phrase of which topic matched in which field: the explanation a user reads.</summary>
public sealed record RelevanceMatch(string Topic, string Phrase, string Field);

public sealed record RelevanceResult(bool Relevant, double Score, IReadOnlyList<string> Topics, IReadOnlyList<RelevanceMatch> Matches)
{
    public static readonly RelevanceResult None = new(false, 0, [], []);

    /// <summary>
    /// « reconnaissance faciale » (dispositif, exposé sommaire), « caméras » (exposé sommaire) — for messages and logs:
    /// a phrase found in several fields is shown once, so that it does not take the place of another.
    /// </summary>
    /// <param name="followed">How a message names a key the item follows (« loi n° 2025-532 » for « loi:2025-532 »); the
    /// key as it is otherwise, as logs and stored reasons keep it.</param>
    public string Explain(int max = int.MaxValue, Func<string, string>? followed = null)
    {
        var phrases = Matches.GroupBy(m => (Tracked: m.Field == TrackedField, m.Phrase)).ToList();
        var shown = phrases.Take(max).Select(p => p.Key.Tracked
            ? $"suivi : {(followed is null ? p.Key.Phrase : followed(p.Key.Phrase))}"
            : $"« {p.Key.Phrase} » ({string.Join(", ", p.Select(m => FieldNames.Label(m.Field)).Distinct())})");
        var more = phrases.Count > max ? $" et {phrases.Count - max} autre(s)" : "";
        return string.Join(", ", shown) + more;
    }

    public const string TrackedField = "suivi";

    /// <summary>
    /// A followed key as a reader knows it: an article « PIONANR5L17B0134#9 » as « article 9 (PPL sûreté dans les
    /// transports : …) » with the watchlist's label, else « article 83 B (ta0376) »; a dossier or text key as it is.
    /// </summary>
    public static string TrackedPhrase(string key, string? label = null)
    {
        var hash = key.IndexOf('#');
        if (hash < 0) return string.IsNullOrEmpty(label) ? key : $"{key} ({label})";
        return $"{ArticleRef.Named(key[(hash + 1)..])} ({(string.IsNullOrEmpty(label) ? key[..hash] : label)})";
    }

    /// <summary>Each matched topic's own score (every phrase once, in its best field), reported topics or not.</summary>
    public IReadOnlyDictionary<string, double> TopicScores { get; init; } = new Dictionary<string, double>();

    /// <summary>
    /// The most words the classifier allowed between two words of a phrase: a message that looks for where a matched
    /// phrase stands (<see cref="RelevanceClassifier.MentionedIn"/>) must allow as many, or miss what was matched.
    /// </summary>
    public int MaxGap { get; init; } = WatchlistOptions.DefaultMaxGap;
}
