using Hangfire;
using Watch.Delivery;

namespace Watch.Scheduling;

/// <summary>
/// A run in which a channel could not send at all: thrown once the other channels were served, so that the run shows
/// as failed on the dashboard with what the channel answered.
/// </summary>
public sealed class ChannelUnavailableException(DispatchReport report)
    : Exception("Delivery: " + string.Join("; ", report.Unavailable.Select(c => $"channel {c.Key} cannot send ({c.Value})"))
                + ". Their messages stay pending until the settings are fixed.")
{
    public DispatchReport Report { get; } = report;
}

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
        if (running is null) return;
        var report = await dispatcher.RunAsync(ct);
        if (report.Unavailable.Count > 0) throw new ChannelUnavailableException(report);
    }
}
