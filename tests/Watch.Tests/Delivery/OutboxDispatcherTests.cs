using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Watch.Delivery;
using Watch.Storage;
using Watch.Versions;
using static Watch.Tests.Storage.RealItems;

namespace Watch.Tests.Delivery;

/// <summary>The dispatcher's claims on a real SQLite outbox, with a channel that stands for a slow one (rate-limited group chats).</summary>
public sealed class OutboxDispatcherTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "watch-dispatch-" + Guid.NewGuid().ToString("N"));

    public OutboxDispatcherTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private sealed class Clock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>Each send takes two minutes; during the fifth one, a second dispatcher tries to claim what is due.</summary>
    private sealed class SlowChannel(Clock clock, IOutbox outbox, TimeSpan lease) : IDeliveryChannel
    {
        public string Name => "slow";
        public List<long> Sent { get; } = [];
        public int ClaimedByAnother { get; private set; } = -1;

        public Task<IReadOnlyList<string>> RecipientsAsync(WatchEvent watchEvent, CancellationToken ct) => Task.FromResult<IReadOnlyList<string>>(["chat"]);

        public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken ct)
        {
            clock.Now += TimeSpan.FromMinutes(2);
            Sent.Add(message.EventId);
            if (Sent.Count == 5) ClaimedByAnother = (await outbox.ClaimDueAsync(clock.Now, clock.Now + lease, 10, ct)).Count;
            return new DeliveryResult.Sent(null);
        }
    }

    [Fact]
    public async Task A_batch_claimed_late_in_a_long_run_is_leased_from_its_claim_so_no_other_dispatcher_sends_it_too()
    {
        var store = new SqliteStore(Path.Combine(_directory, "watch.db"));
        string[] items = [FacialRecognitionBan, VsaRepeal, PrisonDrones, Pending, Irrelevant];
        var versions = items.Select(Version).ToList();
        await store.CommitAsync(versions, versions.Select(v => Event(v)).ToList(), [], [], CancellationToken.None);
        var clock = new Clock(DateTimeOffset.UtcNow.AddSeconds(1)); // after the rows were queued
        var options = new DeliveryOptions { Lease = TimeSpan.FromMinutes(5), BatchSize = 2, MaxParallelSends = 1 };
        var channel = new SlowChannel(clock, store, options.Lease);
        var dispatcher = new OutboxDispatcher(store, [channel], clock, Options.Create(options), NullLogger<OutboxDispatcher>.Instance);

        var report = await dispatcher.RunAsync(CancellationToken.None);

        Assert.Equal(items.Length, report.Sent);
        Assert.Equal(items.Length, channel.Sent.Distinct().Count());
        // The fifth send is eight minutes into the run: its batch was claimed at minute 8, leased until minute 13.
        Assert.Equal(0, channel.ClaimedByAnother);
    }
}
