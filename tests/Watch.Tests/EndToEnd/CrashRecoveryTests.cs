using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Watch.Cli.Replay;
using Watch.Delivery;
using Watch.Scheduling;
using Watch.Tests.Infrastructure;

namespace Watch.Tests.EndToEnd;

/// <summary>
/// Exactly once across a real crash: a `watch deliver` process is killed (SIGKILL) in the middle of a
/// fan-out to 120 subscribers, then started again; every subscriber ends up with the message once.
/// </summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private const string Token = "555000:watch-crash-token";
    private const int Subscribers = 120;
    private const int DeliveredBeforeCrash = 40;

    private TelegramTestApi _telegram = null!;
    private readonly TestHost _host = new();

    public async Task InitializeAsync() => _telegram = await TelegramTestApi.StartAsync();

    public async Task DisposeAsync()
    {
        await _telegram.DisposeAsync();
        _host.Dispose();
    }

    [Fact]
    public async Task Killing_the_delivery_process_mid_fan_out_then_restarting_loses_nothing_and_duplicates_nothing()
    {
        // Prepare: one relevant event (amendment n° 85) followed by 120 Telegram subscribers.
        await using var an = await ReplayServer.StartAsync(Path.Combine(AppContext.BaseDirectory, "replay", "an", "amendements"));
        var settings = new Dictionary<string, string?>
        {
            ["Sources:AssembleeNationale:BaseUrl"] = an.BaseUrl.ToString(),
            ["Channels:Telegram:BotToken"] = Token,
            ["Channels:Telegram:ApiBaseUrl"] = _telegram.BaseUrl.ToString(),
        };
        var chats = Enumerable.Range(0, Subscribers).Select(i => 700_000L + i).ToList();
        await using (var watch = _host.Build(settings))
        {
            var store = watch.GetRequiredService<ISubscriberStore>();
            foreach (var chat in chats)
            {
                var s = await store.GetOrCreateAsync("telegram", chat.ToString(), SubscriberState.Active, CancellationToken.None);
                await store.FollowAsync(s.Id, "AMANR5L17PO838901BTC0636P0D1N000085", CancellationToken.None);
            }
            await watch.GetRequiredService<SourceJob>().RunOnceAsync("an-amendements", CancellationToken.None);
        }

        await using var gate = await GateProxy.StartAsync(_telegram.BaseUrl, "sendMessage", open: DeliveredBeforeCrash);

        // First process: delivers 40, then its sends hang at the gate; it is killed there.
        using (var first = StartDeliver(gate.BaseUrl))
        {
            await WaitUntil(async () => gate.Held > 0 && await SentRowsAsync() >= DeliveredBeforeCrash, first);
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }
        Assert.Equal(DeliveredBeforeCrash, await SentRowsAsync());
        // The killed process's sends still held at the gate never reach Telegram (lost on the network).
        await WaitUntil(() => Task.FromResult(gate.Dropped == gate.Held), process: null);
        gate.Open();

        // Restart once the dead process's lease has expired.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        using (var second = StartDeliver(gate.BaseUrl))
        {
            Assert.True(second.WaitForExit(TimeSpan.FromMinutes(2)), "the restarted delivery did not finish");
            Assert.Equal(0, second.ExitCode);
        }

        foreach (var chat in chats)
        {
            var texts = await _telegram.BotTextsAsync(Token, chat);
            var text = Assert.Single(texts); // once: not lost, not duplicated
            Assert.Contains("Amendement n° 85", text);
        }
        Assert.Equal(Subscribers, await SentRowsAsync());
    }

    private async Task<int> SentRowsAsync()
    {
        await using var watch = _host.Build(new Dictionary<string, string?>());
        return (await watch.GetRequiredService<IOutbox>().EntriesAsync(CancellationToken.None)).Count(e => e.State == "sent");
    }

    private Process StartDeliver(Uri botApi)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "watch.dll"), "deliver"])
        {
            WorkingDirectory = _host.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["Storage__SqlitePath"] = Path.Combine(_host.Directory, "watch.db");
        info.Environment["Channels__Telegram__BotToken"] = Token;
        info.Environment["Channels__Telegram__ApiBaseUrl"] = botApi.ToString();
        info.Environment["Channels__Telegram__GlobalPerSecond"] = "1000";
        info.Environment["Delivery__MaxParallelSends"] = "4";
        info.Environment["Delivery__Lease"] = "00:00:02";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntil(Func<Task<bool>> condition, Process? process)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!await condition())
        {
            if (process is not null)
                Assert.False(process.HasExited, $"watch deliver exited early with code {(process.HasExited ? process.ExitCode : 0)}");
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the delivery and the gate");
            await Task.Delay(50);
        }
    }
}
