namespace Watch.Relevance;

/// <summary>The watchlist as written in <c>config/watchlist.json</c>.</summary>
public sealed class WatchlistOptions
{
    public const string Section = "Watchlist";

    public List<TopicOptions> Topics { get; set; } = [];

    /// <summary>Dossier, text or article identifiers followed whatever their wording (e.g. "DLR5L16N49176", "PIONANR5L17BTC0636#9").</summary>
    public List<string> Tracked { get; set; } = [];

    /// <summary>The score an item must reach to be relevant.</summary>
    public double Threshold { get; set; } = 1.0;

    /// <summary>How much a match counts in each field: a phrase in the dispositif says more than in the exposé sommaire.</summary>
    public Dictionary<string, double> FieldWeights { get; set; } = new();

    /// <summary>How many words may separate two words of a phrase ("traitements algorithmiques des images").</summary>
    public int MaxGap { get; set; } = 2;

    /// <summary>How many words around a match an exclusion looks at.</summary>
    public int ExclusionWindow { get; set; } = 12;
}

public sealed class TopicOptions
{
    public string Id { get; set; } = "";
    public string Label { get; set; } = "";

    /// <summary>Phrases that alone make an item relevant (weight 1).</summary>
    public List<string> Phrases { get; set; } = [];

    /// <summary>Phrases that count only with another match (weight 0.5): « caméras », « drones ».</summary>
    public List<string> WeakPhrases { get; set; } = [];

    /// <summary>Words that, near a match, show it is a known false positive (« épandage » near « drone »).</summary>
    public List<string> Exclusions { get; set; } = [];
}
