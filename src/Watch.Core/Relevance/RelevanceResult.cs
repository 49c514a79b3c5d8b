namespace Watch.Relevance;

/// <summary>Which phrase of which topic matched in which field: the explanation a user reads.</summary>
public sealed record RelevanceMatch(string Topic, string Phrase, string Field);

public sealed record RelevanceResult(bool Relevant, double Score, IReadOnlyList<string> Topics, IReadOnlyList<RelevanceMatch> Matches)
{
    public static readonly RelevanceResult None = new(false, 0, [], []);

    /// <summary>« reconnaissance faciale » (dispositif), « caméras » (exposeSommaire) — for messages and logs.</summary>
    public string Explain(int max = int.MaxValue)
    {
        var shown = Matches.Take(max).Select(m => m.Field == TrackedField ? $"suivi : {m.Phrase}" : $"« {m.Phrase} » ({m.Field})");
        var more = Matches.Count > max ? $" et {Matches.Count - max} autre(s)" : "";
        return string.Join(", ", shown) + more;
    }

    public const string TrackedField = "suivi";

    /// <summary>Each matched topic's own score (every phrase once, in its best field), reported topics or not.</summary>
    public IReadOnlyDictionary<string, double> TopicScores { get; init; } = new Dictionary<string, double>();
}
