namespace Watch.Delivery;

/// <summary>Where a subscriber stands. Only <see cref="Active"/> subscribers receive anything.</summary>
public static class SubscriberState
{
    /// <summary>Email address given, confirmation link not yet followed (double opt-in).</summary>
    public const string Pending = "pending";
    public const string Active = "active";
    /// <summary>Asked for a break (/pause); keeps its subscriptions.</summary>
    public const string Paused = "paused";
    /// <summary>Unreachable for good (bot blocked, account deleted): never tried again until it comes back.</summary>
    public const string Gone = "gone";
    public const string Unsubscribed = "unsubscribed";
}

/// <summary>
/// A person (or chat) who asked for alerts on one channel: a Telegram chat id, an email address.
/// <see cref="Token"/> is the unguessable secret of its confirmation and unsubscribe links;
/// <see cref="Watermark"/> is the last event its digest covered.
/// </summary>
/// <param name="Refusals">The digests in a row refused because its address does not exist (no such mailbox); an accepted one starts again from 0.</param>
/// <param name="RefusedUpTo">The last event of the last digest refused for good: a retry of that digest does not mail it again.</param>
public sealed record Subscriber(long Id, string Channel, string Address, string State, string Token, long Watermark, int Refusals = 0, long RefusedUpTo = 0);

/// <summary>What a subscriber follows: a topic id of the watchlist ("vsa"), or an identifier (dossier, text, article).</summary>
public sealed record Subscription(string Value);

public interface ISubscriberStore
{
    /// <summary>The subscriber for (channel, address), created in <paramref name="initialState"/> when new.</summary>
    Task<Subscriber> GetOrCreateAsync(string channel, string address, string initialState, CancellationToken ct);

    Task<Subscriber?> FindAsync(string channel, string address, CancellationToken ct);

    Task<Subscriber?> FindByTokenAsync(string token, CancellationToken ct);

    Task SetStateAsync(long subscriberId, string state, CancellationToken ct);

    /// <summary>True when it was not followed already.</summary>
    Task<bool> FollowAsync(long subscriberId, string value, CancellationToken ct);

    /// <summary>True when it was followed.</summary>
    Task<bool> UnfollowAsync(long subscriberId, string value, CancellationToken ct);

    Task<IReadOnlyList<Subscription>> SubscriptionsAsync(long subscriberId, CancellationToken ct);

    /// <summary>Active subscribers of a channel who follow one of <paramref name="values"/> (topics and keys of an event).</summary>
    Task<IReadOnlyList<Subscriber>> FollowersAsync(string channel, IReadOnlyCollection<string> values, CancellationToken ct);

    Task<IReadOnlyList<Subscriber>> ActiveAsync(string channel, CancellationToken ct);

    Task SetWatermarkAsync(long subscriberId, long eventId, CancellationToken ct);

    /// <summary>Records <see cref="Subscriber.Refusals"/> and <see cref="Subscriber.RefusedUpTo"/>.</summary>
    Task SetRefusalsAsync(long subscriberId, int refusals, long upTo, CancellationToken ct);
}
