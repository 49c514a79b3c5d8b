using Watch.Summaries;
using Watch.Versions;

namespace Watch.Delivery;

/// <summary>One message for one recipient on one channel, as the outbox hands it out.</summary>
/// <param name="IdempotencyKey">Stable for (event, channel, recipient): a channel that supports it
/// (Mastodon's Idempotency-Key) uses it so that a retried send is never published twice.</param>
/// <param name="Attempt">1 for the first try, counting tries cut short by a crash.</param>
/// <param name="Progress">What earlier attempts already published of a message sent in parts, as the channel saved
/// it with <see cref="IOutbox.SaveProgressAsync"/>; null when nothing was.</param>
public sealed record OutgoingMessage(long OutboxId, long EventId, string Channel, string Recipient, Summary Summary, string IdempotencyKey, int Attempt,
    string? Progress = null)
{
    /// <summary>The ids of the parts earlier attempts published, in order, as <see cref="IOutbox.SavePartsSentAsync"/> saved them.</summary>
    public List<string> PartsSent() => Progress?.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList() ?? [];
}

/// <summary>How one send attempt ended.</summary>
public abstract record DeliveryResult
{
    public sealed record Sent(string? ExternalId) : DeliveryResult;

    /// <summary>A passing failure (5xx, 429, network): try again, not before <see cref="After"/> when given.</summary>
    public sealed record Retry(string Reason, TimeSpan? After = null) : DeliveryResult;

    /// <summary>The recipient can never be reached (bot blocked, chat gone): stop trying, deactivate it.</summary>
    public sealed record RecipientGone(string Reason) : DeliveryResult;

    /// <summary>
    /// This message will never be accepted (an instance's 422: a status it will not publish as written): not tried again.
    /// The recipient is not at fault, and its other messages go on.
    /// </summary>
    public sealed record Refused(string Reason) : DeliveryResult;

    /// <summary>
    /// The channel itself cannot send (token revoked or wrong, account suspended): no fault of this row, nor of any
    /// other row of the channel, which all wait untried and uncounted until the operator fixes it.
    /// <see cref="Reason"/> must not carry the token.
    /// </summary>
    public sealed record ChannelUnavailable(string Reason) : DeliveryResult;
}

/// <summary>
/// A way to reach people: Telegram, Mastodon, email, or the console/file channel used when no token
/// is configured. Channels know their recipients; the outbox guarantees each message is handed to
/// <see cref="SendAsync"/> until it is sent once.
/// </summary>
public interface IDeliveryChannel
{
    string Name { get; }

    /// <summary>Who must receive this event on this channel (configured chats, matching subscribers).</summary>
    Task<IReadOnlyList<string>> RecipientsAsync(WatchEvent watchEvent, CancellationToken ct);

    Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken ct);
}
