using Microsoft.Extensions.Options;
using Watch.Domain;

namespace Watch.Relevance;

/// <summary>
/// Decides whether an item is about surveillance, and says why. Each topic's phrases are compiled once
/// into word sequences indexed by their first word, so an item is read in one pass over its words.
/// </summary>
public sealed class RelevanceClassifier
{
    private readonly WatchlistOptions _options;
    private readonly Dictionary<string, List<CompiledPhrase>> _byFirstWord = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[][]> _exclusions = new();
    private readonly HashSet<string> _tracked;

    private sealed record CompiledPhrase(string Topic, string Text, string[] Words, double Weight);

    public RelevanceClassifier(IOptions<WatchlistOptions> options)
    {
        _options = options.Value;
        if (_options.Topics.Count == 0) throw new InvalidOperationException("The watchlist has no topics: check config/watchlist.json.");
        foreach (var topic in _options.Topics)
        {
            foreach (var phrase in topic.Phrases) Add(topic.Id, phrase, 1.0);
            foreach (var phrase in topic.WeakPhrases) Add(topic.Id, phrase, 0.5);
            _exclusions[topic.Id] = topic.Exclusions.Select(Compile).Where(w => w.Length > 0).ToArray();
        }
        _tracked = new HashSet<string>(_options.Tracked, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<TopicOptions> Topics => _options.Topics;

    private void Add(string topic, string phrase, double weight)
    {
        var words = Compile(phrase);
        if (words.Length == 0) throw new InvalidOperationException($"Watchlist topic '{topic}': phrase '{phrase}' has no words once normalised.");
        if (!_byFirstWord.TryGetValue(words[0], out var list)) _byFirstWord[words[0]] = list = [];
        // Variants written for readers (« caméra », « caméras ») fold to the same words: keep the first.
        if (list.Any(p => p.Topic == topic && p.Words.AsSpan().SequenceEqual(words))) return;
        list.Add(new CompiledPhrase(topic, phrase, words, weight));
    }

    private static string[] Compile(string phrase) =>
        FrenchText.Words(phrase).Where(w => !FrenchText.StopWords.Contains(w)).ToArray();

    public RelevanceResult Classify(WatchItem item) => Classify(item.Fields, item.TrackingKeys);

    public RelevanceResult Classify(IEnumerable<ItemField> fields, IEnumerable<string> trackingKeys)
    {
        var matches = new List<RelevanceMatch>();
        var score = 0.0;
        var seen = new HashSet<(string Topic, string Phrase, string Field)>();
        var weighted = new List<(RelevanceMatch Match, double Weight, int Length)>();

        foreach (var key in trackingKeys)
        {
            if (!_tracked.Contains(key)) continue;
            matches.Add(new RelevanceMatch("suivi", key, RelevanceResult.TrackedField));
            score += _options.Threshold;
        }

        foreach (var field in fields)
        {
            if (string.IsNullOrWhiteSpace(field.Text)) continue;
            var weight = _options.FieldWeights.GetValueOrDefault(field.Name, 1.0);
            foreach (var (phrase, _) in LongestMatches(FrenchText.Words(field.Text)))
            {
                if (!seen.Add((phrase.Topic, phrase.Text, field.Name))) continue;
                weighted.Add((new RelevanceMatch(phrase.Topic, phrase.Text, field.Name), phrase.Weight * weight, phrase.Words.Length));
                score += phrase.Weight * weight;
            }
        }
        // Strongest reasons first: they are the ones a message has room for.
        matches.AddRange(weighted.OrderByDescending(w => w.Weight).ThenByDescending(w => w.Length).Select(w => w.Match));

        var topics = matches.Where(m => m.Field != RelevanceResult.TrackedField).Select(m => m.Topic).Distinct().ToList();
        return new RelevanceResult(score >= _options.Threshold, Math.Round(score, 2), topics, matches);
    }

    /// <summary>
    /// Every phrase occurrence, keeping only the longest where they overlap: « techniques de renseignement »
    /// is one match, not also « renseignement »; a phrase in another topic over the same words still counts.
    /// </summary>
    private IEnumerable<(CompiledPhrase Phrase, int Start)> LongestMatches(string[] words)
    {
        var found = new List<(CompiledPhrase Phrase, int Start, int End)>();
        for (var i = 0; i < words.Length; i++)
        {
            if (!_byFirstWord.TryGetValue(words[i], out var candidates)) continue;
            foreach (var phrase in candidates)
                if (MatchEnd(words, i, phrase.Words) is { } end && !IsExcluded(words, i, phrase.Topic))
                    found.Add((phrase, i, end));
        }
        var kept = new List<(CompiledPhrase Phrase, int Start, int End)>();
        foreach (var match in found.OrderByDescending(m => m.End - m.Start).ThenBy(m => m.Start))
        {
            var covered = kept.Any(k => k.Phrase.Topic == match.Phrase.Topic && k.Start <= match.Start && match.End <= k.End)
                || kept.Any(k => k.Start <= match.Start && match.End <= k.End && k.Phrase.Weight > match.Phrase.Weight);
            if (!covered) kept.Add(match);
        }
        return kept.Select(k => (k.Phrase, k.Start));
    }

    private bool MatchesAt(string[] words, int start, string[] phrase) => MatchEnd(words, start, phrase) is not null;

    /// <summary>Each next word of the phrase must follow within <see cref="WatchlistOptions.MaxGap"/> words.</summary>
    private int? MatchEnd(string[] words, int start, string[] phrase)
    {
        var at = start;
        for (var k = 1; k < phrase.Length; k++)
        {
            var found = -1;
            for (var j = at + 1; j <= Math.Min(words.Length - 1, at + 1 + _options.MaxGap); j++)
                if (words[j] == phrase[k]) { found = j; break; }
            if (found < 0) return null;
            at = found;
        }
        return at;
    }

    private bool IsExcluded(string[] words, int at, string topic)
    {
        var exclusions = _exclusions[topic];
        if (exclusions.Length == 0) return false;
        var from = Math.Max(0, at - _options.ExclusionWindow);
        var to = Math.Min(words.Length - 1, at + _options.ExclusionWindow);
        foreach (var exclusion in exclusions)
            for (var i = from; i <= to; i++)
                if (words[i] == exclusion[0] && MatchesAt(words, i, exclusion)) return true;
        return false;
    }
}
