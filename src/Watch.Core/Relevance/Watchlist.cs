namespace Watch.Relevance;

/// <summary>The watchlist as written in <c>config/watchlist.json</c>.</summary>
public sealed class WatchlistOptions
{
    public const string Section = "Watchlist";

    public List<TopicOptions> Topics { get; set; } = [];

    /// <summary>Dossier, text or article identifiers followed whatever their wording (e.g. "DLR5L16N49176", "PIONANR5L17BTC0636#9").</summary>
    public List<string> Tracked { get; set; } = [];

    /// <summary>
    /// Articles of bills known to be about a topic (« PIONANR5L17B0907#8 » extends the intelligence algorithm):
    /// every amendment on such an article is relevant to its topics, even one that only changes a date.
    /// An additional article (« après l'article 8 ») is another article and does not inherit them.
    /// </summary>
    public List<WatchedArticleOptions> WatchedArticles { get; set; } = [];

    /// <summary>The score an item must reach to be relevant.</summary>
    public double Threshold { get; set; } = 1.0;

    /// <summary>The score a topic must reach on its own phrases to be reported; null means <see cref="Threshold"/>.</summary>
    public double? TopicMinimum { get; set; }

    /// <summary>
    /// A topic is reported only if its score is at least this share of the best topic's score: a drone bill
    /// whose exposé once says « données biométriques » is about cameras, not biometrics.
    /// </summary>
    public double TopicShareOfBest { get; set; } = 0.0;

    /// <summary>How much a match counts in each field: a phrase in the dispositif says more than in the exposé sommaire.</summary>
    public Dictionary<string, double> FieldWeights { get; set; } = new();

    /// <summary>How many words may separate two words of a phrase ("traitements algorithmiques des images").</summary>
    public int MaxGap { get; set; } = DefaultMaxGap;

    public const int DefaultMaxGap = 2;

    /// <summary>How many words around a match an exclusion looks at (within the match's sentence).</summary>
    public int ExclusionWindow { get; set; } = 12;

    /// <summary>
    /// Phrases that mark the sentence saying what the amendment does (« cet amendement », « le présent article »).
    /// A weak phrase of a topic with <see cref="TopicOptions.StrongInSubject"/> in such a sentence, or in a sentence
    /// naming the amended article, counts as a strong one: « cet amendement supprime l'usage des drones ».
    /// </summary>
    public List<string> SubjectPhrases { get; set; } = [];

    /// <summary>
    /// Fields that argue rather than enact (the exposé sommaire): their matches make an item relevant, but they
    /// choose its topics only in sentences saying what the amendment or the amended article does, unless
    /// nothing else names a topic.
    /// </summary>
    public List<string> SupportingFields { get; set; } = [];

    /// <summary>
    /// What a match in a <see cref="SupportingFields">supporting field</see> counts for outside the sentences saying
    /// what the amendment or the amended article does: an exposé on the powers of security agents that cites
    /// vidéoprotection by analogy is not about cameras. Two such mentions together still reach a strong phrase's weight.
    /// </summary>
    public double PassingWeight { get; set; } = 1.0;

    /// <summary>
    /// Below this many words in the fields that enact (« Supprimer cet article. »), the supporting fields are the
    /// only account of what the item does, and <see cref="PassingWeight"/> does not apply.
    /// </summary>
    public int BriefEnactment { get; set; } = 0;

    /// <summary>What a topic's matches are multiplied by when one of its <see cref="TopicOptions.Dampeners"/> is in the item.</summary>
    public double DampenFactor { get; set; } = 0.25;
}

public sealed class TopicOptions
{
    public string Id { get; set; } = "";
    public string Label { get; set; } = "";

    /// <summary>Phrases that alone make an item relevant (weight 1).</summary>
    public List<string> Phrases { get; set; } = [];

    /// <summary>Phrases that count only with another match (weight 0.5): « caméras », « drones ».</summary>
    public List<string> WeakPhrases { get; set; } = [];

    /// <summary>Phrases that, in the same sentence near a match, show it is a known false positive (« épandage » near « drone »).</summary>
    public List<string> Exclusions { get; set; } = [];

    /// <summary>
    /// Phrases that anywhere in the item show it is about something else (« produits phytopharmaceutiques »
    /// for drones, « décisions de justice » for algorithms): the topic's matches then count for less.
    /// </summary>
    public List<string> Dampeners { get; set; } = [];

    /// <summary>Phrases that, in the same sentence as a weak phrase, make it count as strong (« usage des drones »).</summary>
    public List<string> Context { get; set; } = [];

    /// <summary>
    /// Whether the topic is reported on any mention, weak or strong, wherever it is: a topic naming which law is
    /// cited (« loi pour une sécurité globale ») rather than what the amendment does. It still takes a relevant item.
    /// </summary>
    public bool AssignedOnMention { get; set; }

    /// <summary>Whether a weak phrase counts as strong in a sentence saying what the amendment or the amended article does.</summary>
    public bool StrongInSubject { get; set; }

    /// <summary>
    /// Whether a weak phrase counts as strong in a title: « sûreté dans les transports » said in passing in an exposé
    /// is a hint, but a dossier, an agenda point or a vote whose title names the bill is about it.
    /// </summary>
    public bool StrongInTitle { get; set; }
}

public sealed class WatchedArticleOptions
{
    /// <summary>Text and article as in an amendment's tracking keys: « PIONANR5L17B0907#8 bis ».</summary>
    public string Key { get; set; } = "";

    public List<string> Topics { get; set; } = [];

    /// <summary>What the article does, for the explanation: « extension de l'algorithme de renseignement ».</summary>
    public string Label { get; set; } = "";
}
