using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Watch.Cli;
using Watch.Cli.Replay;
using Watch.Delivery;
using Watch.Delivery.Email;
using Watch.Scheduling;
using Watch.Storage;
using Watch.Versions;

namespace Watch.Tests.Storage;

/// <summary>
/// Watch's real composition on PostgreSQL: the recorded AN amendments served over loopback HTTP, fetched, parsed,
/// classified and stored by the source job through the ingest pipeline, then fanned out and delivered to the file
/// channel. The same run on the embedded SQLite store must give exactly the same events.
/// </summary>
public sealed class PostgresPipelineTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private static readonly string Recorded = Path.Combine(AppContext.BaseDirectory, "replay", "an", "amendements");
    private const string Source = "an-amendements";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "watch-pg-e2e-" + Guid.NewGuid().ToString("N"));
    private ReplayServer _an = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _an = await ReplayServer.StartAsync(Recorded);
    }

    public async Task DisposeAsync()
    {
        await _an.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    /// <summary>Built as <see cref="TestHost"/> builds it, with the store chosen by Storage:Provider.</summary>
    private ServiceProvider Watch(string name, string? postgresConnectionString)
    {
        var configuration = new ConfigurationManager();
        configuration.AddWatchConfiguration([]);
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = postgresConnectionString is null ? "sqlite" : "postgres",
            ["Storage:PostgresConnectionString"] = postgresConnectionString,
            ["Storage:SqlitePath"] = Path.Combine(_directory, name, "watch.db"),
            ["Channels:File:Path"] = Path.Combine(_directory, name, "outbox.txt"),
            ["Channels:File:Echo"] = "false",
            // Nothing from the developer's environment or secrets may reach a real service.
            ["Channels:Telegram:BotToken"] = "",
            ["Sources:AssembleeNationale:BaseUrl"] = _an.BaseUrl.ToString(),
        });
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWatch(configuration, TextWriter.Null);
        return services.BuildServiceProvider();
    }

    private static async Task<(SourceJobReport Source, DispatchReport Delivery, IReadOnlyList<StoredEvent> Events)> RunAsync(IServiceProvider watch)
    {
        var source = await watch.GetRequiredService<SourceJob>().RunOnceAsync(Source, CancellationToken.None);
        var delivery = await watch.GetRequiredService<OutboxDispatcher>().RunAsync(CancellationToken.None);
        return (source, delivery, await watch.GetRequiredService<IVersionStore>().EventsSinceAsync(0, 1000, CancellationToken.None));
    }

    /// <summary>An event as the channels see it: everything but the time it was stored.</summary>
    private static object Comparable(StoredEvent e) => (e.Event.Id, e.Event.ItemId, e.Event.ItemKind, e.Event.Kind, string.Join('|', e.Event.Topics),
        string.Join('|', e.Event.Keys), e.Event.Reason, e.Event.PreviousStatus, e.Summary);

    [Fact]
    public async Task Recorded_amendments_go_through_the_pipeline_into_postgresql_as_they_do_into_sqlite()
    {
        var connectionString = await postgres.NewDatabaseAsync();
        IReadOnlyList<StoredEvent> sqliteEvents;
        await using (var sqlite = Watch("sqlite", null))
            (_, _, sqliteEvents) = await RunAsync(sqlite);

        await using var watch = Watch("postgres", connectionString);
        Assert.IsType<PostgresStore>(watch.GetRequiredService<IVersionStore>());
        var (source, delivery, events) = await RunAsync(watch);

        Assert.Empty(source.Failures);
        Assert.Equal(22, source.Ingest.Seen);
        Assert.Equal(22, source.Ingest.Changed);
        Assert.NotEmpty(events);
        Assert.Equal(sqliteEvents.Select(Comparable), events.Select(Comparable));

        var regol = events.Single(e => e.Event.ItemId == "AMANR5L17PO838901BTC0636P0D1N000085");
        Assert.Equal(EventKind.Created, regol.Event.Kind);
        Assert.Contains("biometrie", regol.Event.Topics);
        Assert.StartsWith("⚪ Amendement n° 85 rejeté", regol.Summary.Headline);
        Assert.Contains(events, e => e.Event.ItemId == "AMANR5L17PO59051B0134P0D1N000048"); // repeal of art. 10 of loi 2023-380 (VSA)
        Assert.DoesNotContain(events, e => e.Event.ItemId == "AMANR5L17PO59051B0369P0D1N000001"); // negative controls
        Assert.DoesNotContain(events, e => e.Event.ItemId == "AMANR5L17PO419865B0324P2D1N000019");

        // Every event went through the outbox to the file channel, once.
        Assert.Equal(events.Count, delivery.Sent);
        var outbox = await watch.GetRequiredService<IOutbox>().EntriesAsync(CancellationToken.None);
        Assert.Equal(events.Select(e => e.Event.Id), outbox.Select(o => o.EventId));
        Assert.All(outbox, o => Assert.Equal(("file", "sent", 1), (o.Channel, o.State, o.Attempts)));
        Assert.True(await watch.GetRequiredService<IVersionStore>().HasCompletedRunAsync(Source, CancellationToken.None));

        // The fetcher kept its validators in PostgreSQL; the second run finds nothing new and sends nothing.
        Assert.True(await CountAsync(connectionString, "http_cache") > 0);
        var (again, secondDelivery, after) = await RunAsync(watch);
        Assert.Equal((0, 0), (again.Ingest.Changed, again.Ingest.Events));
        Assert.Equal(0, secondDelivery.Sent);
        Assert.Equal(events.Count, after.Count);
        Assert.Equal(22, await CountAsync(connectionString, "item_versions"));
    }

    private static async Task<long> CountAsync(string connectionString, string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_source_run_holds_its_postgresql_lock_for_as_long_as_it_runs()
    {
        var connectionString = await postgres.NewDatabaseAsync();
        await using var watch = Watch("lock", connectionString);
        var locks = watch.GetRequiredService<IRunLocks>();
        Assert.IsType<PostgresRunLocks>(locks);
        await using (var running = await locks.TryAcquireAsync("watch:source:" + Source, TimeSpan.Zero, CancellationToken.None))
        {
            Assert.NotNull(running);
            // However long it has run: the lock is the run's session, not a row with an age.
            Assert.True((await watch.GetRequiredService<SourceJob>().RunOnceAsync(Source, CancellationToken.None)).Skipped);
            Assert.True((await watch.GetRequiredService<SourceJob>().RunOnceAsync(Source, CancellationToken.None)).Skipped);
        }

        Assert.False((await watch.GetRequiredService<SourceJob>().RunOnceAsync(Source, CancellationToken.None)).Skipped);
    }

    /// <summary>A run that ends frees its lock before it returns: the tick that follows at once is not skipped.</summary>
    [Fact]
    public async Task A_lock_released_is_free_for_the_next_run_at_once()
    {
        var locks = new PostgresRunLocks(await postgres.NewDatabaseAsync());
        for (var run = 0; run < 200; run++)
        {
            var held = await locks.TryAcquireAsync("watch:source:" + Source, TimeSpan.Zero, CancellationToken.None);
            Assert.True(held is not null, $"run {run} found the lock of the run before it still taken");
            await held.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_lock_of_a_process_killed_in_its_run_is_free_at_once()
    {
        var connectionString = await postgres.NewDatabaseAsync();
        await using var watch = Watch("crash", connectionString);
        var held = await watch.GetRequiredService<IRunLocks>().TryAcquireAsync("watch:delivery", TimeSpan.Zero, CancellationToken.None);
        Assert.NotNull(held);

        // The process dies: its connection goes, as a server-side kill of the session shows.
        await using (var admin = new NpgsqlConnection(connectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory' AND pid <> pg_backend_pid()
                """, admin);
            Assert.Equal(1L, await kill.ExecuteScalarAsync());
        }

        // Another process (a fresh IRunLocks) takes the lock without waiting for any timeout.
        var restarted = new PostgresRunLocks(connectionString);
        await using var next = await restarted.TryAcquireAsync("watch:delivery", TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.NotNull(next);
        Assert.Null(await restarted.TryAcquireAsync("watch:delivery", TimeSpan.Zero, CancellationToken.None));
        await held!.DisposeAsync();
    }

    [Fact]
    public async Task A_confirmation_mail_queued_in_postgresql_outlives_the_process_that_queued_it()
    {
        var connectionString = await postgres.NewDatabaseAsync();
        await using (var stopped = Watch("queued", connectionString))
            Assert.Equal(SubscribeStatus.Queued, stopped.GetRequiredService<EmailSubscriptions>().Subscribe("eve@example.org", ["vsa"]).Status);

        // The process stopped before any worker took the job: the next one finds it waiting in its queue.
        await using var next = Watch("queued", connectionString);
        var jobs = next.GetRequiredService<JobStorage>();
        Assert.IsType<PostgreSqlStorage>(jobs);
        var queued = Assert.Single(jobs.GetMonitoringApi().EnqueuedJobs(ConfirmationMailJob.Queue, 0, 10)).Value.Job;
        Assert.Equal((typeof(ConfirmationMailJob), nameof(ConfirmationMailJob.RunAsync)), (queued.Type, queued.Method.Name));
        Assert.Equal("eve@example.org", queued.Args[0]);
        Assert.Equal(["vsa"], (string[])queued.Args[1]);
    }
}
