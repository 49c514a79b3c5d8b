using System.Text.RegularExpressions;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Watch.Relevance;
using Watch.Versions;

namespace Watch.Delivery.Email;

public enum SubscribeStatus
{
    /// <summary>The request was queued for <see cref="ConfirmationMailJob"/>; what it finds is for the address's owner to learn, by mail.</summary>
    Queued,
    InvalidAddress,
    InvalidTopics,
}

public sealed record SubscribeResult(SubscribeStatus Status, string? Address, string? Problem = null);

public enum ConfirmStatus { ToConfirm, Confirmed, AlreadyActive, NotPending, UnknownToken }

public sealed record ConfirmResult(ConfirmStatus Status, Subscriber? Subscriber);

/// <summary>
/// Email subscriptions with double opt-in: the form queues a <see cref="ConfirmationMailJob"/>, which makes a
/// pending subscriber and mails it a link with its secret token; following the link activates it; the same
/// token unsubscribes it in one click.
/// </summary>
public sealed partial class EmailSubscriptions(
    ISubscriberStore store, IVersionStore versions, IBackgroundJobClient jobs,
    IOptions<WatchlistOptions> watchlist, IOptions<EmailOptions> options, TimeProvider clock, ILogger<EmailSubscriptions> log)
{
    public const string Channel = "email";

    /// <summary>The topics offered on the form, as the watchlist defines them.</summary>
    public IReadOnlyList<TopicOptions> Topics => watchlist.Value.Topics;

    /// <summary>The address as stored (trimmed, lower case), or null when it is not one plain mail address.</summary>
    public static string? NormalizeAddress(string? input)
    {
        var address = input?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(address) || address.Length > 254 || !PlainAddress().IsMatch(address)) return null;
        return MailboxAddress.TryParse(address, out var mailbox) && mailbox.Name is null or "" && mailbox.Address == address ? address : null;
    }

    /// <summary>
    /// Checks the form and queues the rest for <see cref="ConfirmationMailJob"/>. Nothing here depends on the
    /// address being known: the answer, and the time it takes, must not tell a stranger who is subscribed.
    /// </summary>
    public SubscribeResult Subscribe(string? input, IReadOnlyCollection<string> topics)
    {
        if (NormalizeAddress(input) is not { } address)
            return new SubscribeResult(SubscribeStatus.InvalidAddress, null, "Cette adresse électronique n'est pas valide.");
        var known = Topics.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var chosen = topics.Distinct(StringComparer.Ordinal).ToArray();
        if (chosen.Length == 0)
            return new SubscribeResult(SubscribeStatus.InvalidTopics, address, "Choisissez au moins un sujet.");
        if (chosen.FirstOrDefault(t => !known.Contains(t)) is { } unknown)
            return new SubscribeResult(SubscribeStatus.InvalidTopics, address, $"Le sujet « {unknown} » n'existe pas.");

        jobs.Enqueue<ConfirmationMailJob>(ConfirmationMailJob.Queue, j => j.RunAsync(address, chosen, CancellationToken.None));
        return new SubscribeResult(SubscribeStatus.Queued, address);
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
        // Confirmed, the address takes mail again: digests refused before it was dropped no longer count.
        if (subscriber.Refusals > 0) await store.SetRefusalsAsync(subscriber.Id, 0, subscriber.RefusedUpTo, ct);
        await store.SetStateAsync(subscriber.Id, SubscriberState.Active, ct);
        log.LogInformation("Email subscriber {Id} confirmed", subscriber.Id);
        return new ConfirmResult(ConfirmStatus.Confirmed,
            subscriber with { State = SubscriberState.Active, Watermark = Math.Max(start, subscriber.Watermark), Refusals = 0 });
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

    [GeneratedRegex(@"^[^@\s<>,;:""()\[\]\\]+@[^@\s<>,;:""()\[\]\\]+\.[^@\s<>,;:""()\[\]\\]+$")]
    private static partial Regex PlainAddress();

    [GeneratedRegex(@"^[A-Za-z0-9_-]+$")]
    private static partial Regex TokenShape();
}
