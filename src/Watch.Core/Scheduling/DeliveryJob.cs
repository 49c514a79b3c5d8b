using Hangfire;
using Watch.Delivery;

namespace Watch.Scheduling;

/// <summary>
/// Runs the outbox every minute, so that retries and events from other processes go out. One run at a time across
/// processes, so that one recipient's messages leave in order and within its rate; a tick that finds a run still
/// sending is skipped.
/// </summary>
public sealed class DeliveryJob(OutboxDispatcher dispatcher, IRunLocks locks)
{
    /// <summary>The Hangfire queue delivery runs on, served by workers of its own.</summary>
    public const string Queue = "delivery";

    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Delivery")]
    public async Task RunAsync(CancellationToken ct)
    {
        await using var running = await locks.TryAcquireAsync("watch:delivery", TimeSpan.Zero, ct);
        if (running is not null) await dispatcher.RunAsync(ct);
    }
}
