using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Watch.Delivery.Email;

/// <summary>What the confirmation job did with a subscription request.</summary>
public enum ConfirmationOutcome
{
    Sent,
    /// <summary>The address already receives the digest; nothing was changed and nothing sent.</summary>
    AlreadyActive,
    /// <summary>The address is pending and its mailbox was mailed less than <see cref="EmailOptions.ConfirmationInterval"/> ago; not mailed again.</summary>
    RecentlySent,
    /// <summary>The SMTP server said the address does not exist: retrying would not help.</summary>
    Refused,
}

public sealed class ConfirmationMailException(long subscriberId, string reason)
    : Exception($"Confirmation mail to email subscriber {subscriberId} not sent: {reason}");

/// <summary>
/// The part of a subscription the form only queues: the address becomes pending with the topics chosen, and
/// is mailed a link with its secret token. Out of the request, so that the form answers at once and alike
/// whether the address is new, pending or subscribed; and so that an SMTP server out of reach delays the mail
/// instead of losing it: the job throws, and Hangfire tries it again.
/// </summary>
public sealed class ConfirmationMailJob(
    ISubscriberStore store, EmailComposer composer, SmtpMailer mailer,
    IOptions<EmailOptions> options, TimeProvider clock, ILogger<ConfirmationMailJob> log)
{
    /// <summary>
    /// The queue of these jobs. Its server has one worker: requests for one address run in the order they came,
    /// so the topics chosen last are the ones kept.
    /// </summary>
    public const string Queue = "confirmation";

    // Per process: a restart forgets it, which at worst allows one more confirmation mail per mailbox.
    private readonly Dictionary<string, DateTimeOffset> _lastMail = [];

    /// <remarks>
    /// Hangfire's ten attempts spread over about seven hours: a later mail would come after its sender gave up. The job
    /// is then deleted, not failed: Hangfire keeps a failed job for good, and its arguments hold the address.
    /// </remarks>
    [AutomaticRetry(Attempts = 10, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [JobDisplayName("Email confirmation")]
    public async Task<ConfirmationOutcome> RunAsync(string address, string[] topics, CancellationToken ct)
    {
        // An active address is not changed from the form: anyone can type it, only its owner confirms.
        var existing = await store.FindAsync(EmailSubscriptions.Channel, address, ct);
        if (existing?.State is SubscriberState.Active or SubscriberState.Paused) return ConfirmationOutcome.AlreadyActive;

        var subscriber = existing ?? await store.GetOrCreateAsync(EmailSubscriptions.Channel, address, SubscriberState.Pending, ct);
        if (subscriber.State != SubscriberState.Pending)
        {
            await store.SetStateAsync(subscriber.Id, SubscriberState.Pending, ct);
            subscriber = subscriber with { State = SubscriberState.Pending };
        }
        var current = (await store.SubscriptionsAsync(subscriber.Id, ct)).Select(s => s.Value).ToList();
        foreach (var old in current.Except(topics)) await store.UnfollowAsync(subscriber.Id, old, ct);
        foreach (var topic in topics.Except(current)) await store.FollowAsync(subscriber.Id, topic, ct);

        var mailbox = Mailbox(address);
        if (!TryReserve(mailbox)) return ConfirmationOutcome.RecentlySent;
        var outcome = await mailer.SendAsync(composer.Confirmation(subscriber, topics), ct);
        switch (outcome)
        {
            case MailOutcome.Accepted:
                return ConfirmationOutcome.Sent;
            // Only the address itself refused is final, as for the digest: a policy refusal (a relay that lost its
            // login, a blocklist: 5.7.x) is about Watch's mail, and is worth the retries once it is mended.
            case MailOutcome.Rejected { NoSuchMailbox: true } rejected:
                log.LogWarning("Confirmation mail to email subscriber {Id} refused: {Reason}", subscriber.Id, rejected.Reason);
                return ConfirmationOutcome.Refused;
            default:
                // The page promised a mail: any other refusal or a server out of reach waits for Hangfire's retry.
                Release(mailbox);
                throw new ConfirmationMailException(subscriber.Id, outcome switch
                {
                    MailOutcome.Rejected r => r.Reason,
                    MailOutcome.Unavailable u => u.Reason,
                    _ => outcome.ToString(),
                });
        }
    }

    /// <summary>
    /// The mailbox an address reaches: « camille+1@… » and « camille+2@… » are one inbox, which the hourly
    /// limit must count once, or the form could fill it with one mail per tag.
    /// </summary>
    private static string Mailbox(string address)
    {
        var at = address.LastIndexOf('@');
        var plus = address.IndexOf('+');
        return plus >= 0 && plus < at ? address[..plus] + address[at..] : address;
    }

    private bool TryReserve(string mailbox)
    {
        var now = clock.GetUtcNow();
        var interval = options.Value.ConfirmationInterval;
        lock (_lastMail)
        {
            if (_lastMail.TryGetValue(mailbox, out var last) && now - last < interval) return false;
            foreach (var stale in _lastMail.Where(p => now - p.Value >= interval).Select(p => p.Key).ToList())
                _lastMail.Remove(stale);
            _lastMail[mailbox] = now;
            return true;
        }
    }

    private void Release(string mailbox)
    {
        lock (_lastMail) _lastMail.Remove(mailbox);
    }
}
