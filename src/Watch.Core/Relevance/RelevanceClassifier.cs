using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using Watch.Domain;
using Watch.Parsing;

namespace Watch.Relevance;

/// <summary>
/// Decides whether an item is about surveillance, and on which topics, and says why. Every phrase of the
/// watchlist (topic phrases, exclusions, dampeners, context) is compiled once into a word sequence indexed by
/// its first word, so each field is read in one pass over its words.
/// <para>
/// Rules, in the order they apply: a topic phrase is dropped when one of the topic's exclusions is near it in
/// the same sentence; a weak phrase counts as strong when the same sentence holds one of the topic's context
/// phrases, or (for topics that allow it) when the sentence says what the amendment or the amended article does;
/// a phrase counts once per item, in its best field; a phrase an exposé uses in passing (outside its sentences on
/// what the amendment does) counts for less, unless the dispositif is too brief to say it; a topic's score is
/// dampened when the item elsewhere shows it is about something else (spraying drones); a law's name met as a weak
/// phrase (« piège du narcotrafic », « LOPMI ») does not count towards relevance, only says which law a relevant item
/// touches; a topic is reported only when its own score reaches the topic minimum, so an incidental mention does not
/// add its topic, and an item on a watched article takes another topic only from what it itself says it does.
/// </para>
/// </summary>
public sealed class RelevanceClassifier
{
    private enum Kind { Strong, Weak, Exclusion, Dampener, Context, Subject }

    /// <param name="Breaks">The sentence ends the phrase itself holds: « L. 851-3 » one, as its text does.</param>
    private sealed record Pattern(Kind Kind, string Topic, string Text, string[] Words, int Breaks)
    {
        public bool IsTopicPhrase => Kind is Kind.Strong or Kind.Weak;
    }

    private readonly record struct Occurrence(Pattern Pattern, int Start, int End, int Sentence);

    private sealed record ScannedField(string Name, double Weight, int Words, List<Occurrence> Phrases, List<Occurrence> Markers, HashSet<int> SubjectSentences);

    private const string AnyTopic = "";
    private const double StrongWeight = 1.0;
    private const double WeakWeight = 0.5;

    private readonly WatchlistOptions _options;
    private readonly Dictionary<string, List<Pattern>> _byFirstWord = new(StringComparer.Ordinal);
    /// <summary>Every word a text's words are compared with: the phrases' and <see cref="ArticleWords"/>.</summary>
    private readonly HashSet<string> _vocabulary = new(ArticleWords, StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _known;
    /// <summary>
    /// For each length and first letter of a vocabulary word, the set of its last letters (a bit each): most of a
    /// text's words are ruled out by one look at it, before being hashed.
    /// </summary>
    private readonly ulong[] _shapes = new ulong[32 * 64];
    private readonly Dictionary<string, TopicOptions> _topicsById = new(StringComparer.Ordinal);
    private readonly HashSet<string> _tracked;
    private readonly Dictionary<string, WatchedArticleOptions> _watched;
    private readonly double _topicMinimum;
    private readonly HashSet<string> _supportingFields;

    public RelevanceClassifier(IOptions<WatchlistOptions> options)
    {
        _options = options.Value;
        if (_options.Topics.Count == 0) throw new InvalidOperationException("The watchlist has no topics: check config/watchlist.json.");
        foreach (var topic in _options.Topics)
        {
            if (!_topicsById.TryAdd(topic.Id, topic)) throw new InvalidOperationException($"Watchlist topic '{topic.Id}' is defined twice.");
            foreach (var phrase in topic.Phrases) Add(Kind.Strong, topic.Id, phrase);
            foreach (var phrase in topic.WeakPhrases) Add(Kind.Weak, topic.Id, phrase);
            foreach (var phrase in topic.Exclusions) Add(Kind.Exclusion, topic.Id, phrase);
            foreach (var phrase in topic.Dampeners) Add(Kind.Dampener, topic.Id, phrase);
            foreach (var phrase in topic.Context) Add(Kind.Context, topic.Id, phrase);
        }
        foreach (var phrase in _options.SubjectPhrases) Add(Kind.Subject, AnyTopic, phrase);
        _tracked = new HashSet<string>(_options.Tracked, StringComparer.OrdinalIgnoreCase);
        _watched = new Dictionary<string, WatchedArticleOptions>(StringComparer.OrdinalIgnoreCase);
        foreach (var article in _options.WatchedArticles)
        {
            if (string.IsNullOrWhiteSpace(article.Key) || !article.Key.Contains('#'))
                throw new InvalidOperationException($"Watched article '{article.Key}': the key must be « texte#article », e.g. « PIONANR5L17B0907#8 bis ».");
            foreach (var topic in article.Topics)
                if (!_topicsById.ContainsKey(topic)) throw new InvalidOperationException($"Watched article '{article.Key}': unknown topic '{topic}'.");
            if (!_watched.TryAdd(article.Key, article)) throw new InvalidOperationException($"Watched article '{article.Key}' is listed twice.");
        }
        _known = _vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var word in _vocabulary) _shapes[ShapeOf(word)] |= LastLetterOf(word);
        _topicMinimum = _options.TopicMinimum ?? _options.Threshold;
        _supportingFields = new HashSet<string>(_options.SupportingFields, StringComparer.Ordinal);
    }

    public IReadOnlyList<TopicOptions> Topics => _options.Topics;

    /// <summary>The watched articles of one text (« PIONANR5L17B0134 »), as configured.</summary>
    public IEnumerable<WatchedArticleOptions> WatchedArticlesOf(string textName) =>
        _watched.Values.Where(a => a.Key.StartsWith(textName + "#", StringComparison.OrdinalIgnoreCase));

    private void Add(Kind kind, string topic, string phrase)
    {
        // « cet article » is not « article »: subject phrases keep the determiners other phrases may skip.
        var words = kind == Kind.Subject ? FrenchText.Words(phrase) : Compile(phrase);
        if (words.Length == 0) throw new InvalidOperationException($"Watchlist topic '{topic}': {kind} phrase '{phrase}' has no words once normalised.");
        _vocabulary.UnionWith(words);
        if (!_byFirstWord.TryGetValue(words[0], out var list)) _byFirstWord[words[0]] = list = [];
        var breaks = SentenceBreaks(phrase);
        // Variants written for readers (« caméra », « caméras ») fold to the same words: keep the first, unless this one
        // holds a full stop the first has not (« L.851-3 », « L. 851-3 »): texts write both.
        var same = list.FindIndex(p => p.Kind == kind && p.Topic == topic && p.Words.AsSpan().SequenceEqual(words));
        if (same < 0) list.Add(new Pattern(kind, topic, phrase, words, breaks));
        else if (list[same].Breaks < breaks) list[same] = list[same] with { Breaks = breaks };
    }

    private static string[] Compile(string phrase) =>
        FrenchText.Words(phrase).Where(w => !FrenchText.StopWords.Contains(w)).ToArray();

    /// <summary>The sentence ends a phrase holds (« L. 851-3 »: one), as many as a match of it may span.</summary>
    private static int SentenceBreaks(string phrase)
    {
        var sentences = new List<int>();
        FrenchText.WordsAndSentences(phrase, _ => OtherWord, [], sentences);
        return sentences.Count == 0 ? 0 : sentences[^1] - sentences[0];
    }

    /// <summary>
    /// Which of <paramref name="phrases"/> (phrases a relevance matched) <paramref name="text"/> holds, as
    /// <see cref="Classify(WatchItem)"/> finds them: folded, singular, their stop words skipped, at most
    /// <paramref name="maxGap"/> words between two of their words (the result's <see cref="RelevanceResult.MaxGap"/>).
    /// Exclusions are not looked at: this says where a phrase that matched stands (which article of a text, which line
    /// of a convocation). Like a match, a mention does not run on into the next sentence.
    /// </summary>
    public static List<string> MentionedIn(string text, IEnumerable<string> phrases, int maxGap)
    {
        var (words, sentences) = (new List<string>(), new List<int>());
        FrenchText.WordsAndSentences(text, word => new string(word), words, sentences);
        return phrases.Where(phrase => Mentions(CollectionsMarshal.AsSpan(words), sentences, phrase, maxGap)).ToList();
    }

    private static bool Mentions(ReadOnlySpan<string> words, List<int> sentences, string phrase, int maxGap)
    {
        var compiled = Compile(phrase);
        if (compiled.Length == 0) return false;
        var breaks = SentenceBreaks(phrase);
        for (var i = 0; i < words.Length; i++)
            if (words[i] == compiled[0] && MatchEnd(words, i, compiled, maxGap) is { } end && sentences[end] - sentences[i] <= breaks) return true;
        return false;
    }

    public RelevanceResult Classify(WatchItem item) => Classify(item.Fields, item.TrackingKeys);

    public RelevanceResult Classify(IEnumerable<ItemField> fields, IEnumerable<string> trackingKeys)
    {
        var fieldList = fields as IReadOnlyCollection<ItemField> ?? fields.ToList();
        var designation = ArticleDesignation.Of(fieldList.FirstOrDefault(f => f.Name == FieldNames.Article)?.Text);

        var leading = new List<RelevanceMatch>();
        var score = 0.0;
        var forced = false;
        var watchedTopics = new List<string>();
        foreach (var key in trackingKeys)
        {
            if (_tracked.Contains(key))
            {
                leading.Add(new RelevanceMatch("suivi", RelevanceResult.TrackedPhrase(key), RelevanceResult.TrackedField));
                score += _options.Threshold;
                forced = true;
            }
            // « après l'article 8 » creates a new article: it is not the watched article 8.
            if (!designation.Additional && _watched.TryGetValue(key, out var article))
            {
                forced = true;
                score += _options.Threshold;
                foreach (var topic in article.Topics)
                {
                    if (!watchedTopics.Contains(topic)) watchedTopics.Add(topic);
                    leading.Add(new RelevanceMatch(topic, RelevanceResult.TrackedPhrase(article.Key, article.Label), RelevanceResult.TrackedField));
                }
            }
        }

        var scanned = new List<ScannedField>();
        var dampened = new HashSet<string>(StringComparer.Ordinal);
        // The lists serve every field in turn, and every item this thread classifies: nothing keeps them past this call.
        var (wordList, sentenceList) = (t_words ??= [], t_sentences ??= []);
        foreach (var field in fieldList)
        {
            if (string.IsNullOrWhiteSpace(field.Text)) continue;
            FrenchText.WordsAndSentences(field.Text, word => Name(word, designation), wordList, sentenceList);
            ReadOnlySpan<string> words = CollectionsMarshal.AsSpan(wordList);
            ReadOnlySpan<int> sentences = CollectionsMarshal.AsSpan(sentenceList);
            var (phrases, markers) = Find(words, sentences);
            var subjects = new HashSet<int>();
            foreach (var m in markers)
            {
                // « cet article 10 de la loi … » names another article; the amended one is found by its designation.
                if (m.Pattern.Kind == Kind.Subject && !(m.End + 1 < words.Length && IsArticleNumber(words[m.End + 1]))) subjects.Add(m.Sentence);
                else if (m.Pattern.Kind == Kind.Dampener) dampened.Add(m.Pattern.Topic);
            }
            if (!designation.Additional) designation.MarkSentences(words, sentences, subjects);
            scanned.Add(new ScannedField(field.Name, _options.FieldWeights.GetValueOrDefault(field.Name, 1.0), words.Length, phrases, markers, subjects));
        }
        // A whole bill's words are not kept for the next amendment.
        if (wordList.Capacity > MaxKeptWords) (t_words, t_sentences) = (null, null);

        // A phrase counts once per item, where it weighs most; every (phrase, field) stays in the explanation.
        // « Focus » is what the amendment itself says it does: its dispositif, and in supporting fields (the exposé)
        // only the sentences saying what the amendment or the amended article does. What is said in passing counts
        // less towards relevance (evidence), but still names the topics of an item relevant on other grounds.
        var best = new Dictionary<(string Topic, string Phrase), double>();
        var bestFocus = new Dictionary<(string Topic, string Phrase), double>();
        var evidence = new Dictionary<(string Topic, string Phrase), double>();
        var weighted = new Dictionary<(string Topic, string Phrase, string Field), (double Weight, int Length)>();
        // « Supprimer cet article. » enacts in three words what its exposé describes: the exposé is then the only
        // account of what the amendment does, and nothing in it is said in passing.
        var enacting = scanned.Where(f => !_supportingFields.Contains(f.Name) && f.Name != FieldNames.Article).Sum(f => f.Words);
        var passingWeight = enacting < _options.BriefEnactment ? 1.0 : _options.PassingWeight;
        foreach (var field in scanned)
        {
            var supporting = _supportingFields.Contains(field.Name);
            foreach (var occurrence in field.Phrases)
            {
                var pattern = occurrence.Pattern;
                if (IsExcluded(occurrence, field.Markers)) continue;
                var focus = !supporting || field.SubjectSentences.Contains(occurrence.Sentence);
                var strong = pattern.Kind == Kind.Strong || IsPromoted(occurrence, field);
                var weight = strong ? StrongWeight : WeakWeight;
                weight *= field.Weight * (dampened.Contains(pattern.Topic) ? _options.DampenFactor : 1.0);
                var counted = focus ? weight : weight * passingWeight;
                var key = (pattern.Topic, pattern.Text, field.Name);
                if (!weighted.TryGetValue(key, out var known) || known.Weight < counted) weighted[key] = (counted, pattern.Words.Length);
                Keep(best, (pattern.Topic, pattern.Text), weight);
                // Every amendment of a bill may name it: the name says which law, not that the item is about surveillance.
                if (strong || !_topicsById[pattern.Topic].AssignedOnMention) Keep(evidence, (pattern.Topic, pattern.Text), counted);
                if (focus) Keep(bestFocus, (pattern.Topic, pattern.Text), weight);
            }
        }

        var topicScores = Sum(best);
        var focusScores = Sum(bestFocus);
        score += Sum(evidence).Values.Sum();
        var relevant = forced || score >= _options.Threshold;
        var topics = ChooseTopics(topicScores, focusScores, watchedTopics);
        // Relevant from several weak hints of different topics: the strongest one says what it is about.
        if (relevant && topics.Count == 0 && topicScores.Count > 0) topics.Add(topicScores.MaxBy(t => t.Value).Key);

        // The reasons for the topics reported first, strongest first: they are the ones a message has room for.
        var matches = leading.Concat(weighted
                .OrderByDescending(w => topics.Contains(w.Key.Topic)).ThenByDescending(w => w.Value.Weight).ThenByDescending(w => w.Value.Length)
                .Select(w => new RelevanceMatch(w.Key.Topic, w.Key.Phrase, w.Key.Field)))
            .ToList();
        return new RelevanceResult(relevant, Math.Round(score, 2), topics, matches)
        {
            TopicScores = topicScores.ToDictionary(t => t.Key, t => Math.Round(t.Value, 2)),
            MaxGap = _options.MaxGap,
        };
    }

    /// <summary>
    /// A word the classifier may compare with, as its own string; any other word as <see cref="OtherWord"/>, which
    /// matches nothing. Numbers and the amended article's own number words (« 8 », « unique », « A ») stay themselves:
    /// they tell which article a sentence names.
    /// </summary>
    private string Name(ReadOnlySpan<char> word, ArticleDesignation designation)
    {
        if ((_shapes[ShapeOf(word)] & LastLetterOf(word)) != 0 && _known.TryGetValue(word, out var known)) return known;
        if (char.IsDigit(word[0])) return new string(word);
        foreach (var number in designation.Number)
            if (word.SequenceEqual(number)) return number;
        return OtherWord;
    }

    private static int ShapeOf(ReadOnlySpan<char> word) => Math.Min(word.Length, 31) * 64 + (word[0] & 63);

    private static ulong LastLetterOf(ReadOnlySpan<char> word) => 1UL << (word[^1] & 63);

    /// <summary>A dump classifies 130,000 items on a few threads: their word lists (~6 KB an amendment) are reused, not reallocated.</summary>
    [ThreadStatic] private static List<string>? t_words;
    [ThreadStatic] private static List<int>? t_sentences;
    private const int MaxKeptWords = 16_384;

    /// <summary>Not a word: folded text has no spaces.</summary>
    private const string OtherWord = " ";

    /// <summary>The words <see cref="ArticleDesignation"/> and <see cref="IsArticleNumber"/> look for in a text.</summary>
    private static readonly string[] ArticleWords =
        ["article", "premier", "1er", "bi", "bis", "ter", "quater", "quinquie", "quinquies", "sexie", "sexies", "septie", "septies", "octie", "octies"];

    private static void Keep(Dictionary<(string Topic, string Phrase), double> best, (string Topic, string Phrase) key, double weight)
    {
        if (best.GetValueOrDefault(key) < weight) best[key] = weight;
    }

    private static Dictionary<string, double> Sum(Dictionary<(string Topic, string Phrase), double> best)
    {
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var ((topic, _), weight) in best) sums[topic] = sums.GetValueOrDefault(topic) + weight;
        return sums;
    }

    /// <summary>
    /// The topics an item is about. When what the amendment itself says (its focus) reaches the topic minimum
    /// for some topics, those are its topics: an exposé that mentions biometrics in passing while arguing about
    /// drones does not add biometrics. Otherwise (« Supprimer cet article » and an exposé) the whole text decides,
    /// keeping the topics close to the best one; but an item on a watched article has that article's topics, and others
    /// only from its focus (an exposé contrasting sound capture with intelligence techniques is not about them). Topics
    /// naming a law (<see cref="TopicOptions.AssignedOnMention"/>) are reported whenever cited, wherever (the caller
    /// reports topics only for relevant items).
    /// </summary>
    private List<string> ChooseTopics(Dictionary<string, double> scores, Dictionary<string, double> focus, List<string> watched)
    {
        var topics = new List<string>(watched);
        var focused = focus.Where(t => t.Value >= _topicMinimum && !_topicsById[t.Key].AssignedOnMention).Select(t => t.Key).ToHashSet();
        var top = scores.Where(t => !_topicsById[t.Key].AssignedOnMention).Select(t => t.Value).DefaultIfEmpty(0).Max();
        foreach (var (topic, value) in scores.OrderByDescending(t => t.Value))
        {
            if (topics.Contains(topic)) continue;
            // A law named even once, weakly (« sûreté dans les transports »), tells which law a relevant item touches.
            if (_topicsById[topic].AssignedOnMention) { topics.Add(topic); continue; }
            if (value < _topicMinimum) continue;
            var chosen = focused.Count > 0 || watched.Count > 0 ? focused.Contains(topic) : value >= _options.TopicShareOfBest * top;
            if (chosen) topics.Add(topic);
        }
        return topics;
    }

    /// <summary>
    /// Every occurrence of a watchlist phrase. Topic phrases keep only the longest where they overlap:
    /// « techniques de renseignement » is one match, not also « renseignement » (see <see cref="Covers"/>).
    /// Exclusions, dampeners, context and subject phrases are all kept.
    /// </summary>
    private (List<Occurrence> Phrases, List<Occurrence> Markers) Find(ReadOnlySpan<string> words, ReadOnlySpan<int> sentences)
    {
        var found = new List<Occurrence>();
        var markers = new List<Occurrence>();
        for (var i = 0; i < words.Length; i++)
        {
            if (ReferenceEquals(words[i], OtherWord) || !_byFirstWord.TryGetValue(words[i], out var candidates)) continue;
            foreach (var pattern in candidates)
                // A phrase does not run on into the next sentence: « d'enregistrement public. Son objectif » is no « enregistrement du son ».
                if (MatchEnd(words, i, pattern.Words) is { } end && sentences[end] - sentences[i] <= pattern.Breaks)
                    (pattern.IsTopicPhrase ? found : markers).Add(new Occurrence(pattern, i, end, sentences[i]));
        }
        if (found.Count <= 1) return (found, markers);
        var kept = new List<Occurrence>();
        foreach (var match in found.OrderByDescending(m => m.End - m.Start).ThenBy(m => m.Start))
        {
            var covered = kept.Any(k => k.Start <= match.Start && match.End <= k.End && Covers(k, match));
            if (!covered) kept.Add(match);
        }
        return (kept, markers);
    }

    /// <summary>
    /// Whether a longer (or equal) match already kept over the same words makes this one redundant: one of its
    /// own topic always does; one of another topic does when strictly longer (« vidéosurveillance » inside
    /// « vidéosurveillance algorithmique » is the same mention) or when it is strong and this one weak. A law's
    /// name inside a longer phrase (« loi n° 2023-380 ») still says which law is cited.
    /// </summary>
    private bool Covers(Occurrence longer, Occurrence match)
    {
        if (longer.Pattern.Topic == match.Pattern.Topic) return true;
        if (_topicsById[match.Pattern.Topic].AssignedOnMention) return false;
        return longer.End - longer.Start > match.End - match.Start || (longer.Pattern.Kind == Kind.Strong && match.Pattern.Kind == Kind.Weak);
    }

    private int? MatchEnd(ReadOnlySpan<string> words, int start, string[] phrase) => MatchEnd(words, start, phrase, _options.MaxGap);

    /// <summary>Each next word of the phrase must follow within <paramref name="maxGap"/> words.</summary>
    private static int? MatchEnd(ReadOnlySpan<string> words, int start, string[] phrase, int maxGap)
    {
        var at = start;
        for (var k = 1; k < phrase.Length; k++)
        {
            var found = -1;
            for (var j = at + 1; j <= Math.Min(words.Length - 1, at + 1 + maxGap); j++)
                if (words[j] == phrase[k]) { found = j; break; }
            if (found < 0) return null;
            at = found;
        }
        return at;
    }

    private bool IsExcluded(Occurrence match, List<Occurrence> markers)
    {
        foreach (var m in markers)
            if (m.Pattern.Kind == Kind.Exclusion && m.Pattern.Topic == match.Pattern.Topic && m.Sentence == match.Sentence
                && Math.Abs(m.Start - match.Start) <= _options.ExclusionWindow)
                return true;
        return false;
    }

    private bool IsPromoted(Occurrence match, ScannedField field)
    {
        if (match.Pattern.Kind != Kind.Weak) return false;
        foreach (var m in field.Markers)
            if (m.Pattern.Kind == Kind.Context && m.Pattern.Topic == match.Pattern.Topic && m.Sentence == match.Sentence)
                return true;
        var topic = _topicsById[match.Pattern.Topic];
        return (topic.StrongInSubject && field.SubjectSentences.Contains(match.Sentence)) || (topic.StrongInTitle && field.Name == FieldNames.Title);
    }

    private static bool IsArticleNumber(string word) => word.Length > 0 && (char.IsDigit(word[0]) || word is "premier" or "1er");

    /// <summary>
    /// The amended article as its designation gives it (« ART. 8 BIS », « APRÈS ART. 9 »): its number words, so that
    /// a sentence naming it (« l'article 8 bis prévoit… ») is known to describe it.
    /// </summary>
    private readonly record struct ArticleDesignation(string[] Number, bool Additional)
    {
        public static ArticleDesignation Of(string? designation)
        {
            if (string.IsNullOrWhiteSpace(designation)) return new([], false);
            var words = FrenchText.Words(designation);
            // Words are singularised: « APRÈS » reads « apre ».
            var additional = words.Any(w => w is "apre" or "apres" or "avant");
            var at = Array.FindIndex(words, w => w is "art" or "article");
            var number = at < 0 ? [] : words[(at + 1)..];
            if (number is ["premier", ..]) number = ["1er", .. number[1..]];
            return new(number, additional);
        }

        public void MarkSentences(ReadOnlySpan<string> words, ReadOnlySpan<int> sentences, HashSet<int> subjects)
        {
            if (Number.Length == 0) return;
            for (var i = 0; i + Number.Length < words.Length; i++)
            {
                if (words[i] != "article" || !Follows(words, i + 1)) continue;
                // « l'article 8 bis » is not « l'article 8 » followed by something else.
                var end = i + 1 + Number.Length;
                if (end < words.Length && IsNumberSuffix(words[end])) continue;
                subjects.Add(sentences[i]);
            }
        }

        private bool Follows(ReadOnlySpan<string> words, int from)
        {
            for (var k = 0; k < Number.Length; k++)
            {
                var word = words[from + k];
                if (word != Number[k] && !(k == 0 && Number[0] == "1er" && word == "premier")) return false;
            }
            return true;
        }

        private static bool IsNumberSuffix(string word) => Array.IndexOf(ArticleWords, word, 3) >= 0;
    }
}
