using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Watch.Cli;

namespace Watch.Tests;

/// <summary>
/// Watch's real composition (the one Program.cs uses), with the test's settings on top: a temporary
/// SQLite file and loopback peers in place of the institutions and of Telegram.
/// </summary>
public sealed class TestHost : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "watch-test-" + Guid.NewGuid().ToString("N"));
    public StringWriter Console { get; } = new();

    /// <summary>Every log line the composition wrote, at every level, for checks that secrets never appear.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Logs { get; } = new();

    public ServiceProvider Build(IDictionary<string, string?> settings)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var configuration = new ConfigurationManager();
        configuration.AddWatchConfiguration([]);
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = Path.Combine(Directory, "watch.db"),
            ["Channels:File:Path"] = Path.Combine(Directory, "outbox.txt"),
            ["Channels:File:Echo"] = "false",
            // Nothing from the developer's environment or secrets may reach a real service.
            ["Channels:Telegram:BotToken"] = "",
        });
        configuration.AddInMemoryCollection(settings);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Trace).AddProvider(new RecordingLoggerProvider(Logs)));
        services.AddWatch(configuration, Console);
        return services.BuildServiceProvider();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
