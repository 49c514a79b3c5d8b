using Microsoft.Extensions.DependencyInjection;
using Watch.Cli.Replay;
using Watch.Delivery;
using Watch.Scheduling;
using Watch.Tests.Infrastructure;
using Watch.Versions;

namespace Watch.Tests.EndToEnd;

/// <summary>
/// The whole walking pipeline against real peers on loopback: recorded AN files served over HTTP
/// (publication list + per-unit JSON), the real fetch/parse/classify/store code, and the npm
/// telegram-test-api Bot API emulator receiving what Telegram.Bot sends.
/// </summary>
public sealed class AnAmendmentsToTelegramTests : IAsyncLifetime
{
    private const string Token = "123456:watch-e2e-token";
    private const long Chat = 4242;
    private static readonly string Recorded = Path.Combine(AppContext.BaseDirectory, "replay", "an", "amendements");

    private TelegramTestApi _telegram = null!;
    private ReplayServer _an = null!;
    private readonly TestHost _host = new();

    public async Task InitializeAsync()
    {
        _telegram = await TelegramTestApi.StartAsync();
        _an = await ReplayServer.StartAsync(Recorded);
    }

    public async Task DisposeAsync()
    {
        await _an.DisposeAsync();
        await _telegram.DisposeAsync();
        _host.Dispose();
    }

    private ServiceProvider Watch(Uri botApi) => _host.Build(new Dictionary<string, string?>
    {
        ["Sources:AssembleeNationale:BaseUrl"] = _an.BaseUrl.ToString(),
        ["Channels:Telegram:BotToken"] = Token,
        ["Channels:Telegram:ApiBaseUrl"] = botApi.ToString(),
        ["Channels:Telegram:ChatIds:0"] = Chat.ToString(),
        ["Delivery:RetryBase"] = "00:00:00.001",
    });

    private static async Task<(SourceJobReport Source, DispatchReport Delivery)> RunJobsAsync(IServiceProvider watch) =>
        (await watch.GetRequiredService<SourceJob>().RunOnceAsync("an-amendements", CancellationToken.None),
         await watch.GetRequiredService<OutboxDispatcher>().RunAsync(CancellationToken.None));

    private static string UrlOf(string uid) => $"https://www.assemblee-nationale.fr/dyn/17/amendements/{uid}";

    [Fact]
    public async Task Relevant_amendments_reach_the_chat_once_each_and_a_second_run_sends_nothing()
    {
        await using var watch = Watch(_telegram.BaseUrl);

        var (source, delivery) = await RunJobsAsync(watch);

        Assert.Empty(source.Failures);
        Assert.Equal(22, source.Ingest.Seen);
        var events = await watch.GetRequiredService<IVersionStore>().EventsSinceAsync(0, 1000, CancellationToken.None);
        var messages = await _telegram.BotMessagesAsync(Token, Chat);
        Assert.Equal(events.Count, messages.Count);
        Assert.Equal(events.Count, delivery.Sent);
        Assert.All(messages, m => Assert.Equal("html", m.ParseMode!.ToLowerInvariant()));
        Assert.All(messages, m => Assert.True(m.Text.Length <= 4096));

        // Each message is about one event, and each event is in exactly one message.
        var sentUrls = messages.Select(m => m.Text.Split("href=\"")[1].Split('"')[0]).ToList();
        Assert.Equal(events.Select(e => UrlOf(e.Event.ItemId)).Order(), sentUrls.Order());

        // The surveillance amendments of the recorded set are among them…
        Assert.Contains(UrlOf("AMANR5L17PO838901BTC0636P0D1N000085"), sentUrls); // ban on facial recognition in transport
        Assert.Contains(UrlOf("AMANR5L17PO59051B0134P0D1N000048"), sentUrls);    // repeal of art. 10 of loi 2023-380 (VSA)
        Assert.Contains(UrlOf("AMANR5L17PO838901BTC1043P0D1N000346"), sentUrls); // no algorithmic processing on prison drones
        // …and the negative controls are not (online child abuse PPL, budget credits on social leasing).
        Assert.DoesNotContain(UrlOf("AMANR5L17PO59051B0369P0D1N000001"), sentUrls);
        Assert.DoesNotContain(UrlOf("AMANR5L17PO419865B0324P2D1N000019"), sentUrls);

        var regol = messages.Single(m => m.Text.Contains("N000085"));
        Assert.StartsWith("<b>⚪ Amendement n° 85 rejeté sur un article additionnel après l'article 9 (texte de la commission n° 636)</b>", regol.Text);
        Assert.Contains("<i>Auteur :</i> Mme Regol et 36 cosignataires", regol.Text);
        Assert.Matches("<i>Pourquoi :</i> « [^»]+ » \\(dispositif\\)", regol.Text);
        Assert.Contains("biometrie", events.Single(e => e.Event.ItemId == "AMANR5L17PO838901BTC0636P0D1N000085").Event.Topics);

        // The bot token is in every Bot API URL: it must never reach a log, at any level.
        Assert.NotEmpty(_host.Logs);
        Assert.DoesNotContain(_host.Logs, line => line.Contains(Token));

        var (again, secondDelivery) = await RunJobsAsync(watch);
        Assert.Equal(0, again.Ingest.Events);
        Assert.Equal(0, secondDelivery.Sent);
        Assert.Equal(messages.Count, (await _telegram.BotMessagesAsync(Token, Chat)).Count);
    }

    [Fact]
    public async Task A_Bot_API_that_answers_500_then_200_still_delivers_each_message_once()
    {
        await using var flaky = await FlakyProxy.StartAsync(_telegram.BaseUrl, "sendMessage", failures: 1, status: 500,
            body: """{"ok":false,"error_code":500,"description":"Internal Server Error"}""");
        await using var watch = Watch(flaky.BaseUrl);

        var (_, first) = await RunJobsAsync(watch);
        Assert.Equal(1, flaky.Failed);
        Assert.Equal(1, first.Retrying);
        var outbox = await watch.GetRequiredService<IOutbox>().EntriesAsync(CancellationToken.None);
        var failed = Assert.Single(outbox, e => e.State == "pending");
        Assert.Contains("500", failed.LastError);
        Assert.Equal(first.Sent, (await _telegram.BotMessagesAsync(Token, Chat)).Count);

        await Task.Delay(10); // past the 1 ms back-off of this test's configuration
        var second = await watch.GetRequiredService<OutboxDispatcher>().RunAsync(CancellationToken.None);
        Assert.Equal(1, second.Sent);

        var messages = await _telegram.BotMessagesAsync(Token, Chat);
        Assert.Equal(outbox.Count, messages.Count);
        Assert.Equal(messages.Count, messages.Select(m => m.Text).Distinct().Count());
        Assert.All(await watch.GetRequiredService<IOutbox>().EntriesAsync(CancellationToken.None), e => Assert.Equal("sent", e.State));
    }
}
