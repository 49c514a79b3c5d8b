using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Watch.Scheduling;
using Watch.Versions;

namespace Watch.Delivery.Email;

/// <param name="UpTo">The last event the run looked at; every watermark it moved now stands there.</param>
/// <param name="Failed">Subscribers whose digest may pass later: refused for now (4xx) or for a reason not their address's
/// (a policy, the message, a server refusing every address), or not tried once the server went away. Their watermark did
/// not move; a retry is scheduled for them.</param>
/// <param name="Refused">Subscribers whose address the server said does not exist (<see cref="MailOutcome.Rejected.NoSuchMailbox"/>),
/// now or at an earlier try of the same events; their watermark did not move, and only the next weekly run tries them again.</param>
/// <param name="FirstError">What the server said to the first subscriber failed or refused.</param>
public sealed record DigestRunReport(int Subscribers, int Sent, int NothingNew, int Failed, long UpTo, string? FirstError = null, int Refused = 0);

/// <summary>A run that left subscribers unserved: thrown once its retry is scheduled, so that the run shows as failed on the dashboard.</summary>
public sealed class EmailDigestException(DigestRunReport report)
    : Exception($"Email digest: {report.Failed} of {report.Subscribers} subscriber(s) not reached (events up to {report.UpTo}); first error: {report.FirstError}")
{
    public DigestRunReport Report { get; } = report;
}

/// <summary>
/// The weekly digest: each active email subscriber receives, in one mail, the events it follows that came
/// after its watermark. The watermark moves only once the SMTP server has accepted that subscriber's mail,
/// so a digest never repeats an event and never skips one: a subscriber that could not be reached gets the
/// same events, plus the newer ones, on the next run. A failed run schedules retries bounded to the same
/// last event, so the subscribers already served are not mailed again by them.
/// <para>
/// An address refused for good (550: no such mailbox) is not retried within the week, and after
/// <see cref="EmailOptions.RefusalsBeforeGone"/> weekly digests refused in a row it is no longer mailed: mail
/// servers judge a sender by how often it writes to addresses that do not exist.
/// </para>
/// </summary>
public sealed class EmailDigestJob(
    ISubscriberStore subscribers, IVersionStore versions, EmailComposer composer, SmtpMailer mailer,
    IBackgroundJobClient backgroundJobs, IRunLocks locks, TimeProvider clock, IOptions<EmailOptions> options, ILogger<EmailDigestJob> log)
{
    public const string RecurringJobId = "email-digest";
    private const int PageSize = 500;
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromHours(4)];

    /// <summary>The recurring entry point (Monday 08:00 by default).</summary>
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Email digest")]
    public async Task RunAsync(CancellationToken ct)
    {
        var report = await RunOnceAsync(upTo: null, ct);
        if (report.Failed == 0) return;
        ScheduleRetry(report.UpTo, attempt: 1);
        throw new EmailDigestException(report);
    }

    /// <summary>A retry after a failed run: the same range, for the subscribers whose watermark is still behind.</summary>
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Email digest retry {1} (events up to {0})")]
    public async Task RetryAsync(long upTo, int attempt, CancellationToken ct)
    {
        var report = await RunOnceAsync(upTo, ct);
        if (report.Failed == 0) return;
        ScheduleRetry(upTo, attempt + 1);
        throw new EmailDigestException(report);
    }

    /// <summary>One digest run. <paramref name="upTo"/> caps the events considered (a retry's range); null takes every settled event.</summary>
    public async Task<DigestRunReport> RunOnceAsync(long? upTo, CancellationToken ct)
    {
        // Runs never overlap (the weekly one and a retry, two processes): the second waits, then finds the
        // watermarks the first one moved, so nobody is mailed twice.
        await using var runLock = await locks.TryAcquireAsync("watch:email-digest", LockTimeout, ct)
            ?? throw new TimeoutException($"Email digest: another run still held its lock after {LockTimeout.TotalMinutes} minutes.");
        var now = clock.GetUtcNow();
        var active = await subscribers.ActiveAsync(EmailSubscriptions.Channel, ct);
        if (active.Count == 0) return new DigestRunReport(0, 0, 0, 0, upTo ?? 0);

        var follows = new Dictionary<long, HashSet<string>>();
        foreach (var s in active)
            follows[s.Id] = (await subscribers.SubscriptionsAsync(s.Id, ct)).Select(x => x.Value).ToHashSet(StringComparer.Ordinal);

        var (matched, bound) = await CollectAsync(active, follows, upTo, now - options.Value.SettleTime, ct);
        var titles = await DossierTitles.ReadAsync(versions, matched.Values.SelectMany(e => e).Select(e => DigestRenderer.GroupKey(e.Event)), [], ct);

        int sent = 0, nothingNew = 0, failed = 0, refused = 0;
        string? firstError = null;
        var noSuchMailbox = new List<(Subscriber Subscriber, string Reason)>();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
        await using (var session = mailer.OpenSession())
        {
            var serverGone = false;
            foreach (var subscriber in active)
            {
                if (subscriber.Watermark >= bound) { nothingNew++; continue; }
                var events = matched[subscriber.Id];
                if (events.Count == 0)
                {
                    await subscribers.SetWatermarkAsync(subscriber.Id, bound, ct);
                    nothingNew++;
                    continue;
                }
                if (subscriber.RefusedUpTo >= bound) { refused++; continue; }
                if (serverGone) { failed++; continue; }

                var (from, to) = Period(events, now, zone);
                var message = composer.Digest(subscriber, events, from, to, follows[subscriber.Id].Order(StringComparer.Ordinal).ToList(), bound, titles);
                var outcome = await session.SendAsync(message, ct);
                switch (outcome)
                {
                    case MailOutcome.Accepted:
                        await subscribers.SetWatermarkAsync(subscriber.Id, bound, CancellationToken.None);
                        if (subscriber.Refusals > 0) await subscribers.SetRefusalsAsync(subscriber.Id, 0, subscriber.RefusedUpTo, CancellationToken.None);
                        sent++;
                        break;
                    // The refusal is this recipient's: the others are still served.
                    case MailOutcome.Rejected { NoSuchMailbox: true } r:
                        noSuchMailbox.Add((subscriber, r.Reason));
                        firstError ??= r.Reason;
                        break;
                    case MailOutcome.Rejected r:
                        log.LogWarning("Digest for email subscriber {Id} rejected: {Reason}; kept for the retry", subscriber.Id, r.Reason);
                        firstError ??= r.Reason;
                        failed++;
                        break;
                    case MailOutcome.Unavailable u:
                        log.LogWarning("Digest for email subscriber {Id} not sent: {Reason}; this run stops, the rest waits for the next one", subscriber.Id, u.Reason);
                        firstError ??= u.Reason;
                        serverGone = true;
                        failed++;
                        break;
                }
            }
        }

        // A server that says no address exists is refusing Watch (a relay that lost its login, a blocklist), not telling
        // that every mailbox closed at once: nobody is counted, and the run fails for all of them.
        if (noSuchMailbox.Count > 1 && sent == 0)
        {
            log.LogError("Email digest: the server refused all {Count} addresses it was given ({Error}); counted against none", noSuchMailbox.Count, firstError);
            failed += noSuchMailbox.Count;
        }
        else
        {
            foreach (var (subscriber, reason) in noSuchMailbox) await RefusedAsync(subscriber, bound, reason);
            refused += noSuchMailbox.Count;
        }
        var report = new DigestRunReport(active.Count, sent, nothingNew, failed, bound, firstError, refused);
        log.LogInformation("Email digest up to event {UpTo}: {Sent} sent, {NothingNew} with nothing new, {Failed} failed, {Refused} refused for good",
            bound, sent, nothingNew, failed, refused);
        if (failed + refused > 0) log.LogWarning("Email digest: first error {Error}", firstError);
        return report;
    }

    /// <summary>Counts a refusal for good of this week's digest; the last one allowed makes the subscriber gone.</summary>
    private async Task RefusedAsync(Subscriber subscriber, long bound, string reason)
    {
        var refusals = subscriber.Refusals + 1;
        await subscribers.SetRefusalsAsync(subscriber.Id, refusals, bound, CancellationToken.None);
        if (refusals < options.Value.RefusalsBeforeGone)
        {
            log.LogWarning("Digest for email subscriber {Id} refused for good ({Refusals} in a row): {Reason}; tried again next week",
                subscriber.Id, refusals, reason);
            return;
        }
        // Gone, not unsubscribed: the address may come back through the form, which asks its owner again.
        await subscribers.SetStateAsync(subscriber.Id, SubscriberState.Gone, CancellationToken.None);
        log.LogWarning("Digest for email subscriber {Id} refused for good {Refusals} times in a row: {Reason}; no longer mailed",
            subscriber.Id, refusals, reason);
    }

    /// <summary>
    /// Reads the events after the lowest watermark once, page by page, keeping for each subscriber only
    /// those it follows. Stops at <paramref name="upTo"/> or at the first event not yet settled, so every
    /// event up to the returned bound has been seen.
    /// </summary>
    private async Task<(Dictionary<long, List<StoredEvent>> Matched, long Bound)> CollectAsync(
        IReadOnlyList<Subscriber> active, Dictionary<long, HashSet<string>> follows, long? upTo, DateTimeOffset settled, CancellationToken ct)
    {
        var matched = active.ToDictionary(s => s.Id, _ => new List<StoredEvent>());
        var bound = active.Min(s => s.Watermark);
        while (true)
        {
            var page = await versions.EventsSinceAsync(bound, PageSize, ct);
            foreach (var stored in page)
            {
                var e = stored.Event;
                if (upTo is { } cap && e.Id > cap || e.At > settled) return (matched, bound);
                var keys = e.Followable;
                foreach (var s in active)
                    if (e.Id > s.Watermark && keys.Any(follows[s.Id].Contains))
                        matched[s.Id].Add(stored);
                bound = e.Id;
            }
            if (page.Count < PageSize) return (matched, bound);
        }
    }

    private void ScheduleRetry(long upTo, int attempt)
    {
        if (attempt > RetryDelays.Length)
        {
            log.LogWarning("Email digest up to event {UpTo}: no retry left; the next weekly run will try again", upTo);
            return;
        }
        backgroundJobs.Schedule<EmailDigestJob>(j => j.RetryAsync(upTo, attempt, CancellationToken.None), RetryDelays[attempt - 1]);
    }

    /// <summary>
    /// The days a digest sent at <paramref name="now"/> speaks of: the seven days before today, stretched to
    /// the first and last of its events (a subscriber that missed a run gets older ones, a Monday run may
    /// include the morning's).
    /// </summary>
    public static (DateOnly From, DateOnly To) Period(IReadOnlyList<StoredEvent> events, DateTimeOffset now, TimeZoneInfo zone)
    {
        DateOnly Day(DateTimeOffset t) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(t, zone).DateTime);
        var (from, to) = (Day(now).AddDays(-7), Day(now).AddDays(-1));
        if (events.Count == 0) return (from, to);
        var (first, last) = (events.Min(e => Day(e.Event.At)), events.Max(e => Day(e.Event.At)));
        return (first < from ? first : from, last > to ? last : to);
    }
}
