using Hangfire;
using Watch.Delivery;

namespace Watch.Scheduling;

/// <summary>Runs the outbox every minute, so that retries and events from other processes go out.</summary>
public sealed class DeliveryJob(OutboxDispatcher dispatcher)
{
    [DisableConcurrentExecution(timeoutInSeconds: 0)]
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Delivery")]
    public Task RunAsync(CancellationToken ct) => dispatcher.RunAsync(ct);
}
