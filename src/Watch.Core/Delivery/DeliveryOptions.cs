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

    public int BatchSize { get; set; } = 200;

    /// <summary>Sends in flight at once; the channels' own rate limits, not this, set the pace.</summary>
    public int MaxParallelSends { get; set; } = 16;
}
