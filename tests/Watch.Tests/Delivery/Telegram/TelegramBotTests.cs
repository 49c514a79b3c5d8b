using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Watch.Cli.Replay;
using Watch.Delivery;
using Watch.Delivery.Telegram;
using Watch.Summaries;
using Watch.Tests.Storage;
using Watch.Versions;
using Watch.Scheduling;
using Watch.Tests.EndToEnd;
using Watch.Tests.Infrastructure;

namespace Watch.Tests.Delivery.Telegram;

/// <summary>The bot for people and the channel's error handling, against the telegram-test-api emulator.</summary>
public sealed class TelegramBotTests : IAsyncLifetime
{
    private const string Token = "987654:watch-bot-token";
    private const long Alice = 5551;
    private const long Bob = 5552;

    private TelegramTestApi _telegram = null!;
    private readonly TestHost _host = new();
    private int _offset;

    public async Task InitializeAsync() => _telegram = await TelegramTestApi.StartAsync();

    public async Task DisposeAsync()
    {
        await _telegram.DisposeAsync();
        _host.Dispose();
    }

    private ServiceProvider Watch(Uri botApi, Uri? anBase = null) => _host.Build(new Dictionary<string, string?>
    {
        ["Sources:AssembleeNationale:BaseUrl"] = anBase?.ToString() ?? "http://127.0.0.1:9/",
        ["Channels:Telegram:BotToken"] = Token,
        ["Channels:Telegram:ApiBaseUrl"] = botApi.ToString(),
        ["Delivery:RetryBase"] = "00:00:00.001",
    });

    /// <summary>A user writes to the bot; the bot polls once and answers; the answer is returned.</summary>
    private async Task<string> SayAsync(IServiceProvider watch, long chat, string text)
    {
        var before = (await _telegram.BotTextsAsync(Token, chat)).Count;
        await _telegram.SendUserMessageAsync(Token, chat, text);
        _offset = await ActivatorUtilities.CreateInstance<TelegramUpdates>(watch).PollOnceAsync(_offset, timeoutSeconds: 0, CancellationToken.None);
        var texts = await _telegram.BotTextsAsync(Token, chat);
        Assert.Equal(before + 1, texts.Count);
        return texts[^1];
    }

    [Fact]
    public async Task Commands_are_answered_in_french_and_subscriptions_are_stored()
    {
        await using var watch = Watch(_telegram.BaseUrl);
        var store = watch.GetRequiredService<ISubscriberStore>();

        Assert.Contains("Bienvenue", await SayAsync(watch, Alice, "/start"));
        var subscriber = await store.FindAsync("telegram", Alice.ToString(), CancellationToken.None);
        Assert.Equal(SubscriberState.Active, subscriber!.State);

        var themes = await SayAsync(watch, Alice, "/themes");
        Assert.Contains("<code>vsa</code>", themes);
        Assert.Contains("<code>biometrie</code>", themes);

        Assert.Contains("Vous suivez désormais", await SayAsync(watch, Alice, "/suivre vsa"));
        Assert.Contains("Vous suivez désormais", await SayAsync(watch, Alice, "/suivre DLR5L16N49176"));
        Assert.Contains("Je ne reconnais pas « &lt;b&gt;n'importe quoi&lt;/b&gt; »", await SayAsync(watch, Alice, "/suivre <b>n'importe quoi</b>"));
        // What is quoted back is cut short: 4,000 characters typed would make an answer Telegram refuses.
        Assert.True((await SayAsync(watch, Alice, "/suivre " + new string('x', 4000))).Length < 400);
        Assert.Equal(["DLR5L16N49176", "vsa"], (await store.SubscriptionsAsync(subscriber.Id, CancellationToken.None)).Select(s => s.Value));
        // An article is kept as amendments' keys write it, whatever the case and « 1er ».
        Assert.Contains("Vous suivez désormais", await SayAsync(watch, Alice, "/suivre PIONANR5L17BTC0636#1er BIS"));
        Assert.Contains("PIONANR5L17BTC0636#1 bis", (await store.SubscriptionsAsync(subscriber.Id, CancellationToken.None)).Select(s => s.Value));
        Assert.Contains("ne suivez plus", await SayAsync(watch, Alice, "/arreter PIONANR5L17BTC0636#1er bis"));

        var list = await SayAsync(watch, Alice, "/liste");
        Assert.Contains("DLR5L16N49176", list);
        Assert.Contains("(vsa)", list);

        Assert.Contains("pause", await SayAsync(watch, Alice, "/pause"));
        Assert.Equal(SubscriberState.Paused, (await store.FindAsync("telegram", Alice.ToString(), CancellationToken.None))!.State);
        Assert.Contains("relancées", await SayAsync(watch, Alice, "/reprendre"));
        Assert.Contains("ne suivez plus", await SayAsync(watch, Alice, "/arreter vsa"));
        Assert.Equal(["DLR5L16N49176"], (await store.SubscriptionsAsync(subscriber.Id, CancellationToken.None)).Select(s => s.Value));

        var unknown = await SayAsync(watch, Alice, "/inconnue");
        Assert.Contains("Commande inconnue", unknown);
        Assert.Contains("/suivre", unknown);
        Assert.Contains("/start", await SayAsync(watch, Bob, "/liste")); // not subscribed yet: told how to start
    }

    [Fact]
    public async Task Adopted_texts_and_identifiers_typed_in_another_case_are_followed_as_events_write_them()
    {
        await using var watch = Watch(_telegram.BaseUrl);
        var store = watch.GetRequiredService<ISubscriberStore>();
        await SayAsync(watch, Alice, "/start");
        var subscriber = await store.FindAsync("telegram", Alice.ToString(), CancellationToken.None);

        // A texte adopté (« BTA », fixtures/an/dossiers), a dossier typed in lower case, a Sénat signet in capitals.
        Assert.Contains("Vous suivez désormais", await SayAsync(watch, Alice, "/suivre PRJLANR5L15BTA0302"));
        Assert.Contains("Vous suivez désormais", await SayAsync(watch, Alice, "/suivre dlr5l16n49176"));
        Assert.Contains("Vous suivez désormais", await SayAsync(watch, Alice, "/suivre PJL22-220"));
        // A resolution's dossier, as the Sénat's recent texts page links it (fixtures/senat/textes-recents.html).
        Assert.Contains("Vous suivez désormais", await SayAsync(watch, Alice, "/suivre ppr18-458"));
        Assert.Equal(["DLR5L16N49176", "PRJLANR5L15BTA0302", "pjl22-220", "ppr18-458"],
            (await store.SubscriptionsAsync(subscriber!.Id, CancellationToken.None)).Select(s => s.Value).Order(StringComparer.Ordinal));

        // Nothing typed after the command: told what to type, not « je ne reconnais pas «  » ».
        var bare = await SayAsync(watch, Alice, "/suivre");
        Assert.DoesNotContain("«  »", bare);
        Assert.Contains("Indiquez", bare);
    }

    [Fact]
    public async Task Subscribers_receive_the_events_they_follow_and_only_those()
    {
        await using var an = await ReplayServer.StartAsync(Path.Combine(AppContext.BaseDirectory, "replay", "an", "amendements"));
        await using var watch = Watch(_telegram.BaseUrl, an.BaseUrl);
        var store = watch.GetRequiredService<ISubscriberStore>();
        var alice = await store.GetOrCreateAsync("telegram", Alice.ToString(), SubscriberState.Active, CancellationToken.None);
        await store.FollowAsync(alice.Id, "biometrie", CancellationToken.None);
        var bob = await store.GetOrCreateAsync("telegram", Bob.ToString(), SubscriberState.Active, CancellationToken.None);
        await store.FollowAsync(bob.Id, "PIONANR5L17BTC1043", CancellationToken.None); // the narcotrafic text in séance

        await watch.GetRequiredService<SourceJob>().RunOnceAsync("an-amendements", CancellationToken.None);
        await watch.GetRequiredService<OutboxDispatcher>().RunAsync(CancellationToken.None);

        var events = await watch.GetRequiredService<Watch.Versions.IVersionStore>().EventsSinceAsync(0, 100, CancellationToken.None);
        var aliceTexts = await _telegram.BotTextsAsync(Token, Alice);
        var bobTexts = await _telegram.BotTextsAsync(Token, Bob);
        Assert.Equal(events.Count(e => e.Event.Topics.Contains("biometrie")), aliceTexts.Count);
        Assert.Contains(aliceTexts, t => t.Contains("N000085"));
        Assert.Equal(events.Count(e => e.Event.Keys.Contains("PIONANR5L17BTC1043")), bobTexts.Count);
        Assert.NotEmpty(bobTexts);
        Assert.All(bobTexts, t => Assert.Contains("BTC1043", t));
    }

    [Fact]
    public async Task An_answer_Telegram_refuses_does_not_stop_the_updates_behind_it_nor_come_again()
    {
        // Alice blocks the bot right after writing to it; Bob writes next.
        await using var flaky = await FlakyProxy.StartAsync(_telegram.BaseUrl, "sendMessage",
            (403, """{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}"""));
        await using var watch = Watch(flaky.BaseUrl);
        await _telegram.SendUserMessageAsync(Token, Alice, "/start");
        await _telegram.SendUserMessageAsync(Token, Bob, "/start");
        var updates = ActivatorUtilities.CreateInstance<TelegramUpdates>(watch);

        var next = await updates.PollOnceAsync(0, timeoutSeconds: 0, CancellationToken.None);
        Assert.Equal(next, await updates.PollOnceAsync(next, timeoutSeconds: 0, CancellationToken.None));

        Assert.Contains("Bienvenue", Assert.Single(await _telegram.BotTextsAsync(Token, Bob)));
        Assert.Empty(await _telegram.BotTextsAsync(Token, Alice));
        Assert.Equal(1, flaky.Failed); // Alice's answer was tried once, not again at each poll
    }

    [Fact]
    public async Task A_list_longer_than_one_telegram_message_comes_in_parts()
    {
        await using var watch = Watch(_telegram.BaseUrl);
        var store = watch.GetRequiredService<ISubscriberStore>();
        var alice = await store.GetOrCreateAsync("telegram", Alice.ToString(), SubscriberState.Active, CancellationToken.None);
        for (var article = 1; article <= 200; article++) await store.FollowAsync(alice.Id, $"PIONANR5L17BTC0636#{article}", CancellationToken.None);

        await _telegram.SendUserMessageAsync(Token, Alice, "/liste");
        await ActivatorUtilities.CreateInstance<TelegramUpdates>(watch).PollOnceAsync(0, timeoutSeconds: 0, CancellationToken.None);

        var parts = await _telegram.BotTextsAsync(Token, Alice);
        Assert.True(parts.Count >= 2, $"{parts.Count} part(s)");
        Assert.All(parts, p => Assert.True(p.Length <= TelegramHtml.MaxLength));
        Assert.Contains("PIONANR5L17BTC0636#200", string.Concat(parts));
    }

    [Fact]
    public async Task A_command_the_store_cannot_answer_is_told_to_the_user_and_the_updates_behind_go_on()
    {
        await using var watch = Watch(_telegram.BaseUrl);
        var down = DispatchProxy.Create<ISubscriberStore, Unreachable>();
        var updates = ActivatorUtilities.CreateInstance<TelegramUpdates>(watch, ActivatorUtilities.CreateInstance<TelegramCommands>(watch, down));
        await _telegram.SendUserMessageAsync(Token, Alice, "/suivre vsa");
        await _telegram.SendUserMessageAsync(Token, Bob, "/aide");

        var next = await updates.PollOnceAsync(0, timeoutSeconds: 0, CancellationToken.None);

        Assert.Contains("Réessayez dans quelques minutes", Assert.Single(await _telegram.BotTextsAsync(Token, Alice)));
        Assert.Contains("/suivre", Assert.Single(await _telegram.BotTextsAsync(Token, Bob)));
        Assert.Equal(next, await updates.PollOnceAsync(next, timeoutSeconds: 0, CancellationToken.None)); // both handled
    }

    [Fact]
    public async Task A_refused_token_while_polling_is_said_once_and_the_polls_back_off()
    {
        const string unauthorized = """{"ok":false,"error_code":401,"description":"Unauthorized"}""";
        await using var flaky = await FlakyProxy.StartAsync(_telegram.BaseUrl, "getUpdates", failures: 5, 401, unauthorized);
        await using var watch = Watch(flaky.BaseUrl);
        var clock = new ImpatientClock();
        var updates = ActivatorUtilities.CreateInstance<TelegramUpdates>(watch, (TimeProvider)clock);
        await _telegram.SendUserMessageAsync(Token, Alice, "/start");

        await updates.StartAsync(CancellationToken.None);
        // The token works again after five refusals: the poll after them answers Alice.
        for (var i = 0; i < 200 && (await _telegram.BotTextsAsync(Token, Alice)).Count == 0; i++) await Task.Delay(50);
        await updates.StopAsync(CancellationToken.None);

        Assert.Contains("Bienvenue", Assert.Single(await _telegram.BotTextsAsync(Token, Alice)));
        Assert.Equal(5, flaky.Failed);
        Assert.Equal([5, 10, 20, 40, 80], clock.Waits.Select(w => w.TotalSeconds));
        Assert.Single(_host.Logs, l => l.Contains("getUpdates"));
        Assert.DoesNotContain(_host.Logs, l => l.Contains(Token));
    }

    /// <summary>Lets every wait pass at once, and remembers how long each was meant to be.</summary>
    private sealed class ImpatientClock : TimeProvider
    {
        public System.Collections.Concurrent.ConcurrentQueue<TimeSpan> Waits { get; } = new();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime != Timeout.InfiniteTimeSpan) Waits.Enqueue(dueTime);
            return System.CreateTimer(callback, state, dueTime == Timeout.InfiniteTimeSpan ? dueTime : TimeSpan.Zero, period);
        }
    }

    /// <summary>A subscriber store whose database is down: every call fails.</summary>
    public class Unreachable : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            throw new InvalidOperationException("connection refused (the database is restarting)");
    }

    [Fact]
    public async Task A_429_is_retried_after_retry_after_and_a_403_deactivates_the_subscriber()
    {
        await using var an = await ReplayServer.StartAsync(Path.Combine(AppContext.BaseDirectory, "replay", "an", "amendements"));
        await using var flaky = await FlakyProxy.StartAsync(_telegram.BaseUrl, "sendMessage",
            (429, """{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7","parameters":{"retry_after":7}}"""),
            (403, """{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}"""));
        await using var watch = Watch(flaky.BaseUrl, an.BaseUrl);
        var store = watch.GetRequiredService<ISubscriberStore>();
        var outbox = watch.GetRequiredService<IOutbox>();
        var alice = await store.GetOrCreateAsync("telegram", Alice.ToString(), SubscriberState.Active, CancellationToken.None);
        await store.FollowAsync(alice.Id, "AMANR5L17PO838901BTC0636P0D1N000085", CancellationToken.None);
        await watch.GetRequiredService<SourceJob>().RunOnceAsync("an-amendements", CancellationToken.None);
        var dispatcher = watch.GetRequiredService<OutboxDispatcher>();

        var before = DateTimeOffset.UtcNow;
        var first = await dispatcher.RunAsync(CancellationToken.None);
        Assert.Equal(1, first.Retrying);
        var row = Assert.Single(await outbox.EntriesAsync(CancellationToken.None));
        Assert.Equal("pending", row.State);
        Assert.Contains("429", row.LastError);
        // retry_after honoured: nothing is due before 7 s have passed.
        Assert.Empty(await outbox.ClaimDueAsync(null, before.AddSeconds(6), before.AddSeconds(6) + TimeSpan.FromMinutes(5), 10, CancellationToken.None));
        Assert.Equal(0, (await dispatcher.RunAsync(CancellationToken.None)).Sent);

        var clock = new ShiftedClock(TimeSpan.FromSeconds(8));
        var later = ActivatorUtilities.CreateInstance<OutboxDispatcher>(watch, (TimeProvider)clock);
        var second = await later.RunAsync(CancellationToken.None);
        Assert.Equal(1, second.Gone);
        Assert.Equal("gone", Assert.Single(await outbox.EntriesAsync(CancellationToken.None)).State);
        Assert.Equal(SubscriberState.Gone, (await store.FindAsync("telegram", Alice.ToString(), CancellationToken.None))!.State);

        // Gone for good: a later run tries nothing, and the next event is not even addressed to Alice.
        var last = await later.RunAsync(CancellationToken.None);
        Assert.Equal((0, 0, 0, 0, 0, 0), (last.FannedOut, last.Sent, last.Retrying, last.Gone, last.Expired, last.Unavailable.Count));
        Assert.Equal(2, flaky.Failed);
        Assert.Empty(await _telegram.BotTextsAsync(Token, Alice));
    }

    [Theory]
    [InlineData(401, "Unauthorized")] // a revoked or unknown token
    [InlineData(404, "Not Found")] // a malformed one
    public async Task A_refused_bot_token_stops_the_channel_for_the_run_and_its_messages_wait_untried_until_it_is_fixed(int code, string description)
    {
        await using var flaky = await FlakyProxy.StartAsync(_telegram.BaseUrl, "sendMessage",
            (code, $$"""{"ok":false,"error_code":{{code}},"description":"{{description}}"}"""));
        await using var watch = _host.Build(new Dictionary<string, string?>
        {
            ["Channels:Telegram:BotToken"] = Token,
            ["Channels:Telegram:ApiBaseUrl"] = flaky.BaseUrl.ToString(),
            ["Delivery:MaxParallelSends"] = "1", // one send at a time: none is in flight beside the refused one
        });
        var store = watch.GetRequiredService<ISubscriberStore>();
        string[] items = [RealItems.FacialRecognitionBan, RealItems.PrisonDrones];
        foreach (var chat in new[] { Alice, Bob })
        {
            var subscriber = await store.GetOrCreateAsync("telegram", chat.ToString(), SubscriberState.Active, CancellationToken.None);
            foreach (var item in items) await store.FollowAsync(subscriber.Id, item, CancellationToken.None);
        }
        var versions = items.Select(RealItems.Version).ToList();
        await watch.GetRequiredService<IVersionStore>().CommitAsync(versions, versions.Select(v => RealItems.Event(v)).ToList(), [], [], CancellationToken.None);
        var outbox = watch.GetRequiredService<IOutbox>();
        var dispatcher = watch.GetRequiredService<OutboxDispatcher>();

        var refused = await dispatcher.RunAsync(CancellationToken.None);

        Assert.Contains($"{code}: {description}", refused.Unavailable["telegram"]);
        Assert.Equal((0, 0, 0), (refused.Sent, refused.Retrying, refused.Gone));
        Assert.Equal(1, flaky.Failed); // the first refusal stopped the channel: the proxy would have let the next send through
        var rows = await outbox.EntriesAsync(CancellationToken.None);
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal(("pending", 0), (r.State, r.Attempts)));
        Assert.Single(_host.Logs, l => l.Contains("Channel telegram cannot send"));
        Assert.DoesNotContain(_host.Logs, l => l.Contains("retry in"));
        Assert.DoesNotContain(_host.Logs, l => l.Contains(Token));
        Assert.Equal(SubscriberState.Active, (await store.FindAsync("telegram", Alice.ToString(), CancellationToken.None))!.State);

        // The token is fixed (the proxy refuses no more): the next run sends every message, once.
        var fixedRun = await dispatcher.RunAsync(CancellationToken.None);

        Assert.Equal(4, fixedRun.Sent);
        Assert.Empty(fixedRun.Unavailable);
        Assert.Equal(2, (await _telegram.BotTextsAsync(Token, Alice)).Count);
        Assert.Equal(2, (await _telegram.BotTextsAsync(Token, Bob)).Count);
        Assert.All(await outbox.EntriesAsync(CancellationToken.None), r => Assert.Equal(("sent", 1), (r.State, r.Attempts)));
    }

    /// <summary>
    /// Telegram's 429 asks the bot to wait before its next request to that chat: the chat's other messages wait too, and
    /// go out after the first, in order, instead of running into the same flood wait and overtaking it.
    /// </summary>
    [Fact]
    public async Task A_429_holds_the_chat_s_next_messages_until_retry_after_and_they_follow_in_order()
    {
        await using var flaky = await FlakyProxy.StartAsync(_telegram.BaseUrl, "sendMessage",
            (429, """{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 30","parameters":{"retry_after":30}}"""));
        await using var watch = Watch(flaky.BaseUrl);
        var store = watch.GetRequiredService<ISubscriberStore>();
        var alice = await store.GetOrCreateAsync("telegram", Alice.ToString(), SubscriberState.Active, CancellationToken.None);
        string[] items = [RealItems.FacialRecognitionBan, RealItems.VsaRepeal, RealItems.PrisonDrones];
        foreach (var item in items) await store.FollowAsync(alice.Id, item, CancellationToken.None);
        var versions = items.Select(RealItems.Version).ToList();
        var events = versions.Select(v => RealItems.Event(v)).ToList();
        await watch.GetRequiredService<IVersionStore>().CommitAsync(versions, events, [], [], CancellationToken.None);
        var outbox = watch.GetRequiredService<IOutbox>();

        var before = DateTimeOffset.UtcNow;
        var first = await watch.GetRequiredService<OutboxDispatcher>().RunAsync(CancellationToken.None);

        Assert.Equal((0, 3), (first.Sent, first.Retrying));
        Assert.Empty(await _telegram.BotTextsAsync(Token, Alice));
        Assert.Equal(1, flaky.Failed); // the two others were not even asked for
        var rows = (await outbox.EntriesAsync(CancellationToken.None)).OrderBy(r => r.Id).ToList();
        Assert.All(rows, r => Assert.Equal("pending", r.State));
        Assert.Equal([1, 0, 0], rows.Select(r => r.Attempts)); // held back untried, the others lose no attempt
        Assert.Empty(await outbox.ClaimDueAsync(null, before.AddSeconds(29), before.AddSeconds(29) + TimeSpan.FromMinutes(5), 10, CancellationToken.None));

        var later = ActivatorUtilities.CreateInstance<OutboxDispatcher>(watch, (TimeProvider)new ShiftedClock(TimeSpan.FromSeconds(31)));
        Assert.Equal(3, (await later.RunAsync(CancellationToken.None)).Sent);
        var texts = await _telegram.BotTextsAsync(Token, Alice);
        Assert.Equal(3, texts.Count);
        Assert.All(texts.Zip(events), pair => Assert.Contains(pair.Second.Summary.Headline[..20], pair.First));
    }

    [Fact]
    public async Task A_message_in_parts_cut_by_a_429_sends_only_its_missing_parts_on_retry()
    {
        await using var flaky = await FlakyProxy.StartAsync(_telegram.BaseUrl, "sendMessage",
            (0, ""), (429, """{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}}"""));
        await using var watch = Watch(flaky.BaseUrl);
        var store = watch.GetRequiredService<ISubscriberStore>();
        var alice = await store.GetOrCreateAsync("telegram", Alice.ToString(), SubscriberState.Active, CancellationToken.None);
        await store.FollowAsync(alice.Id, RealItems.FacialRecognitionBan, CancellationToken.None);
        // A real event whose message is longer than one Telegram message allows: n° 85's summary told twelve times over.
        var version = RealItems.Version(RealItems.FacialRecognitionBan);
        var created = RealItems.Event(version);
        var html = string.Join("\n\n", Enumerable.Range(1, 12).Select(i => $"{i}. {created.Summary.Html}"));
        var parts = TelegramText.Split(html, TelegramHtml.MaxLength);
        Assert.True(parts.Count >= 2);
        await watch.GetRequiredService<IVersionStore>().CommitAsync([version], [created with { Summary = created.Summary with { Html = html } }], [], [], CancellationToken.None);

        await watch.GetRequiredService<OutboxDispatcher>().RunAsync(CancellationToken.None);
        Assert.Single(await _telegram.BotTextsAsync(Token, Alice)); // the first part went, the second met the 429
        var row = (await watch.GetRequiredService<IOutbox>().EntriesAsync(CancellationToken.None)).Single(e => e.Channel == "telegram");
        Assert.Equal("pending", row.State);

        var later = ActivatorUtilities.CreateInstance<OutboxDispatcher>(watch, (TimeProvider)new ShiftedClock(TimeSpan.FromSeconds(5)));
        await later.RunAsync(CancellationToken.None);

        Assert.Equal(parts.Count, (await _telegram.BotTextsAsync(Token, Alice)).Count); // each part once: the first is not sent again
        Assert.Equal("sent", (await watch.GetRequiredService<IOutbox>().EntriesAsync(CancellationToken.None)).Single(e => e.Channel == "telegram").State);
    }

    /// <summary>
    /// A configured group that its admins upgraded to a supergroup: Telegram refuses every send to the old id with a 400
    /// naming the new one. The message goes there, and so do the next ones, without asking the old id again.
    /// </summary>
    [Fact]
    public async Task A_group_upgraded_to_a_supergroup_gets_its_messages_at_the_id_telegram_names()
    {
        const long group = -4242, supergroup = -1001234567890;
        await using var flaky = await FlakyProxy.StartAsync(_telegram.BaseUrl, "sendMessage", body => body.Contains($"\"chat_id\":{group}"),
            Enumerable.Repeat((400, $$$"""{"ok":false,"error_code":400,"description":"Bad Request: group chat was upgraded to a supergroup chat","parameters":{"migrate_to_chat_id":{{{supergroup}}}}}"""), 5).ToArray());
        await using var watch = _host.Build(new Dictionary<string, string?>
        {
            ["Channels:Telegram:BotToken"] = Token,
            ["Channels:Telegram:ApiBaseUrl"] = flaky.BaseUrl.ToString(),
            ["Channels:Telegram:ChatIds:0"] = group.ToString(),
        });
        var store = watch.GetRequiredService<IVersionStore>();
        var dispatcher = watch.GetRequiredService<OutboxDispatcher>();
        var events = new List<NewEvent>();
        foreach (var item in new[] { RealItems.FacialRecognitionBan, RealItems.PrisonDrones })
        {
            var version = RealItems.Version(item);
            events.Add(RealItems.Event(version));
            await store.CommitAsync([version], [events[^1]], [], [], CancellationToken.None);
            Assert.Equal(1, (await dispatcher.RunAsync(CancellationToken.None)).Sent);
        }

        var texts = await _telegram.BotTextsAsync(Token, supergroup);
        Assert.Equal(2, texts.Count);
        Assert.All(texts.Zip(events), pair => Assert.Contains(pair.Second.Summary.Headline[..20], pair.First));
        Assert.Equal(1, flaky.Failed); // the second message went straight to the supergroup
        Assert.All(await watch.GetRequiredService<IOutbox>().EntriesAsync(CancellationToken.None), r => Assert.Equal(("sent", 1), (r.State, r.Attempts)));
        // The operator is told which entry of the configuration to change, once.
        Assert.Single(_host.Logs, l => l.Contains($"{group} was upgraded") && l.Contains($"{supergroup}") && l.Contains("ChatIds"));
    }

    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }
}
