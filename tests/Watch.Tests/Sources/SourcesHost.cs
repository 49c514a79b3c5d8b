using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Watch.Cli;
using Watch.Scheduling;
using Watch.Sources;
using Watch.Sources.Legifrance;
using Watch.Sources.Senat;
using Watch.Versions;

namespace Watch.Tests.Sources;

/// <summary>
/// Watch's real composition (as Program.cs builds it) plus the Sénat and Légifrance sources, on a temporary
/// SQLite file, with the HTTP retries of the sources' client shortened so that a server answering 500 is
/// reported after its retries without waiting seconds for the back-off.
/// </summary>
public sealed class SourcesHost : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "watch-sources-" + Guid.NewGuid().ToString("N"));

    public ServiceProvider Build(IDictionary<string, string?> settings)
    {
        Directory.CreateDirectory(_directory);
        var configuration = new ConfigurationManager();
        configuration.AddWatchConfiguration([]);
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = Path.Combine(_directory, "watch.db"),
            ["Channels:File:Path"] = Path.Combine(_directory, "outbox.txt"),
            ["Channels:File:Echo"] = "false",
            ["Channels:Telegram:BotToken"] = "",
        });
        configuration.AddInMemoryCollection(settings);

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWatch(configuration, new StringWriter());
        services.PostConfigure<HttpStandardResilienceOptions>($"{Fetcher.ClientName}-standard", o =>
        {
            o.Retry.Delay = TimeSpan.FromMilliseconds(1);
            o.Retry.UseJitter = false;
        });
        return services.BuildServiceProvider();
    }

    public static Task<SourceJobReport> RunAsync(IServiceProvider watch, string source) =>
        watch.GetRequiredService<SourceJob>().RunOnceAsync(source, CancellationToken.None);

    public static async Task<IReadOnlyList<StoredEvent>> EventsAsync(IServiceProvider watch) =>
        await watch.GetRequiredService<IVersionStore>().EventsSinceAsync(0, 10_000, CancellationToken.None);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
