using Watch.Cli.Replay;
using System.Collections.Concurrent;
using System.Diagnostics;
using Spectre.Console;
using Watch.Delivery;
using Watch.Parsing.AssembleeNationale;
using Watch.Pipeline;

namespace Watch.Cli.Bench;

/// <summary>
/// <c>watch bench fanout</c>: one event fanned out to N Telegram subscribers through the real composition
/// (outbox, dispatcher, Telegram.Bot, rate limits) against a loopback Bot API that counts what each chat
/// receives. Reports msg/s, duplicates, losses and peak memory; with the global limit set to R msg/s, a
/// figure close to R means the limiter, not Watch, is the bound.
/// </summary>
public static class FanOutBench
{
    private const string EventItem = "AMANR5L17PO838901BTC0636P0D1N000085";

    public static async Task<int> RunAsync(int subscribers, int rate)
    {
        var received = new ConcurrentDictionary<long, int>();
        await using var botApi = await StartBotApiAsync(received);
        var directory = Path.Combine(Path.GetTempPath(), $"watch-fanout-{Guid.NewGuid():N}");

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddWatchConfiguration([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = Path.Combine(directory, "watch.db"),
            ["Channels:Telegram:BotToken"] = "100000:bench-token",
            ["Channels:Telegram:ApiBaseUrl"] = botApi.Url,
            ["Channels:Telegram:GlobalPerSecond"] = rate.ToString(),
            ["Delivery:MaxParallelSends"] = "128",
            ["Delivery:BatchSize"] = "1000",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddWatch(builder.Configuration, Console.Out);
        using var host = builder.Build();
        var store = host.Services.GetRequiredService<ISubscriberStore>();

        // The event: the recorded amendment n° 85 (facial recognition ban), which every subscriber follows.
        var amendment = AmendmentParser.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "replay", "an", "amendements", $"{EventItem}.json")), EventItem);
        AnsiConsole.MarkupLine($"Creating {subscribers:N0} subscribers…");
        for (var i = 0; i < subscribers; i++)
        {
            var s = await store.GetOrCreateAsync("telegram", (1_000_000L + i).ToString(), SubscriberState.Active, CancellationToken.None);
            await store.FollowAsync(s.Id, EventItem, CancellationToken.None);
        }
        await host.Services.GetRequiredService<IngestPipeline>().IngestAsync([amendment], CancellationToken.None);

        var stopwatch = Stopwatch.StartNew();
        var report = await host.Services.GetRequiredService<OutboxDispatcher>().RunAsync(CancellationToken.None);
        stopwatch.Stop();

        var process = Process.GetCurrentProcess();
        process.Refresh();
        var duplicates = received.Values.Sum(n => n - 1);
        var losses = subscribers - received.Count;
        var table = new Table().AddColumns("measure", "value");
        table.AddRow("subscribers", subscribers.ToString("N0"));
        table.AddRow("global limit", $"{rate:N0} msg/s");
        table.AddRow("sent (outbox)", report.Sent.ToString("N0"));
        table.AddRow("elapsed (fan-out + sends)", $"{stopwatch.Elapsed.TotalSeconds:0.00} s");
        table.AddRow("[bold]throughput[/]", $"[bold]{report.Sent / stopwatch.Elapsed.TotalSeconds:N0} msg/s[/]");
        table.AddRow("[bold]duplicates[/]", $"[bold]{duplicates}[/]");
        table.AddRow("[bold]losses[/]", $"[bold]{losses}[/]");
        table.AddRow("peak working set", $"{process.PeakWorkingSet64 / (1024 * 1024):N0} MB");
        AnsiConsole.Write(table);

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
        return duplicates == 0 && losses == 0 ? 0 : 1;
    }

    private sealed record BotApi(WebApplication App, string Url) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }

    /// <summary>Answers sendMessage as the Bot API does and counts the messages per chat.</summary>
    private static async Task<BotApi> StartBotApiAsync(ConcurrentDictionary<long, int> received)
    {
        var app = Loopback.CreateBuilder().Build();
        var messageId = 0;
        app.MapPost("/bot{token}/sendMessage", async (HttpRequest request) =>
        {
            using var body = await System.Text.Json.JsonDocument.ParseAsync(request.Body);
            var chat = body.RootElement.GetProperty("chat_id").GetInt64();
            received.AddOrUpdate(chat, 1, (_, n) => n + 1);
            var id = Interlocked.Increment(ref messageId);
            return Results.Json(new { ok = true, result = new { message_id = id, date = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), chat = new { id = chat, type = "private" }, text = "" } });
        });
        return new BotApi(app, (await Loopback.StartAsync(app)).ToString());
    }
}
