using Microsoft.Extensions.DependencyInjection;
using Watch.Delivery;
using Watch.Scheduling;
using Watch.Tests.Delivery.Mastodon;
using Watch.Tests.Infrastructure;
using Watch.Versions;
using static Watch.Tests.Storage.RealItems;

namespace Watch.Tests.Delivery;

/// <summary>
/// A channel that cannot send at all beside one that can, in Watch's real composition: Telegram on the Bot API
/// emulator, Mastodon on a loopback instance that refuses the configured token.
/// </summary>
public sealed class UnavailableChannelTests : IAsyncLifetime
{
    private const string BotToken = "987654:watch-bot-token";
    private const string RevokedToken = "revoked-token-7c1d2e3f4a5b";
    private const long Chat = 4242;

    private TelegramTestApi _telegram = null!;
    private MastodonTestServer _mastodon = null!;
    private readonly TestHost _host = new();

    public async Task InitializeAsync()
    {
        _telegram = await TelegramTestApi.StartAsync();
        _mastodon = await MastodonTestServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _mastodon.DisposeAsync();
        await _telegram.DisposeAsync();
        _host.Dispose();
    }

    /// <param name="mastodonToken">Null: Mastodon is not configured in this process.</param>
    private ServiceProvider Watch(string? mastodonToken) => _host.Build(new Dictionary<string, string?>
    {
        ["Channels:Telegram:BotToken"] = BotToken,
        ["Channels:Telegram:ApiBaseUrl"] = _telegram.BaseUrl.ToString(),
        ["Channels:Telegram:ChatIds:0"] = Chat.ToString(),
        ["Channels:Mastodon:InstanceUrl"] = mastodonToken is null ? "" : _mastodon.BaseUrl.ToString(),
        ["Channels:Mastodon:AccessToken"] = mastodonToken ?? "",
    });

    [Fact]
    public async Task Rows_for_a_channel_this_process_does_not_configure_are_one_error_a_run_not_a_warning_a_row()
    {
        string[] items = [FacialRecognitionBan, VsaRepeal, PrisonDrones];
        await using (var watch = Watch(RevokedToken))
        {
            var versions = items.Select(Version).ToList();
            await watch.GetRequiredService<IVersionStore>().CommitAsync(versions, versions.Select(v => Event(v)).ToList(), [], [], CancellationToken.None);
            await Assert.ThrowsAsync<ChannelUnavailableException>(() => watch.GetRequiredService<DeliveryJob>().RunAsync(CancellationToken.None));
        }
        var before = _host.Logs.Count;

        // The operator takes Mastodon out of the configuration: its rows wait (and expire with age), said once a run.
        await using (var watch = Watch(null))
        {
            var failed = await Assert.ThrowsAsync<ChannelUnavailableException>(() => watch.GetRequiredService<DeliveryJob>().RunAsync(CancellationToken.None));

            Assert.Equal(["mastodon"], failed.Report.Unavailable.Keys);
            Assert.Contains("not configured", failed.Report.Unavailable["mastodon"]);
            var waiting = (await watch.GetRequiredService<IOutbox>().EntriesAsync(CancellationToken.None)).Where(r => r.Channel == "mastodon").ToList();
            Assert.Equal(items.Length, waiting.Count);
            Assert.All(waiting, r => Assert.Equal(("pending", 0), (r.State, r.Attempts)));
            var logs = _host.Logs.Skip(before).ToList();
            Assert.Single(logs, l => l.Contains("Channel mastodon cannot send"));
            Assert.DoesNotContain(logs, l => l.Contains("retry in"));
        }
    }

    [Fact]
    public async Task A_revoked_mastodon_token_fails_the_delivery_job_once_while_telegram_still_delivers_and_mastodon_s_rows_wait_untried()
    {
        string[] items = [FacialRecognitionBan, VsaRepeal, PrisonDrones];
        await using (var watch = Watch(RevokedToken))
        {
            var versions = items.Select(Version).ToList();
            await watch.GetRequiredService<IVersionStore>().CommitAsync(versions, versions.Select(v => Event(v)).ToList(), [], [], CancellationToken.None);

            var failed = await Assert.ThrowsAsync<ChannelUnavailableException>(() => watch.GetRequiredService<DeliveryJob>().RunAsync(CancellationToken.None));

            Assert.Contains("channel mastodon cannot send (401", failed.Message);
            Assert.DoesNotContain(RevokedToken, failed.Message);
            Assert.Equal(["mastodon"], failed.Report.Unavailable.Keys);
            Assert.Equal(items.Length, failed.Report.Sent);
            Assert.Equal(items.Length, (await _telegram.BotTextsAsync(BotToken, Chat)).Count);
            Assert.Equal(1, _mastodon.PostRequests); // asked once, not once per message
            var rows = await watch.GetRequiredService<IOutbox>().EntriesAsync(CancellationToken.None);
            Assert.All(rows.Where(r => r.Channel == "telegram"), r => Assert.Equal("sent", r.State));
            var waiting = rows.Where(r => r.Channel == "mastodon").ToList();
            Assert.Equal(items.Length, waiting.Count);
            Assert.All(waiting, r => Assert.Equal(("pending", 0), (r.State, r.Attempts)));
            Assert.Single(_host.Logs, l => l.Contains("Channel mastodon cannot send"));
            Assert.DoesNotContain(_host.Logs, l => l.Contains("retry in"));
            Assert.DoesNotContain(_host.Logs, l => l.Contains(RevokedToken));
        }

        // The operator sets a valid token: the next run posts what waited, and Telegram gets nothing twice.
        await using (var watch = Watch(MastodonTestServer.Token))
        {
            await watch.GetRequiredService<DeliveryJob>().RunAsync(CancellationToken.None);

            Assert.Equal(items.Length, _mastodon.Statuses.Count(s => s.InReplyToId is null)); // one thread a message
            Assert.Equal(items.Length, (await _telegram.BotTextsAsync(BotToken, Chat)).Count);
            Assert.All(await watch.GetRequiredService<IOutbox>().EntriesAsync(CancellationToken.None), r => Assert.Equal(("sent", 1), (r.State, r.Attempts)));
        }
    }
}
