namespace Watch.Delivery;

public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>First wait after a failed send; doubled at each further failure.</summary>
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Longest wait between two tries. Under Mastodon's one hour of Idempotency-Key memory: after a reply that may hide a
    /// saved post (a timeout, a 502), a later retry would post it twice.
    /// </summary>
    public TimeSpan RetryMax { get; set; } = TimeSpan.FromMinutes(45);

    /// <summary>How long a claimed message stays invisible to other dispatchers while it is being sent.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How old an event may be and still be sent; older, its messages expire unsent. Watch's messages are news
    /// (« l'article 7 est examiné ce soir en séance »): once a revoked token is fixed, or a stopped process restarted,
    /// weeks of them at once would bury the little that is still news. Three days let a weekend's outage, fixed on the
    /// Monday, still deliver it, and are far beyond any retry's back-off or a large fan-out's pace. The weekly email
    /// digest, which reads the events themselves, still carries the expired ones.
    /// </summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(3);

    public int BatchSize { get; set; } = 200;

    /// <summary>Sends in flight at once on each channel; the channels' own rate limits, not this, set the pace.</summary>
    public int MaxParallelSends { get; set; } = 16;
}
