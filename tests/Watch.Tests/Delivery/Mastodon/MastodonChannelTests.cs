using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Watch.Delivery;
using Watch.Delivery.Mastodon;
using Watch.Domain;
using Watch.Parsing.AssembleeNationale;
using Watch.Relevance;
using Watch.Summaries;
using Watch.Versions;

namespace Watch.Tests.Delivery.Mastodon;

/// <summary>
/// The Mastodon channel against a real HTTP server on loopback, with summaries written by the real
/// summarizer from real AN amendments (the replay files bundled with the CLI).
/// </summary>
public sealed class MastodonChannelTests
{
    private static readonly string AmendmentsDir = Path.Combine(AppContext.BaseDirectory, "replay", "an", "amendements");

    /// <summary>n° 71: irrecevable, empty dispositif, so a short summary.</summary>
    private const string ShortAmendment = "AMANR5L17PO838901BTC0636P0D1N000071";

    /// <summary>n° 85 (Mme Regol et al.): ban on facial recognition in transport, long dispositif excerpt.</summary>
    private const string LongAmendment = "AMANR5L17PO838901BTC0636P0D1N000085";

    /// <summary>The message for « the amendment was just decided »: its headline, authors, outcome and dispositif excerpt.</summary>
    private static Summary SummaryOf(string uid)
    {
        var amendment = AmendmentParser.Parse(File.ReadAllBytes(Path.Combine(AmendmentsDir, uid + ".json")), uid);
        return new EventSummarizer().Summarize(amendment, EventKind.StatusChanged, "En discussion", RelevanceResult.None);
    }

    private static OutgoingMessage Message(Summary summary, MastodonTestServer server, int attempt = 1) =>
        new(OutboxId: 7, EventId: 42, Channel: "mastodon", Recipient: server.BaseUrl.Authority, summary,
            IdempotencyKey: "event-42/mastodon/" + server.BaseUrl.Authority, attempt);

    private static (MastodonChannel Channel, MastodonClient Client) Channel(MastodonTestServer server, string token = MastodonTestServer.Token,
        ProgressOnly? outbox = null, TimeProvider? clock = null, ILogger<MastodonChannel>? log = null)
    {
        var options = Options.Create(new MastodonOptions { InstanceUrl = server.BaseUrl, AccessToken = token });
        var client = new MastodonClient(new HttpClient(), options, clock);
        return (new MastodonChannel(client, outbox ?? new ProgressOnly(), options, log ?? NullLogger<MastodonChannel>.Instance), client);
    }

    /// <summary>The outbox as far as a channel uses it: the progress it saves per row (the stores' own tests cover the rest).</summary>
    private sealed class ProgressOnly : IOutbox
    {
        public Dictionary<long, string> Saved { get; } = [];

        public Task SaveProgressAsync(long outboxId, string progress, CancellationToken ct)
        {
            Saved[outboxId] = progress;
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<StoredEvent>> PendingFanOutAsync(int max, CancellationToken ct) => throw new NotSupportedException();
        public Task FanOutAsync(long eventId, IReadOnlyList<(string Channel, string Recipient)> targets, CancellationToken ct) => throw new NotSupportedException();
        public Task<IReadOnlyList<string>> DueChannelsAsync(DateTimeOffset dueBy, CancellationToken ct) => throw new NotSupportedException();
        public Task<IReadOnlyList<OutgoingMessage>> ClaimDueAsync(string? channel, DateTimeOffset dueBy, DateTimeOffset leasedUntil, int max, CancellationToken ct) => throw new NotSupportedException();
        public Task MarkSentAsync(long outboxId, string? externalId, DateTimeOffset at, CancellationToken ct) => throw new NotSupportedException();
        public Task MarkRetryAsync(long outboxId, string error, DateTimeOffset notBefore, CancellationToken ct) => throw new NotSupportedException();
        public Task MarkGoneAsync(long outboxId, string reason, CancellationToken ct) => throw new NotSupportedException();
        public Task ReleaseAsync(long outboxId, string reason, DateTimeOffset notBefore, CancellationToken ct) => throw new NotSupportedException();
        public Task<IReadOnlyDictionary<string, int>> ExpireAsync(DateTimeOffset dueBy, DateTimeOffset eventsBefore, string reason, CancellationToken ct) =>
            throw new NotSupportedException();
        public Task<IReadOnlyList<OutboxEntry>> EntriesAsync(CancellationToken ct) => throw new NotSupportedException();
    }

    /// <summary>The real time, moved forward by the test: hours pass without waiting for them.</summary>
    private sealed class MovableClock : TimeProvider
    {
        private TimeSpan _shift;

        public void Advance(TimeSpan by) => _shift += by;

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _shift;
    }

    private static Dictionary<string, string> RateLimited(DateTimeOffset reset) => new()
    {
        ["X-RateLimit-Limit"] = "300",
        ["X-RateLimit-Remaining"] = "0",
        ["X-RateLimit-Reset"] = reset.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task A_short_summary_is_one_public_status_in_french()
    {
        await using var server = await MastodonTestServer.StartAsync(maxCharacters: 500);
        var (channel, _) = Channel(server);
        var summary = SummaryOf(ShortAmendment);
        Assert.True(MastodonTestServer.CountLikeMastodon(summary.PlainText) <= 500, "the short fixture must fit one status");

        var result = await channel.SendAsync(Message(summary, server), CancellationToken.None);

        var status = Assert.Single(server.Statuses);
        Assert.Equal(new DeliveryResult.Sent(status.Id), result);
        Assert.Equal(summary.PlainText, status.Text);
        Assert.EndsWith(summary.Url, status.Text);
        Assert.Equal("fr", status.Language);
        Assert.Equal("public", status.Visibility);
        Assert.Null(status.InReplyToId);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(200)]
    public async Task A_long_summary_becomes_a_chained_thread_whose_parts_fit_with_the_link_first(int maxCharacters)
    {
        await using var server = await MastodonTestServer.StartAsync(maxCharacters);
        var (channel, _) = Channel(server);
        var summary = SummaryOf(LongAmendment);
        Assert.True(MastodonTestServer.CountLikeMastodon(summary.PlainText) > maxCharacters, "the long fixture must exceed the limit");

        var result = await channel.SendAsync(Message(summary, server), CancellationToken.None);

        var statuses = server.Statuses;
        Assert.True(statuses.Count >= 2);
        Assert.Equal(new DeliveryResult.Sent(statuses[0].Id), result);
        Assert.Null(statuses[0].InReplyToId);
        for (var i = 0; i < statuses.Count; i++)
        {
            Assert.True(MastodonTestServer.CountLikeMastodon(statuses[i].Text) <= maxCharacters, $"part {i + 1} is too long: {statuses[i].Text}");
            Assert.EndsWith($"({i + 1}/{statuses.Count})", statuses[i].Text);
            Assert.Equal("fr", statuses[i].Language);
            if (i > 0) Assert.Equal(statuses[i - 1].Id, statuses[i].InReplyToId);
        }
        Assert.Contains(summary.Url, statuses[0].Text);
        Assert.All(statuses.Skip(1), s => Assert.DoesNotContain(summary.Url, s.Text));
        Assert.StartsWith(summary.Headline[..20], statuses[0].Text);

        // Nothing lost, nothing reordered: the parts without numbering and link give back the summary's words.
        var body = summary.PlainText[..summary.PlainText.LastIndexOf(summary.Url, StringComparison.Ordinal)];
        var rebuilt = string.Join(' ', statuses.Select(s => Regex.Replace(s.Text, @"\n\(\d+/\d+\)$", "").Replace(summary.Url, "")));
        Assert.Equal(Words(body), Words(rebuilt));
    }

    [Fact]
    public async Task A_retry_after_a_500_that_had_created_the_status_posts_each_part_exactly_once()
    {
        await using var server = await MastodonTestServer.StartAsync(maxCharacters: 200);
        var (channel, _) = Channel(server);
        var summary = SummaryOf(LongAmendment);
        // The second part is stored but the answer is lost (a proxy's 500 after the write, as seen on real instances).
        server.Script(2, new ScriptedAnswer(500, CreateFirst: true));

        var first = await channel.SendAsync(Message(summary, server), CancellationToken.None);
        var retry = Assert.IsType<DeliveryResult.Retry>(first);
        Assert.Contains("500", retry.Reason);
        Assert.Contains("part 2/", retry.Reason);
        Assert.Equal(2, server.Statuses.Count);

        var second = await channel.SendAsync(Message(summary, server, attempt: 2), CancellationToken.None);
        // A third send, as after a crash before the outbox recorded the success, changes nothing either.
        var third = await channel.SendAsync(Message(summary, server, attempt: 3), CancellationToken.None);

        var statuses = server.Statuses;
        var expected = MastodonText.SplitThread(summary.PlainText, summary.Url, new InstanceLimits(200, 23));
        Assert.Equal(expected, statuses.Select(s => s.Text).ToList());
        Assert.Equal(statuses.Count, statuses.Select(s => s.IdempotencyKey).Distinct().Count());
        for (var i = 1; i < statuses.Count; i++) Assert.Equal(statuses[i - 1].Id, statuses[i].InReplyToId);
        Assert.Equal(new DeliveryResult.Sent(statuses[0].Id), second);
        Assert.Equal(second, third);
    }

    [Fact]
    public async Task A_thread_cut_off_carries_on_from_its_last_part_after_the_instance_forgot_the_keys()
    {
        await using var server = await MastodonTestServer.StartAsync(maxCharacters: 200);
        var outbox = new ProgressOnly();
        var (channel, _) = Channel(server, outbox: outbox);
        var summary = SummaryOf(LongAmendment);
        server.Script(2, new ScriptedAnswer(503)); // the second part is refused, nothing stored

        Assert.IsType<DeliveryResult.Retry>(await channel.SendAsync(Message(summary, server), CancellationToken.None));
        var firstPart = Assert.Single(server.Statuses);
        Assert.Equal(firstPart.Id, outbox.Saved[7]);

        // The retry comes hours later: the instance no longer knows the keys, the outbox row still knows part 1.
        server.ForgetIdempotencyKeys();
        var retried = await channel.SendAsync(Message(summary, server, attempt: 2) with { Progress = outbox.Saved[7] }, CancellationToken.None);

        var statuses = server.Statuses;
        var expected = MastodonText.SplitThread(summary.PlainText, summary.Url, new InstanceLimits(200, 23));
        Assert.Equal(expected, statuses.Select(s => s.Text).ToList());
        for (var i = 1; i < statuses.Count; i++) Assert.Equal(statuses[i - 1].Id, statuses[i].InReplyToId);
        Assert.Equal(new DeliveryResult.Sent(firstPart.Id), retried);
    }

    [Fact]
    public async Task When_the_status_a_part_replies_to_was_deleted_the_remaining_parts_start_a_new_thread()
    {
        await using var server = await MastodonTestServer.StartAsync(maxCharacters: 120);
        var outbox = new ProgressOnly();
        var logs = new ConcurrentQueue<string>();
        using var logging = LoggerFactory.Create(b => b.AddProvider(new RecordingLoggerProvider(logs)));
        var (channel, _) = Channel(server, outbox: outbox, log: logging.CreateLogger<MastodonChannel>());
        var summary = SummaryOf(LongAmendment);
        var thread = MastodonText.SplitThread(summary.PlainText, summary.Url, new InstanceLimits(120, 23));
        Assert.True(thread.Count >= 4, "the thread must go on after the part that starts anew");
        server.Script(3, new ScriptedAnswer(503)); // the third part is refused, nothing stored

        Assert.IsType<DeliveryResult.Retry>(await channel.SendAsync(Message(summary, server), CancellationToken.None));
        var (first, second) = (server.Statuses[0], server.Statuses[1]);
        // Before the retry, a moderator deletes the second part, which the third replies to.
        server.DeleteStatus(second.Id);
        var result = await channel.SendAsync(Message(summary, server, attempt: 2) with { Progress = outbox.Saved[7] }, CancellationToken.None);

        var statuses = server.Statuses;
        Assert.Equal(new DeliveryResult.Sent(first.Id), result);
        Assert.Equal(thread.Where((_, i) => i != 1), statuses.Select(s => s.Text));
        Assert.Null(statuses[1].InReplyToId);
        for (var i = 2; i < statuses.Count; i++) Assert.Equal(statuses[i - 1].Id, statuses[i].InReplyToId);
        Assert.Contains(logs, l => l.Contains("event 42") && l.Contains(second.Id) && l.Contains("new thread"));
    }

    [Fact]
    public async Task Another_message_under_an_event_id_already_used_is_posted_not_answered_with_the_earlier_status()
    {
        // Event ids start again at 1 in every database: a demo store, then the real one, both send an event 42 within the hour.
        await using var server = await MastodonTestServer.StartAsync(maxCharacters: 5000);
        var (channel, _) = Channel(server);
        var demo = SummaryOf(ShortAmendment);
        var real = SummaryOf(LongAmendment);

        await channel.SendAsync(Message(demo, server), CancellationToken.None);
        var result = await channel.SendAsync(Message(real, server), CancellationToken.None);

        var statuses = server.Statuses;
        Assert.Equal([demo.PlainText, real.PlainText], statuses.Select(s => s.Text));
        Assert.Equal(new DeliveryResult.Sent(statuses[1].Id), result);
    }

    [Fact]
    public async Task An_instance_in_limited_federation_mode_tells_its_limits_to_the_token_and_the_thread_goes_out()
    {
        await using var server = await MastodonTestServer.StartAsync(maxCharacters: 200, limitedFederation: true);
        var (channel, _) = Channel(server);
        var summary = SummaryOf(LongAmendment);

        var result = await channel.SendAsync(Message(summary, server), CancellationToken.None);

        var statuses = server.Statuses;
        Assert.Equal(new DeliveryResult.Sent(statuses[0].Id), result);
        // Cut at 200, not at Mastodon's default 500: the limits were read.
        Assert.Equal(MastodonText.SplitThread(summary.PlainText, summary.Url, new InstanceLimits(200, 23)), statuses.Select(s => s.Text).ToList());
    }

    [Fact]
    public async Task Limits_that_cannot_be_read_again_are_the_last_ones_read_and_limits_never_read_keep_the_message_waiting()
    {
        await using var server = await MastodonTestServer.StartAsync(maxCharacters: 200);
        var clock = new MovableClock();
        var (channel, _) = Channel(server, clock: clock);
        var summary = SummaryOf(LongAmendment);
        var thread = MastodonText.SplitThread(summary.PlainText, summary.Url, new InstanceLimits(200, 23));

        // Never read: a guessed limit may be more than this instance takes, and its 422 would lose the message.
        server.InstanceFailure = 502;
        var waiting = Assert.IsType<DeliveryResult.Retry>(await channel.SendAsync(Message(summary, server), CancellationToken.None));
        Assert.Contains("instance limits unavailable", waiting.Reason);
        Assert.Empty(server.Statuses);

        server.InstanceFailure = null;
        Assert.IsType<DeliveryResult.Sent>(await channel.SendAsync(Message(summary, server, attempt: 2), CancellationToken.None));

        // Hours later the limits are due to be read again, and the instance fails to describe itself.
        clock.Advance(TimeSpan.FromHours(7));
        server.InstanceFailure = 502;
        var next = Message(summary, server) with { OutboxId = 8, EventId = 43, IdempotencyKey = "event-43/mastodon/" + server.BaseUrl.Authority };
        var result = await channel.SendAsync(next, CancellationToken.None);

        var statuses = server.Statuses;
        Assert.Equal(thread.Concat(thread), statuses.Select(s => s.Text));
        Assert.Equal(new DeliveryResult.Sent(statuses[thread.Count].Id), result);
        Assert.Equal(3, server.InstanceReads);
    }

    [Fact]
    public async Task A_500_before_anything_was_stored_is_retried_without_duplicate()
    {
        await using var server = await MastodonTestServer.StartAsync(maxCharacters: 500);
        var (channel, _) = Channel(server);
        var summary = SummaryOf(ShortAmendment);
        server.Script(1, new ScriptedAnswer(503));

        Assert.IsType<DeliveryResult.Retry>(await channel.SendAsync(Message(summary, server), CancellationToken.None));
        Assert.Empty(server.Statuses);
        Assert.IsType<DeliveryResult.Sent>(await channel.SendAsync(Message(summary, server, attempt: 2), CancellationToken.None));
        Assert.Single(server.Statuses);
    }

    [Fact]
    public async Task A_429_gives_a_retry_after_the_announced_reset_and_holds_the_next_posts()
    {
        await using var server = await MastodonTestServer.StartAsync();
        var (channel, _) = Channel(server);
        var reset = DateTimeOffset.UtcNow.AddSeconds(90);
        server.Script(1, new ScriptedAnswer(429, RateLimited(reset), """{"error":"Too many requests"}"""));

        var result = await channel.SendAsync(Message(SummaryOf(ShortAmendment), server), CancellationToken.None);

        var retry = Assert.IsType<DeliveryResult.Retry>(result);
        Assert.Contains("429", retry.Reason);
        Assert.NotNull(retry.After);
        Assert.InRange(retry.After.Value, TimeSpan.FromSeconds(80), TimeSpan.FromSeconds(90));

        // Until the reset, the channel does not even ask: another 429 would only extend the penalty.
        var again = await channel.SendAsync(Message(SummaryOf(LongAmendment), server), CancellationToken.None);
        Assert.IsType<DeliveryResult.Retry>(again);
        Assert.Equal(1, server.PostRequests);
        Assert.Empty(server.Statuses);
    }

    [Fact]
    public async Task A_429_with_only_retry_after_seconds_is_honoured()
    {
        await using var server = await MastodonTestServer.StartAsync();
        var (channel, _) = Channel(server);
        server.Script(1, new ScriptedAnswer(429, new Dictionary<string, string> { ["Retry-After"] = "120" }));

        var retry = Assert.IsType<DeliveryResult.Retry>(await channel.SendAsync(Message(SummaryOf(ShortAmendment), server), CancellationToken.None));

        Assert.InRange(retry.After!.Value, TimeSpan.FromSeconds(110), TimeSpan.FromSeconds(120));
    }

    [Fact]
    public async Task A_spent_quota_stops_the_thread_until_the_reset_instead_of_earning_a_429()
    {
        await using var server = await MastodonTestServer.StartAsync(maxCharacters: 200);
        var (channel, _) = Channel(server);
        var reset = DateTimeOffset.UtcNow.AddSeconds(60);
        server.Script(1, new ScriptedAnswer(200, RateLimited(reset), CreateFirst: true));

        var result = await channel.SendAsync(Message(SummaryOf(LongAmendment), server), CancellationToken.None);

        var retry = Assert.IsType<DeliveryResult.Retry>(result);
        Assert.Contains("part 2/", retry.Reason);
        Assert.InRange(retry.After!.Value, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(60));
        Assert.Equal(1, server.PostRequests);
        Assert.Single(server.Statuses);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // refused as early as the instance description
    public async Task A_refused_token_makes_the_channel_unavailable_until_the_token_is_fixed_and_is_never_shown(bool limitedFederation)
    {
        await using var server = await MastodonTestServer.StartAsync(limitedFederation: limitedFederation);
        const string wrongToken = "revoked-token-7c1d2e3f4a5b";
        var (channel, _) = Channel(server, wrongToken);
        var message = Message(SummaryOf(ShortAmendment), server);

        var result = await channel.SendAsync(message, CancellationToken.None);

        var down = Assert.IsType<DeliveryResult.ChannelUnavailable>(result);
        Assert.Contains("401", down.Reason);
        Assert.Contains(limitedFederation ? "This API requires an authenticated user" : "The access token is invalid", down.Reason);
        Assert.DoesNotContain(wrongToken, down.Reason);
        Assert.Empty(server.Statuses);

        // The operator sets a valid token: the same message goes out.
        var (fixedChannel, _) = Channel(server);
        Assert.IsType<DeliveryResult.Sent>(await fixedChannel.SendAsync(message, CancellationToken.None));
        Assert.Single(server.Statuses);
    }

    [Fact]
    public async Task A_suspended_account_makes_the_channel_unavailable()
    {
        await using var server = await MastodonTestServer.StartAsync();
        var (channel, _) = Channel(server);
        server.Script(1, new ScriptedAnswer(403, Body: """{"error":"Your login is currently disabled"}"""));

        var result = await channel.SendAsync(Message(SummaryOf(ShortAmendment), server), CancellationToken.None);

        var down = Assert.IsType<DeliveryResult.ChannelUnavailable>(result);
        Assert.Contains("403", down.Reason);
        Assert.Contains("Your login is currently disabled", down.Reason);
        Assert.Empty(server.Statuses);
    }

    [Fact]
    public async Task A_status_the_instance_will_not_publish_is_refused_not_a_recipient_gone()
    {
        await using var server = await MastodonTestServer.StartAsync();
        var (channel, _) = Channel(server);
        server.Script(1, new ScriptedAnswer(422, Body: """{"error":"Validation failed: Text character limit of 500 exceeded"}"""));

        var result = await channel.SendAsync(Message(SummaryOf(ShortAmendment), server), CancellationToken.None);

        var refused = Assert.IsType<DeliveryResult.Refused>(result);
        Assert.Contains("422", refused.Reason);
        Assert.Contains("Text character limit of 500 exceeded", refused.Reason);
        Assert.Empty(server.Statuses);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(500)]
    [InlineData(429)]
    public async Task The_token_is_scrubbed_even_when_the_server_echoes_it(int code)
    {
        await using var server = await MastodonTestServer.StartAsync();
        var (channel, _) = Channel(server);
        server.Script(1, new ScriptedAnswer(code, Body: """{"error":"bad header {authorization}"}"""));

        var result = await channel.SendAsync(Message(SummaryOf(ShortAmendment), server), CancellationToken.None);

        var reason = result switch
        {
            DeliveryResult.Retry r => r.Reason,
            DeliveryResult.RecipientGone g => g.Reason,
            DeliveryResult.Refused f => f.Reason,
            DeliveryResult.ChannelUnavailable u => u.Reason,
            _ => throw new Xunit.Sdk.XunitException($"unexpected {result}"),
        };
        Assert.Contains("bad header Bearer ***", reason);
        Assert.DoesNotContain(MastodonTestServer.Token, reason);
    }

    [Fact]
    public async Task An_unreachable_instance_is_a_retry_whose_reason_has_no_token()
    {
        // A port that was just free: nothing listens there.
        await using var server = await MastodonTestServer.StartAsync();
        var url = server.BaseUrl;
        await server.DisposeAsync();
        var options = Options.Create(new MastodonOptions { InstanceUrl = url, AccessToken = MastodonTestServer.Token });
        var channel = new MastodonChannel(new MastodonClient(new HttpClient(), options), new ProgressOnly(), options, NullLogger<MastodonChannel>.Instance);

        var result = await channel.SendAsync(
            new OutgoingMessage(1, 1, "mastodon", url.Authority, SummaryOf(ShortAmendment), "k", 1), CancellationToken.None);

        var retry = Assert.IsType<DeliveryResult.Retry>(result);
        Assert.DoesNotContain(MastodonTestServer.Token, retry.Reason);
    }

    [Fact]
    public async Task The_client_reports_an_over_long_status_as_rejected_and_reads_the_limits_once()
    {
        await using var server = await MastodonTestServer.StartAsync(maxCharacters: 200);
        var (_, client) = Channel(server);

        Assert.Equal(new InstanceLimits(200, 23), await client.GetLimitsAsync(CancellationToken.None));
        Assert.Equal(new InstanceLimits(200, 23), await client.GetLimitsAsync(CancellationToken.None));
        Assert.Equal(1, server.InstanceReads);

        var result = await client.PostStatusAsync(SummaryOf(LongAmendment).PlainText, null, "too-long", CancellationToken.None);

        var rejected = Assert.IsType<PostResult.Rejected>(result);
        Assert.Equal(422, rejected.StatusCode);
        Assert.Contains("Text character limit of 200 exceeded", rejected.Reason);
    }

    [Fact]
    public async Task The_client_returns_the_id_and_url_and_replays_a_known_key()
    {
        await using var server = await MastodonTestServer.StartAsync();
        var (_, client) = Channel(server);

        var first = Assert.IsType<PostResult.Posted>(await client.PostStatusAsync("Bonjour", null, "same-key", CancellationToken.None));
        var again = Assert.IsType<PostResult.Posted>(await client.PostStatusAsync("Bonjour", null, "same-key", CancellationToken.None));

        Assert.Equal(first, again);
        Assert.Equal(new Uri(server.BaseUrl, "@veille/" + first.Id), first.Url);
        Assert.Single(server.Statuses);
    }

    [Fact]
    public async Task Registered_through_the_http_client_factory_it_posts_to_the_configured_account()
    {
        await using var server = await MastodonTestServer.StartAsync();
        var services = new ServiceCollection();
        services.AddOptions<MastodonOptions>().Configure(o =>
        {
            o.InstanceUrl = server.BaseUrl;
            o.AccessToken = MastodonTestServer.Token;
        });
        services.AddHttpClient<MastodonClient>((sp, http) => http.Timeout = sp.GetRequiredService<IOptions<MastodonOptions>>().Value.Timeout)
            .UseSocketsHttpHandler((handler, _) => handler.PooledConnectionLifetime = TimeSpan.FromMinutes(5))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.AddSingleton<IOutbox>(new ProgressOnly()); // the host registers its store
        services.AddSingleton<IDeliveryChannel, MastodonChannel>();
        await using var provider = services.BuildServiceProvider();
        var channel = Assert.Single(provider.GetServices<IDeliveryChannel>());

        var recipients = await channel.RecipientsAsync(Event(), CancellationToken.None);
        var result = await channel.SendAsync(Message(SummaryOf(ShortAmendment), server), CancellationToken.None);

        Assert.Equal("mastodon", channel.Name);
        Assert.Equal([server.BaseUrl.Authority], recipients);
        Assert.IsType<DeliveryResult.Sent>(result);
        Assert.Single(server.Statuses);
    }

    [Fact]
    public async Task The_token_is_never_sent_over_plain_http_to_a_remote_host()
    {
        var options = Options.Create(new MastodonOptions { InstanceUrl = new Uri("http://mastodon.example/"), AccessToken = MastodonTestServer.Token });
        var client = new MastodonClient(new HttpClient(), options);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => client.PostStatusAsync("Bonjour", null, "k", CancellationToken.None));

        Assert.Contains("not https", e.Message);
        Assert.DoesNotContain(MastodonTestServer.Token, e.Message);
    }

    [Fact]
    public async Task Without_a_token_there_is_no_recipient()
    {
        var options = Options.Create(new MastodonOptions { InstanceUrl = new Uri("https://mastodon.example/") });
        var channel = new MastodonChannel(new MastodonClient(new HttpClient(), options), new ProgressOnly(), options, NullLogger<MastodonChannel>.Instance);

        Assert.Empty(await channel.RecipientsAsync(Event(), CancellationToken.None));
    }

    [Fact]
    public async Task A_row_for_another_account_is_not_posted_here()
    {
        await using var server = await MastodonTestServer.StartAsync();
        var (channel, _) = Channel(server);
        var message = Message(SummaryOf(ShortAmendment), server) with { Recipient = "ancienne-instance.example" };

        Assert.IsType<DeliveryResult.RecipientGone>(await channel.SendAsync(message, CancellationToken.None));
        Assert.Equal(0, server.PostRequests);
    }

    private static WatchEvent Event() =>
        new(42, "AMANR5L17PO838901BTC0636P0D1N000085", ItemKind.Amendment, EventKind.Created, DateTimeOffset.UnixEpoch, [], "", null, []);

    private static string[] Words(string text) => text.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
}
