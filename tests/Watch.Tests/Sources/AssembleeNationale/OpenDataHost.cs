using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Watch.Cli;
using Watch.Scheduling;
using Watch.Sources.AssembleeNationale;
using Watch.Versions;

namespace Watch.Tests.Sources.AssembleeNationale;

/// <summary>
/// Watch's real composition, as <see cref="TestHost"/> builds it, plus the AN open-data sources (whose
/// registration is idempotent, so this keeps working once Program.cs registers them too), pointed at a
/// loopback <see cref="OpenDataServer"/>.
/// </summary>
public sealed class OpenDataHost : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "watch-test-" + Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _services;

    public OpenDataHost(Uri openData, params string[] tracked) : this(openData, null, tracked)
    {
    }

    /// <param name="now">The clock's time, stopped there: a source that waits for its data waits counting from the data's own dates.</param>
    public OpenDataHost(Uri openData, DateTimeOffset? now, params string[] tracked)
    {
        Directory.CreateDirectory(_directory);
        var settings = new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = Path.Combine(_directory, "watch.db"),
            ["Channels:File:Path"] = Path.Combine(_directory, "outbox.txt"),
            ["Channels:File:Echo"] = "false",
            ["Channels:Telegram:BotToken"] = "",
            ["Sources:AssembleeNationale:OpenData:BaseUrl"] = openData.ToString(),
            ["Sources:AssembleeNationale:OpenData:Legislature"] = "17",
        };
        for (var i = 0; i < tracked.Length; i++) settings[$"Watchlist:Tracked:{i}"] = tracked[i];

        var configuration = new ConfigurationManager();
        configuration.AddWatchConfiguration([]);
        configuration.AddInMemoryCollection(settings);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWatch(configuration, new StringWriter());
        services.AddAssembleeNationaleSources(configuration);
        if (now is { } stopped) services.AddSingleton<TimeProvider>(new StoppedClock(stopped));
        _services = services.BuildServiceProvider();
    }

    /// <summary>
    /// Makes these sources behave as on an established install, where their first run (the baseline, which
    /// announces nothing) is long past: the tests then check what later runs announce.
    /// </summary>
    public async Task EstablishedAsync(params string[] sources)
    {
        foreach (var source in sources)
            await _services.GetRequiredService<IVersionStore>().MarkRunCompletedAsync(source, DateTimeOffset.UtcNow, CancellationToken.None);
    }

    public Task<SourceJobReport> RunAsync(string source) =>
        _services.GetRequiredService<SourceJob>().RunOnceAsync(source, CancellationToken.None);

    public async Task<IReadOnlyList<StoredEvent>> EventsAsync() =>
        await _services.GetRequiredService<IVersionStore>().EventsSinceAsync(0, 10_000, CancellationToken.None);

    public Task<HttpValidators?> ValidatorsAsync(Uri url) =>
        _services.GetRequiredService<IHttpCacheStore>().GetAsync(url.AbsoluteUri, CancellationToken.None);

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}

internal sealed class StoppedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
