namespace Watch.Sources;

public sealed class FetchOptions
{
    public const string Section = "Fetch";

    /// <summary>Politeness: the institutions' servers see who polls them and how to reach us.</summary>
    public string UserAgent { get; set; } = "WatchBot/1.0 (+https://github.com/watch-legislatif/watch; contact: watch@example.org)";

    /// <summary>Largest single document accepted; a larger one is refused, not truncated.</summary>
    public long MaxDocumentBytes { get; set; } = 20 * 1024 * 1024;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Requests in flight at once towards one host.</summary>
    public int MaxConcurrencyPerHost { get; set; } = 4;
}
