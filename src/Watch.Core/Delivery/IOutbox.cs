using Watch.Versions;

namespace Watch.Delivery;

/// <summary>One row of the outbox, as kept for tests and the status table.</summary>
public sealed record OutboxEntry(long Id, long EventId, string Channel, string Recipient, string State, int Attempts, string? LastError);

/// <summary>
/// The outbox: one row per (event, channel, recipient), unique, so that fan-out can be repeated after a
/// crash without duplicating anything, and each row is sent until it is marked sent.
/// </summary>
public interface IOutbox
{
    /// <summary>Events not yet fanned out, oldest first.</summary>
    Task<IReadOnlyList<StoredEvent>> PendingFanOutAsync(int max, CancellationToken ct);

    /// <summary>Adds the rows (ignoring those already there) and marks the event fanned out, atomically.</summary>
    Task FanOutAsync(long eventId, IReadOnlyList<(string Channel, string Recipient)> targets, CancellationToken ct);

    /// <summary>The channels that have rows due by <paramref name="dueBy"/>, configured in this process or not.</summary>
    Task<IReadOnlyList<string>> DueChannelsAsync(DateTimeOffset dueBy, CancellationToken ct);

    /// <summary>
    /// Rows of <paramref name="channel"/> (of every channel when null) due by <paramref name="dueBy"/>, oldest first,
    /// claimed until <paramref name="leasedUntil"/> so that a concurrent dispatcher skips them meanwhile.
    /// </summary>
    Task<IReadOnlyList<OutgoingMessage>> ClaimDueAsync(string? channel, DateTimeOffset dueBy, DateTimeOffset leasedUntil, int max, CancellationToken ct);

    /// <summary>
    /// What a channel has already published of a message sent in parts (a Mastodon thread's status ids), kept on
    /// the row so that a later attempt, even hours after a crash, carries on from there: see <see cref="OutgoingMessage.Progress"/>.
    /// </summary>
    Task SaveProgressAsync(long outboxId, string progress, CancellationToken ct);

    /// <summary>The ids of a message's parts published so far, in order: read back by <see cref="OutgoingMessage.PartsSent"/>.</summary>
    Task SavePartsSentAsync(long outboxId, IEnumerable<string> partIds, CancellationToken ct) =>
        SaveProgressAsync(outboxId, string.Join(',', partIds), ct);

    Task MarkSentAsync(long outboxId, string? externalId, DateTimeOffset at, CancellationToken ct);
    Task MarkRetryAsync(long outboxId, string error, DateTimeOffset notBefore, CancellationToken ct);
    /// <summary>Never to be sent: its recipient is gone, or its channel refused the message for good; <paramref name="reason"/> says which.</summary>
    Task MarkGoneAsync(long outboxId, string reason, CancellationToken ct);

    /// <summary>
    /// Gives a claimed row back untried: due again at <paramref name="notBefore"/>, and its claim not counted as an attempt
    /// (a row its channel could not even try is not closer to its last try).
    /// </summary>
    Task ReleaseAsync(long outboxId, string reason, DateTimeOffset notBefore, CancellationToken ct);

    /// <summary>
    /// Marks <c>expired</c>, with <paramref name="reason"/>, the pending rows due by <paramref name="dueBy"/> (not those
    /// another dispatcher holds) whose event happened before <paramref name="eventsBefore"/>; they stay in the table.
    /// A message already partly published (saved progress) does not expire: its thread is finished, late or not.
    /// </summary>
    /// <returns>How many rows expired, per channel.</returns>
    Task<IReadOnlyDictionary<string, int>> ExpireAsync(DateTimeOffset dueBy, DateTimeOffset eventsBefore, string reason, CancellationToken ct);

    Task<IReadOnlyList<OutboxEntry>> EntriesAsync(CancellationToken ct);
}
