using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Watch.Delivery;

/// <param name="Expired">Rows whose event had become too old to be news (<see cref="DeliveryOptions.MaxAge"/>): marked expired, not sent.</param>
/// <param name="Unavailable">The channels that could not send at all in this run (a revoked token, a suspended account),
/// each with its reason: their rows wait, untried, for the next run.</param>
public sealed record DispatchReport(int FannedOut, int Sent, int Retrying, int Gone, int Refused, int Expired, IReadOnlyDictionary<string, string> Unavailable);

/// <summary>
/// Empties the outbox: each new event is fanned out to one row per (channel, recipient), then every
/// due row is handed to its channel, each channel at its own pace. A failed send is rescheduled with exponential
/// back-off (or the channel's own retry-after, which the recipient's other rows then wait for too); a recipient that
/// is gone is not tried again; a channel that cannot send at all is left alone for the rest of the run, its rows
/// given back untried.
/// A row whose event is older than <see cref="DeliveryOptions.MaxAge"/> expires instead of going out late.
/// </summary>
public sealed class OutboxDispatcher(IOutbox outbox, IEnumerable<IDeliveryChannel> channels, TimeProvider clock, IOptions<DeliveryOptions> options, ILogger<OutboxDispatcher> log)
{
    private readonly Dictionary<string, IDeliveryChannel> _channels = channels.ToDictionary(c => c.Name);

    public async Task<DispatchReport> RunAsync(CancellationToken ct)
    {
        var fannedOut = await FanOutAsync(ct);
        var o = options.Value;
        // Only rows due when the run began (or when a lease it left to run out ended): one that fails during the run
        // waits for the next run, so a channel that keeps failing cannot hold a run in a loop.
        var startedAt = clock.GetUtcNow();
        var expired = await outbox.ExpireAsync(startedAt, startedAt - o.MaxAge, $"not sent within {o.MaxAge} of its event: no longer news", ct);
        // One line for the run, not one per row: after a long outage they are thousands.
        if (expired.Count > 0)
            log.LogWarning("{Count} message(s) expired unsent, their events being older than {MaxAge} ({PerChannel})", expired.Values.Sum(), o.MaxAge,
                string.Join(", ", expired.Select(e => $"{e.Key}: {e.Value}")));
        var run = new Run();
        // Each channel drains its own rows: an instance that takes 30 s to answer each post must not hold back the
        // Telegram messages claimed with it, nor those of the batches behind.
        await Task.WhenAll((await outbox.DueChannelsAsync(startedAt, ct)).Select(channel => DrainAsync(channel, startedAt, run, ct)));
        return new DispatchReport(fannedOut, run.Results.Count(r => r is DeliveryResult.Sent), run.Results.Count(r => r is DeliveryResult.Retry),
            run.Results.Count(r => r is DeliveryResult.RecipientGone), run.Results.Count(r => r is DeliveryResult.Refused), expired.Values.Sum(),
            run.Unavailable.ToDictionary());
    }

    /// <summary>What the channels' drains learn during one run.</summary>
    private sealed class Run
    {
        public ConcurrentBag<DeliveryResult> Results { get; } = [];

        /// <summary>The channels that cannot send at all, with why: not asked again in this run.</summary>
        public ConcurrentDictionary<string, string> Unavailable { get; } = new();

        /// <summary>
        /// Recipients whose channel asked to wait (Telegram's 429 retry_after for a chat, Mastodon's rate-limit reset for
        /// the account), until when: their other rows of the run wait as long, untried, and keep their order.
        /// </summary>
        public ConcurrentDictionary<(string Channel, string Recipient), DateTimeOffset> Held { get; } = new();
    }

    /// <summary>Sends the rows of <paramref name="channel"/> due by <paramref name="startedAt"/>, batch after batch.</summary>
    private async Task DrainAsync(string channel, DateTimeOffset startedAt, Run run, CancellationToken ct)
    {
        var o = options.Value;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = o.MaxParallelSends, CancellationToken = ct };
        var dueBy = startedAt;
        while (true)
        {
            // The lease runs from the claim, not from the run's start: a batch claimed late in a long run (a backlog
            // sent at a group chat's 20 messages a minute) must not be claimable by another dispatcher already.
            var claimedAt = clock.GetUtcNow();
            var due = await outbox.ClaimDueAsync(channel, dueBy, claimedAt + o.Lease, o.BatchSize, ct);
            if (due.Count == 0) return;
            // A row's send starts only in the first half of its lease, so that it ends before another dispatcher may
            // claim the row; the rows whose turn comes later are given back, and claimed again with a lease of their own.
            var sendUntil = claimedAt + o.Lease / 2;
            var left = new ConcurrentQueue<OutgoingMessage>();
            // One recipient's rows one after the other, in order: the parts of a long message are not mixed with the next one's.
            await Parallel.ForEachAsync(due.GroupBy(m => m.Recipient), parallel, async (rows, token) =>
            {
                foreach (var message in rows)
                    if (clock.GetUtcNow() >= sendUntil) left.Enqueue(message);
                    else if (run.Held.TryGetValue((message.Channel, message.Recipient), out var until) && until > clock.GetUtcNow())
                        run.Results.Add(await HoldAsync(message, until));
                    else run.Results.Add(await DeliverAsync(message, run, token));
            });
            // Given back only while the lease is surely still ours (a last send may have run long): otherwise the rows
            // wait for their lease to end. Untried, their claim is not an attempt: a later failure waits the back-off of its try.
            if (clock.GetUtcNow() < claimedAt + o.Lease * 3 / 4)
                foreach (var message in left)
                    await outbox.ReleaseAsync(message.OutboxId, "not sent within half its lease: claimed again", startedAt, CancellationToken.None);
            else if (!left.IsEmpty)
            {
                // The drain waits for that lease to end and claims them again, rather than end with rows it never sent.
                var leaseEnd = claimedAt + o.Lease;
                if (leaseEnd > clock.GetUtcNow()) await Task.Delay(leaseEnd - clock.GetUtcNow(), clock, ct);
                dueBy = leaseEnd;
            }
        }
    }

    /// <summary>
    /// Sends one row and records how it went: sent, to retry after a back-off (or the channel's retry-after), gone, or
    /// given back untried when its channel cannot send (found now, or earlier in the run: the channel is not asked again).
    /// </summary>
    private async Task<DeliveryResult> DeliverAsync(OutgoingMessage message, Run run, CancellationToken ct)
    {
        var result = run.Unavailable.TryGetValue(message.Channel, out var down)
            ? new DeliveryResult.ChannelUnavailable(down)
            : await SendOneAsync(message, ct);
        switch (result)
        {
            case DeliveryResult.Sent s:
                await outbox.MarkSentAsync(message.OutboxId, s.ExternalId, clock.GetUtcNow(), CancellationToken.None);
                break;
            case DeliveryResult.Retry r:
                var wait = r.After ?? Backoff(message.Attempt);
                if (r.After is { } asked) run.Held[(message.Channel, message.Recipient)] = clock.GetUtcNow() + asked;
                log.LogWarning("Send to {Channel}:{Recipient} of event {EventId} failed ({Reason}); retry in {Wait}",
                    message.Channel, message.Recipient, message.EventId, r.Reason, wait);
                await outbox.MarkRetryAsync(message.OutboxId, r.Reason, clock.GetUtcNow() + wait, CancellationToken.None);
                break;
            case DeliveryResult.RecipientGone g:
                log.LogWarning("Recipient {Channel}:{Recipient} is gone ({Reason}); not retried", message.Channel, message.Recipient, g.Reason);
                await outbox.MarkGoneAsync(message.OutboxId, g.Reason, CancellationToken.None);
                break;
            case DeliveryResult.Refused f:
                log.LogError("{Channel} refused the message of event {EventId} to {Recipient} for good ({Reason}); not retried",
                    message.Channel, message.EventId, message.Recipient, f.Reason);
                await outbox.MarkGoneAsync(message.OutboxId, f.Reason, CancellationToken.None);
                break;
            case DeliveryResult.ChannelUnavailable u:
                // One error for the channel, not a warning per row: every row would say the same, and a backlog of weeks
                // would bury it.
                if (run.Unavailable.TryAdd(message.Channel, u.Reason))
                    log.LogError("Channel {Channel} cannot send ({Reason}): its messages stay pending, untried, until this is fixed",
                        message.Channel, u.Reason);
                // Due again at once: the next run asks the channel again, and the rows go out as soon as it is fixed.
                await outbox.ReleaseAsync(message.OutboxId, u.Reason, clock.GetUtcNow(), CancellationToken.None);
                break;
        }
        return result;
    }

    /// <summary>A row of a recipient its channel asked to wait for: given back untried, due when the wait ends.</summary>
    private async Task<DeliveryResult> HoldAsync(OutgoingMessage message, DateTimeOffset until)
    {
        var reason = $"held: {message.Channel} asked to wait before the next message to this recipient";
        await outbox.ReleaseAsync(message.OutboxId, reason, until, CancellationToken.None);
        return new DeliveryResult.Retry(reason, until - clock.GetUtcNow());
    }

    private async Task<int> FanOutAsync(CancellationToken ct)
    {
        var count = 0;
        while (true)
        {
            var pending = await outbox.PendingFanOutAsync(100, ct);
            if (pending.Count == 0) return count;
            foreach (var stored in pending)
            {
                var targets = new List<(string, string)>();
                foreach (var channel in _channels.Values)
                    foreach (var recipient in await channel.RecipientsAsync(stored.Event, ct))
                        targets.Add((channel.Name, recipient));
                await outbox.FanOutAsync(stored.Event.Id, targets, ct);
                count++;
            }
        }
    }

    private async Task<DeliveryResult> SendOneAsync(OutgoingMessage message, CancellationToken ct)
    {
        // Rows fanned out while it was (another process, or before the operator took it out): they wait, and expire with age.
        if (!_channels.TryGetValue(message.Channel, out var channel))
            return new DeliveryResult.ChannelUnavailable($"channel '{message.Channel}' is not configured in this process");
        try
        {
            return await channel.SendAsync(message, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return new DeliveryResult.Retry($"{e.GetType().Name}: {e.Message}");
        }
    }

    private TimeSpan Backoff(int attempts)
    {
        var o = options.Value;
        var seconds = o.RetryBase.TotalSeconds * Math.Pow(2, Math.Max(0, attempts - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, o.RetryMax.TotalSeconds));
    }
}
