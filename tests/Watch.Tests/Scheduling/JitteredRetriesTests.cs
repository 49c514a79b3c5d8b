using Hangfire;
using Hangfire.Common;
using Hangfire.InMemory;
using Hangfire.States;
using Watch.Scheduling;

namespace Watch.Tests.Scheduling;

/// <summary>Jobs failing together, through a real Hangfire server: their retries are spread, not all at one instant.</summary>
public sealed class JitteredRetriesTests
{
    [Fact]
    public async Task Jobs_that_failed_together_are_retried_at_different_moments_around_their_delay()
    {
        var storage = new InMemoryStorage();
        var client = new BackgroundJobClient(storage);
        var ids = Enumerable.Range(0, 8).Select(_ => client.Enqueue<FailingJob>(j => j.Run())).ToList();

        using (new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = 4, SchedulePollingInterval = TimeSpan.FromMinutes(5) }, storage))
        {
            var monitoring = storage.GetMonitoringApi();
            for (var i = 0; i < 300 && monitoring.ScheduledCount() < ids.Count; i++) await Task.Delay(100);
        }

        using var connection = storage.GetConnection();
        var retries = ids.Select(id => connection.GetStateData(id)).ToList();
        Assert.All(retries, state => Assert.Equal(ScheduledState.StateName, state.Name));
        var failedAt = DateTime.UtcNow;
        var delays = retries.Select(s => (JobHelper.DeserializeDateTime(s.Data["EnqueueAt"]) - failedAt).TotalSeconds).ToList();
        // 600 s ± 20 %, give or take the seconds the test took; and spread, not one instant.
        Assert.All(delays, d => Assert.InRange(d, 470, 725));
        Assert.True(delays.Max() - delays.Min() > 5, $"retries at {string.Join(", ", delays)} s");
    }

    public sealed class FailingJob
    {
        [AutomaticRetry(Attempts = 1, DelaysInSeconds = [600])]
        [JitteredRetries]
        public void Run() => throw new InvalidOperationException("the site is down");
    }
}
