using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Watch.Cli;
using Watch.Cli.Commands;
using Watch.Cli.Web;
using Watch.Delivery;
using Watch.Delivery.Email;
using Watch.Domain;
using Watch.Parsing.AssembleeNationale;
using Watch.Pipeline;
using Watch.Versions;

namespace Watch.Tests.Web;

/// <summary>
/// Watch's real composition plus the email channel, serving the subscription pages with Kestrel on
/// 127.0.0.1 (a free port), with a temporary SQLite file. The public base URL of the mails is the
/// address Kestrel got, so links read from a mail can be followed. Background jobs run on the Hangfire
/// servers of <c>watch serve</c>, on a storage of the host's own.
/// </summary>
public sealed class WatchWebHost : IAsyncDisposable
{
    private static readonly string RecordedAmendments = Path.Combine(AppContext.BaseDirectory, "replay", "an", "amendements");

    private readonly WebApplication _app;
    private readonly string _directory;

    private WatchWebHost(WebApplication app, string directory, Uri baseUrl, System.Collections.Concurrent.ConcurrentQueue<string> logs)
    {
        _app = app;
        Logs = logs;
        _directory = directory;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = baseUrl };
    }

    public Uri BaseUrl { get; }

    /// <summary>Every log line the web host wrote.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Logs { get; }
    public HttpClient Http { get; }
    public IServiceProvider Services => _app.Services;

    public ISubscriberStore Subscribers => Services.GetRequiredService<ISubscriberStore>();
    public EmailDigestJob Digest => Services.GetRequiredService<EmailDigestJob>();

    /// <summary>Settings for a MailDev (or proxy) SMTP peer on loopback: plain text, no login, events usable at once.</summary>
    public static Dictionary<string, string?> Smtp(int port) => new()
    {
        ["Channels:Email:SmtpHost"] = "127.0.0.1",
        ["Channels:Email:SmtpPort"] = port.ToString(),
        ["Channels:Email:UseTls"] = "None",
        ["Channels:Email:From"] = "Watch veille surveillance <veille@watch.test>",
        ["Channels:Email:SettleTime"] = "00:00:00",
        ["Channels:Email:Timeout"] = "00:00:20",
    };

    /// <param name="clock">Replaces the system clock, to be a week later than the events stored.</param>
    public static async Task<WatchWebHost> StartAsync(IDictionary<string, string?> settings, TimeProvider? clock = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "watch-web-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddWatchConfiguration([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = Path.Combine(directory, "watch.db"),
            ["Channels:File:Path"] = Path.Combine(directory, "outbox.txt"),
            ["Channels:File:Echo"] = "false",
            // Nothing from the developer's environment or secrets may reach a real service.
            ["Channels:Telegram:BotToken"] = "",
            ["Channels:Email:SmtpUser"] = "",
            ["Channels:Email:SmtpPassword"] = "",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        // Logged as the configuration's Logging section filters, as in `watch serve`.
        var logs = new System.Collections.Concurrent.ConcurrentQueue<string>();
        builder.Logging.ClearProviders().AddProvider(new RecordingLoggerProvider(logs));
        builder.Services.AddWatch(builder.Configuration, new StringWriter());
        builder.Services.AddEmailDigest(builder.Configuration);
        builder.Services.AddJobServers();
        builder.Services.AddSubscriptionPages(builder.Configuration);
        if (clock is not null) builder.Services.AddSingleton(clock);
        // The port is known once Kestrel listens; options are read on first use, after that.
        string? listening = null;
        if (!settings.ContainsKey("Channels:Email:PublicBaseUrl"))
            builder.Services.PostConfigure<EmailOptions>(o => o.PublicBaseUrl = listening);

        var app = builder.Build();
        app.UseSubscriptionPages();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        listening = address.TrimEnd('/') + "/";
        return new WatchWebHost(app, directory, new Uri(listening), logs);
    }

    /// <summary>Real recorded AN amendments whose file name contains <paramref name="fragment"/>, through the real ingest pipeline.</summary>
    public async Task<IReadOnlyList<StoredEvent>> IngestRecordedAsync(params string[] fragments)
    {
        var before = await AllEventsAsync();
        var items = Directory.GetFiles(RecordedAmendments, "AMAN*.json")
            .Where(f => fragments.Any(Path.GetFileName(f).Contains))
            .Order(StringComparer.Ordinal)
            .Select(f => (WatchItem)AmendmentParser.Parse(File.ReadAllBytes(f), Path.GetFileName(f)))
            .ToList();
        Assert.NotEmpty(items);
        await Services.GetRequiredService<IngestPipeline>().IngestAsync(items, CancellationToken.None);
        var after = await AllEventsAsync();
        return after.Where(e => before.All(b => b.Event.Id != e.Event.Id)).ToList();
    }

    /// <summary>How many background jobs the host was given, in whatever state.</summary>
    public long JobsCreated()
    {
        var jobs = Services.GetRequiredService<JobStorage>().GetMonitoringApi().GetStatistics();
        return jobs.Enqueued + jobs.Processing + jobs.Scheduled + jobs.Succeeded + jobs.Failed + jobs.Deleted;
    }

    /// <summary>Waits until <paramref name="count"/> background jobs have run: succeeded, failed or deleted, or failed and wait for a retry.</summary>
    /// <param name="ended">Count only the jobs that will not run again (succeeded, failed or deleted), not those scheduled for a retry.</param>
    public async Task JobsRunAsync(int count, bool ended = false)
    {
        var monitoring = Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        for (var i = 0; i < 400; i++)
        {
            var jobs = monitoring.GetStatistics();
            if (jobs.Succeeded + jobs.Failed + jobs.Deleted + (ended ? 0 : jobs.Scheduled) >= count) return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"Fewer than {count} background jobs ran within 20 s.");
    }

    public async Task<IReadOnlyList<StoredEvent>> AllEventsAsync() =>
        await Services.GetRequiredService<IVersionStore>().EventsSinceAsync(0, 10_000, CancellationToken.None);

    /// <summary>An active email subscriber following <paramref name="values"/>, made directly in the store.</summary>
    public async Task<Subscriber> ActiveSubscriberAsync(string address, params string[] values)
    {
        var subscriber = await Subscribers.GetOrCreateAsync(EmailSubscriptions.Channel, address, SubscriberState.Active, CancellationToken.None);
        foreach (var value in values) await Subscribers.FollowAsync(subscriber.Id, value, CancellationToken.None);
        return subscriber;
    }

    public async Task<Subscriber> SubscriberAsync(string address) =>
        await Subscribers.FindAsync(EmailSubscriptions.Channel, address, CancellationToken.None)
        ?? throw new InvalidOperationException($"No email subscriber {address} in the store.");

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
