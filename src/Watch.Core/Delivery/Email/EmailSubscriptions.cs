using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Watch.Relevance;
using Watch.Versions;

namespace Watch.Delivery.Email;

public enum SubscribeStatus
{
    /// <summary>A confirmation mail was accepted by the SMTP server.</summary>
    ConfirmationSent,
    /// <summary>The address already receives the digest; nothing was changed and nothing sent.</summary>
    AlreadyActive,
    /// <summary>The address is pending and was mailed less than <see cref="EmailOptions.ConfirmationInterval"/> ago; not mailed again.</summary>
    RecentlySent,
    InvalidAddress,
    InvalidTopics,
    /// <summary>The SMTP server could not take the confirmation mail; the form can be sent again.</summary>
    SendFailed,
}

public sealed record SubscribeResult(SubscribeStatus Status, string? Address, string? Problem = null);

public enum ConfirmStatus { ToConfirm, Confirmed, AlreadyActive, NotPending, UnknownToken }

public sealed record ConfirmResult(ConfirmStatus Status, Subscriber? Subscriber);

/// <summary>
/// Email subscriptions with double opt-in: the form makes a pending subscriber and mails it a link with
/// its secret token; following the link activates it; the same token unsubscribes it in one click.
/// </summary>
public sealed partial class EmailSubscriptions(
    ISubscriberStore store, IVersionStore versions, EmailComposer composer, SmtpMailer mailer,
    IOptions<WatchlistOptions> watchlist, IOptions<EmailOptions> options, TimeProvider clock, ILogger<EmailSubscriptions> log)
{
    public const string Channel = "email";

    // Per process: a restart forgets it, which at worst allows one more confirmation mail per address.
    private readonly Dictionary<long, DateTimeOffset> _lastConfirmationMail = [];

    /// <summary>The topics offered on the form, as the watchlist defines them.</summary>
    public IReadOnlyList<TopicOptions> Topics => watchlist.Value.Topics;

    /// <summary>The address as stored (trimmed, lower case), or null when it is not one plain mail address.</summary>
    public static string? NormalizeAddress(string? input)
    {
        var address = input?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(address) || address.Length > 254 || !PlainAddress().IsMatch(address)) return null;
        return MailboxAddress.TryParse(address, out var mailbox) && mailbox.Name is null or "" && mailbox.Address == address ? address : null;
    }

    public async Task<SubscribeResult> SubscribeAsync(string? input, IReadOnlyCollection<string> topics, CancellationToken ct)
    {
        if (NormalizeAddress(input) is not { } address)
            return new SubscribeResult(SubscribeStatus.InvalidAddress, null, "Cette adresse électronique n'est pas valide.");
        var known = Topics.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var chosen = topics.Distinct(StringComparer.Ordinal).ToList();
        if (chosen.Count == 0)
            return new SubscribeResult(SubscribeStatus.InvalidTopics, address, "Choisissez au moins un sujet.");
        if (chosen.FirstOrDefault(t => !known.Contains(t)) is { } unknown)
            return new SubscribeResult(SubscribeStatus.InvalidTopics, address, $"Le sujet « {unknown} » n'existe pas.");

        // An active address is not changed from the form: anyone can type it, only its owner confirms.
        var existing = await store.FindAsync(Channel, address, ct);
        if (existing?.State is SubscriberState.Active or SubscriberState.Paused)
            return new SubscribeResult(SubscribeStatus.AlreadyActive, address);

        var subscriber = existing ?? await store.GetOrCreateAsync(Channel, address, SubscriberState.Pending, ct);
        if (subscriber.State != SubscriberState.Pending)
        {
            await store.SetStateAsync(subscriber.Id, SubscriberState.Pending, ct);
            subscriber = subscriber with { State = SubscriberState.Pending };
        }
        var current = (await store.SubscriptionsAsync(subscriber.Id, ct)).Select(s => s.Value).ToList();
        foreach (var old in current.Except(chosen)) await store.UnfollowAsync(subscriber.Id, old, ct);
        foreach (var topic in chosen.Except(current)) await store.FollowAsync(subscriber.Id, topic, ct);

        if (!TryReserveConfirmation(subscriber.Id))
            return new SubscribeResult(SubscribeStatus.RecentlySent, address);
        var outcome = await mailer.SendAsync(composer.Confirmation(subscriber, chosen), ct);
        if (outcome is MailOutcome.Accepted) return new SubscribeResult(SubscribeStatus.ConfirmationSent, address);

        ReleaseConfirmation(subscriber.Id);
        var reason = outcome switch { MailOutcome.Rejected r => r.Reason, MailOutcome.Unavailable u => u.Reason, _ => outcome.ToString() };
        log.LogWarning("Confirmation mail to subscriber {Id} failed: {Reason}", subscriber.Id, reason);
        return new SubscribeResult(SubscribeStatus.SendFailed, address, "Le courriel de confirmation n'a pas pu être envoyé ; réessayez plus tard.");
    }

    /// <summary>The email subscriber a link's token names, or null (unknown, malformed, or of another channel).</summary>
    public async Task<Subscriber?> FindByTokenAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64 || !TokenShape().IsMatch(token)) return null;
        var subscriber = await store.FindByTokenAsync(token, ct);
        return subscriber?.Channel == Channel ? subscriber : null;
    }

    /// <summary>Where a confirmation link stands, without following it: the page asks first (mail scanners follow links).</summary>
    public async Task<ConfirmResult> CheckAsync(string? token, CancellationToken ct) =>
        await FindByTokenAsync(token, ct) is not { } subscriber
            ? new ConfirmResult(ConfirmStatus.UnknownToken, null)
            : new ConfirmResult(subscriber.State switch
            {
                SubscriberState.Pending => ConfirmStatus.ToConfirm,
                SubscriberState.Active => ConfirmStatus.AlreadyActive,
                // After an unsubscription an old confirmation link must not bring the mails back.
                _ => ConfirmStatus.NotPending,
            }, subscriber);

    public async Task<ConfirmResult> ConfirmAsync(string? token, CancellationToken ct)
    {
        var check = await CheckAsync(token, ct);
        if (check is not { Status: ConfirmStatus.ToConfirm, Subscriber: { } subscriber }) return check;
        // The watermark first: a digest running meanwhile must not see an active subscriber with an old one.
        var start = await FirstDigestStartAsync(subscriber.Watermark, ct);
        if (start > subscriber.Watermark) await store.SetWatermarkAsync(subscriber.Id, start, ct);
        await store.SetStateAsync(subscriber.Id, SubscriberState.Active, ct);
        log.LogInformation("Email subscriber {Id} confirmed", subscriber.Id);
        return new ConfirmResult(ConfirmStatus.Confirmed, subscriber with { State = SubscriberState.Active, Watermark = Math.Max(start, subscriber.Watermark) });
    }

    /// <summary>Unsubscribes the token's subscriber (again, harmlessly, when already done); null when the token is unknown.</summary>
    public async Task<Subscriber?> UnsubscribeAsync(string? token, CancellationToken ct)
    {
        if (await FindByTokenAsync(token, ct) is not { } subscriber) return null;
        if (subscriber.State != SubscriberState.Unsubscribed)
        {
            await store.SetStateAsync(subscriber.Id, SubscriberState.Unsubscribed, ct);
            log.LogInformation("Email subscriber {Id} unsubscribed", subscriber.Id);
        }
        return subscriber with { State = SubscriberState.Unsubscribed };
    }

    /// <summary>
    /// The last event older than the look-back: a subscriber (new, or back after a year away) gets in its
    /// first digest the recent events, not the whole history.
    /// </summary>
    private async Task<long> FirstDigestStartAsync(long watermark, CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow() - options.Value.FirstDigestLookback;
        var start = watermark;
        while (true)
        {
            var page = await versions.EventsSinceAsync(start, 1000, ct);
            foreach (var stored in page)
            {
                if (stored.Event.At >= cutoff) return start;
                start = stored.Event.Id;
            }
            if (page.Count < 1000) return start;
        }
    }

    private bool TryReserveConfirmation(long subscriberId)
    {
        var now = clock.GetUtcNow();
        var interval = options.Value.ConfirmationInterval;
        lock (_lastConfirmationMail)
        {
            if (_lastConfirmationMail.TryGetValue(subscriberId, out var last) && now - last < interval) return false;
            foreach (var stale in _lastConfirmationMail.Where(p => now - p.Value >= interval).Select(p => p.Key).ToList())
                _lastConfirmationMail.Remove(stale);
            _lastConfirmationMail[subscriberId] = now;
            return true;
        }
    }

    private void ReleaseConfirmation(long subscriberId)
    {
        lock (_lastConfirmationMail) _lastConfirmationMail.Remove(subscriberId);
    }

    [GeneratedRegex(@"^[^@\s<>,;:""()\[\]\\]+@[^@\s<>,;:""()\[\]\\]+\.[^@\s<>,;:""()\[\]\\]+$")]
    private static partial Regex PlainAddress();

    [GeneratedRegex(@"^[A-Za-z0-9_-]+$")]
    private static partial Regex TokenShape();
}
