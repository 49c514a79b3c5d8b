using Hangfire.Common;
using Hangfire.States;

namespace Watch.Scheduling;

/// <summary>
/// Spreads each retry that <see cref="Hangfire.AutomaticRetryAttribute"/> schedules by up to ±20 % of its delay
/// (Hangfire's own attribute is sealed and takes only fixed delays): the sources that failed together, in an outage
/// of the network, must not all come back at the same instant. A source run that a server refused with a Retry-After
/// (<see cref="SourceRunException.NotBefore"/>: a PISTE quota reached for the hour) is not retried before that time.
/// </summary>
public sealed class JitteredRetriesAttribute : JobFilterAttribute, IElectStateFilter
{
    /// <summary>After AutomaticRetry (order 20), which elects the scheduled state this one moves.</summary>
    public JitteredRetriesAttribute() => Order = 30;

    public void OnStateElection(ElectStateContext context)
    {
        if (context.CandidateState is not ScheduledState { EnqueueAt: var at } scheduled || context.CurrentState != ProcessingState.StateName) return;
        var delay = at - DateTime.UtcNow;
        if (delay <= TimeSpan.Zero) return;
        var spread = delay * ((Random.Shared.NextDouble() - 0.5) * 0.4);
        var retryAt = at + spread;
        if (context.TraversedStates.OfType<FailedState>().Select(f => f.Exception).OfType<SourceRunException>().FirstOrDefault()?.NotBefore is { } asked
            && asked.UtcDateTime > retryAt)
            retryAt = asked.UtcDateTime;
        context.CandidateState = new ScheduledState(retryAt) { Reason = scheduled.Reason };
    }
}
