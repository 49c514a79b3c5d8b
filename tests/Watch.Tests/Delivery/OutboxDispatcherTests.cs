using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
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

    private static readonly string[] Items = [FacialRecognitionBan, VsaRepeal, PrisonDrones, Pending, Irrelevant];

    /// <summary>A real SQLite outbox with one relevant event for each of five real items.</summary>
    private async Task<SqliteStore> FiveEventsAsync()
    {
        var store = new SqliteStore(Path.Combine(_directory, "watch.db"));
        var versions = Items.Select(Version).ToList();
        await store.CommitAsync(versions, versions.Select(v => Event(v)).ToList(), [], [], CancellationToken.None);
        return store;
    }

    private sealed class Clock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>Each send takes <paramref name="perSend"/> (two minutes by default); during the fifth one, a second dispatcher tries to claim what is due.</summary>
    private sealed class SlowChannel(Clock clock, IOutbox outbox, TimeSpan lease, TimeSpan? perSend = null) : IDeliveryChannel
    {
        public string Name => "slow";
        public List<long> Sent { get; } = [];
        public int ClaimedByAnother { get; private set; } = -1;

        public Task<IReadOnlyList<string>> RecipientsAsync(WatchEvent watchEvent, CancellationToken ct) => Task.FromResult<IReadOnlyList<string>>(["chat"]);

        public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken ct)
        {
            clock.Now += perSend ?? TimeSpan.FromMinutes(2);
            Sent.Add(message.EventId);
            if (Sent.Count == 5) ClaimedByAnother = (await outbox.ClaimDueAsync(null, clock.Now, clock.Now + lease, 10, ct)).Count;
            return new DeliveryResult.Sent(null);
        }
    }

    [Fact]
    public async Task A_batch_claimed_late_in_a_long_run_is_leased_from_its_claim_so_no_other_dispatcher_sends_it_too()
    {
        var store = await FiveEventsAsync();
        var clock = new Clock(DateTimeOffset.UtcNow.AddSeconds(1)); // after the rows were queued
        var options = new DeliveryOptions { Lease = TimeSpan.FromMinutes(5), BatchSize = 2, MaxParallelSends = 1 };
        var channel = new SlowChannel(clock, store, options.Lease);
        var dispatcher = new OutboxDispatcher(store, [channel], clock, Options.Create(options), NullLogger<OutboxDispatcher>.Instance);

        var report = await dispatcher.RunAsync(CancellationToken.None);

        Assert.Equal(Items.Length, report.Sent);
        Assert.Equal(Items.Length, channel.Sent.Distinct().Count());
        // The fifth send is eight minutes into the run: its batch was claimed at minute 8, leased until minute 13.
        Assert.Equal(0, channel.ClaimedByAnother);
    }

    [Fact]
    public async Task A_row_whose_turn_comes_late_in_its_claim_is_claimed_again_rather_than_sent_past_its_lease()
    {
        // One claim takes all five rows for one chat; each send takes a minute: the fifth would start at minute 4 and
        // end as its five-minute lease does, when another dispatcher may already have claimed it.
        var store = await FiveEventsAsync();
        var clock = new Clock(DateTimeOffset.UtcNow.AddSeconds(1));
        var options = new DeliveryOptions { Lease = TimeSpan.FromMinutes(5), BatchSize = 10, MaxParallelSends = 4 };
        var channel = new SlowChannel(clock, store, options.Lease, TimeSpan.FromMinutes(1));
        var dispatcher = new OutboxDispatcher(store, [channel], clock, Options.Create(options), NullLogger<OutboxDispatcher>.Instance);

        var report = await dispatcher.RunAsync(CancellationToken.None);

        Assert.Equal(Items.Length, report.Sent);
        Assert.Equal(channel.Sent.Order(), channel.Sent); // one chat's rows in order, one after the other
        Assert.Equal(0, channel.ClaimedByAnother);
        // Given back untried, a row is not closer to its last try: each was tried once, and a failure would wait the first back-off.
        Assert.All(await store.EntriesAsync(CancellationToken.None), row => Assert.Equal(1, row.Attempts));
    }

    private sealed class UnclearChannel : IDeliveryChannel
    {
        public string Name => "unclear";
        public int Sends { get; set; }

        public Task<IReadOnlyList<string>> RecipientsAsync(WatchEvent watchEvent, CancellationToken ct) => Task.FromResult<IReadOnlyList<string>>(["account"]);

        public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken ct)
        {
            Sends++;
            return Task.FromResult<DeliveryResult>(new DeliveryResult.Retry("504 Gateway Timeout (the status may have been saved)"));
        }
    }

    /// <summary>
    /// Mastodon keeps a post's Idempotency-Key one hour: a retry after a reply that may hide a saved post must come
    /// sooner, or the same status is posted twice. The shipped settings' back-off never waits that long.
    /// </summary>
    [Fact]
    public async Task With_the_shipped_settings_a_retry_comes_within_mastodon_s_idempotency_hour()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationManager();
        Watch.Cli.Composition.AddWatchConfiguration(configuration, []);
        var options = configuration.GetSection(DeliveryOptions.Section).Get<DeliveryOptions>()!;
        var store = await FiveEventsAsync();
        var clock = new Clock(DateTimeOffset.UtcNow.AddSeconds(1));
        var channel = new UnclearChannel();
        var dispatcher = new OutboxDispatcher(store, [channel], clock, Options.Create(options), NullLogger<OutboxDispatcher>.Instance);

        for (var attempt = 1; attempt <= 12; attempt++)
        {
            channel.Sends = 0;
            await dispatcher.RunAsync(CancellationToken.None);
            Assert.Equal((attempt, Items.Length), (attempt, channel.Sends));
            clock.Now += TimeSpan.FromMinutes(50);
        }
    }

    [Fact]
    public async Task Rows_left_to_their_lease_by_a_long_send_are_sent_in_the_same_run_once_it_ends()
    {
        // One chat's five rows in one claim with a two-second lease; each send takes 1.6 s, past three quarters of
        // the lease: the rows behind it cannot be given back safely, and wait for the lease to end.
        var store = await FiveEventsAsync();
        var clock = new Clock(DateTimeOffset.UtcNow.AddSeconds(1));
        var options = new DeliveryOptions { Lease = TimeSpan.FromSeconds(2), BatchSize = 10, MaxParallelSends = 1 };
        var channel = new SlowChannel(clock, store, options.Lease, TimeSpan.FromSeconds(1.6));
        var dispatcher = new OutboxDispatcher(store, [channel], clock, Options.Create(options), NullLogger<OutboxDispatcher>.Instance);

        var report = await dispatcher.RunAsync(CancellationToken.None);

        Assert.Equal(Items.Length, report.Sent);
        Assert.Equal(channel.Sent.Order(), channel.Sent);
        Assert.Equal(Items.Length, channel.Sent.Distinct().Count());
    }

    [Fact]
    public async Task Messages_of_events_older_than_max_age_expire_unsent_with_one_line_for_the_run_and_fresh_ones_go_out()
    {
        // Two events from before the delivery stopped (a token revoked for days, say), one from just before it resumed.
        var store = new SqliteStore(Path.Combine(_directory, "watch.db"));
        foreach (var batch in new[] { new[] { VsaRepeal, PrisonDrones }, [FacialRecognitionBan] })
        {
            var versions = batch.Select(Version).ToList();
            await store.CommitAsync(versions, versions.Select(v => Event(v)).ToList(), [], [], CancellationToken.None);
            await Task.Delay(10); // the fresh event's time comes after the old ones'
        }
        var events = await store.EventsSinceAsync(0, 10, CancellationToken.None);
        var fresh = events.Single(e => e.Event.ItemId == FacialRecognitionBan).Event;
        Assert.All(events.Where(e => e.Event != fresh), e => Assert.True(e.Event.At < fresh.At));
        var options = new DeliveryOptions { MaxAge = TimeSpan.FromDays(3) };
        var clock = new Clock(fresh.At + options.MaxAge); // the fresh event is just on time
        var logs = new ConcurrentQueue<string>();
        using var logging = LoggerFactory.Create(b => b.AddProvider(new RecordingLoggerProvider(logs)));
        var overlap = new OverlapChannel();
        var slow = new SlowChannel(clock, store, options.Lease, TimeSpan.Zero);
        var dispatcher = new OutboxDispatcher(store, [overlap, slow], clock, Options.Create(options), logging.CreateLogger<OutboxDispatcher>());

        var report = await dispatcher.RunAsync(CancellationToken.None);

        Assert.Equal((2, 4), (report.Sent, report.Expired));
        Assert.Equal([fresh.Id], overlap.Sent);
        Assert.Equal([fresh.Id], slow.Sent);
        var rows = await store.EntriesAsync(CancellationToken.None);
        Assert.All(rows.Where(r => r.EventId != fresh.Id), r => Assert.Equal("expired", r.State));
        Assert.All(rows.Where(r => r.EventId != fresh.Id), r => Assert.Contains("not sent within 3.00:00:00 of its event", r.LastError));
        Assert.All(rows.Where(r => r.EventId == fresh.Id), r => Assert.Equal("sent", r.State));
        var line = Assert.Single(logs, l => l.Contains("expired"));
        Assert.Contains("4 message(s) expired unsent", line);
        Assert.Contains("overlap: 2", line);
        Assert.Contains("slow: 2", line);

        // Expired for good: a later run neither sends them nor counts them again.
        clock.Now += TimeSpan.FromMinutes(1);
        var later = await dispatcher.RunAsync(CancellationToken.None);
        Assert.Equal((0, 0), (later.Sent, later.Expired));
    }

    /// <summary>Refuses one event's message for good, as an instance refuses a status it will not publish; sends the others.</summary>
    private sealed class RefusingChannel(long refusedEvent) : IDeliveryChannel
    {
        public string Name => "refusing";
        public List<long> Sent { get; } = [];
        public Task<IReadOnlyList<string>> RecipientsAsync(WatchEvent watchEvent, CancellationToken ct) => Task.FromResult<IReadOnlyList<string>>(["compte"]);

        public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken ct)
        {
            if (message.EventId == refusedEvent)
                return Task.FromResult<DeliveryResult>(new DeliveryResult.Refused("422: the instance refused the status: Validation failed"));
            Sent.Add(message.EventId);
            return Task.FromResult<DeliveryResult>(new DeliveryResult.Sent(null));
        }
    }

    [Fact]
    public async Task A_message_refused_for_good_is_not_retried_and_is_told_as_refused_not_as_a_recipient_gone()
    {
        var store = await FiveEventsAsync();
        var logs = new ConcurrentQueue<string>();
        using var logging = LoggerFactory.Create(b => b.AddProvider(new RecordingLoggerProvider(logs)));
        var events = await store.EventsSinceAsync(0, 10, CancellationToken.None);
        var channel = new RefusingChannel(events.Single(e => e.Event.ItemId == VsaRepeal).Event.Id);
        var dispatcher = new OutboxDispatcher(store, [channel], TimeProvider.System, Options.Create(new DeliveryOptions()), logging.CreateLogger<OutboxDispatcher>());

        var report = await dispatcher.RunAsync(CancellationToken.None);

        Assert.Equal((4, 1, 0, 0), (report.Sent, report.Refused, report.Gone, report.Retrying));
        var refused = Assert.Single(await store.EntriesAsync(CancellationToken.None), r => r.State != "sent");
        Assert.Equal("gone", refused.State);
        Assert.Contains("Validation failed", refused.LastError);
        var line = Assert.Single(logs, l => l.Contains("refused"));
        Assert.Contains("refusing refused the message of event", line);
        Assert.DoesNotContain(logs, l => l.Contains("is gone"));
        Assert.Equal((0, 0), ((await dispatcher.RunAsync(CancellationToken.None)).Sent, channel.Sent.Count - 4));
    }

    /// <summary>Counts the sends in flight to one chat at once.</summary>
    private sealed class OverlapChannel : IDeliveryChannel
    {
        private int _inFlight;
        public int MostAtOnce { get; private set; }
        public List<long> Sent { get; } = [];
        public string Name => "overlap";

        public Task<IReadOnlyList<string>> RecipientsAsync(WatchEvent watchEvent, CancellationToken ct) => Task.FromResult<IReadOnlyList<string>>(["chat"]);

        public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken ct)
        {
            lock (Sent) MostAtOnce = Math.Max(MostAtOnce, ++_inFlight);
            await Task.Delay(30, ct);
            lock (Sent)
            {
                _inFlight--;
                Sent.Add(message.EventId);
            }
            return new DeliveryResult.Sent(null);
        }
    }

    [Fact]
    public async Task One_recipient_s_messages_are_sent_one_at_a_time_in_order_so_their_parts_are_not_mixed()
    {
        var store = await FiveEventsAsync();
        var channel = new OverlapChannel();
        var options = new DeliveryOptions { BatchSize = 10, MaxParallelSends = 16 };
        var dispatcher = new OutboxDispatcher(store, [channel], TimeProvider.System, Options.Create(options), NullLogger<OutboxDispatcher>.Instance);

        Assert.Equal(Items.Length, (await dispatcher.RunAsync(CancellationToken.None)).Sent);

        Assert.Equal(1, channel.MostAtOnce);
        Assert.Equal(channel.Sent.Order(), channel.Sent);
    }

    /// <summary>Telegram-like: a hundred chats, each answered at once.</summary>
    private sealed class ManyChats : IDeliveryChannel
    {
        private int _sent;
        public TaskCompletionSource AllSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Expected { get; init; }
        public string Name => "chats";

        public Task<IReadOnlyList<string>> RecipientsAsync(WatchEvent watchEvent, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<string>>(Enumerable.Range(1, 100).Select(i => i.ToString()).ToList());

        public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken ct)
        {
            if (Interlocked.Increment(ref _sent) == Expected) AllSent.SetResult();
            return Task.FromResult<DeliveryResult>(new DeliveryResult.Sent(null));
        }
    }

    /// <summary>An overloaded Mastodon instance: a post gets no answer until the other channel has sent everything, or its timeout.</summary>
    private sealed class Hanging(Task otherDone) : IDeliveryChannel
    {
        public int SawOtherDone;
        public string Name => "hanging";

        public Task<IReadOnlyList<string>> RecipientsAsync(WatchEvent watchEvent, CancellationToken ct) => Task.FromResult<IReadOnlyList<string>>(["account"]);

        public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken ct)
        {
            if (await Task.WhenAny(otherDone, Task.Delay(TimeSpan.FromSeconds(20), ct)) == otherDone) Interlocked.Increment(ref SawOtherDone);
            return new DeliveryResult.Retry("no answer within 00:00:30");
        }
    }

    [Fact]
    public async Task A_channel_that_hangs_does_not_hold_back_the_messages_of_another()
    {
        var store = await FiveEventsAsync();
        var chats = new ManyChats { Expected = 100 * Items.Length };
        var hanging = new Hanging(chats.AllSent.Task);
        // Claimed together, the five first rows would make a batch of the hanging channel's and a few chats' rows.
        var options = new DeliveryOptions { BatchSize = 50, MaxParallelSends = 4 };
        var dispatcher = new OutboxDispatcher(store, [hanging, chats], TimeProvider.System, Options.Create(options), NullLogger<OutboxDispatcher>.Instance);

        var report = await dispatcher.RunAsync(CancellationToken.None);

        Assert.Equal((100 * Items.Length, Items.Length), (report.Sent, report.Retrying));
        // The first post was still waiting when the last of the chats' five hundred messages went out.
        Assert.Equal(Items.Length, hanging.SawOtherDone);
    }
}
