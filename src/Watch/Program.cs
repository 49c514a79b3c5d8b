using System.Text;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Watch.Cli.Commands;
using Watch.Delivery;
using Watch.Delivery.Email;
using Watch.Delivery.Mastodon;
using Watch.Delivery.Telegram;
using Watch.Pipeline;
using Watch.Relevance;
using Watch.Scheduling;
using Watch.Sources;
using Watch.Sources.AssembleeNationale;
using Watch.Sources.Legifrance;
using Watch.Sources.Senat;
using Watch.Storage;
using Watch.Summaries;
using Watch.Versions;

Console.OutputEncoding = Encoding.UTF8;

return args.FirstOrDefault() switch
{
    "demo" => await DemoCommand.RunAsync(args[1..]),
    "serve" => await ServeCommand.RunAsync(args[1..]),
    "classify" => await ClassifyCommand.RunAsync(args[1..], Console.Out, Console.Error),
    "diff" => DiffCommand.Run(args[1..], Console.Out, Console.Error),
    "deliver" => await DeliverCommand.RunAsync(args[1..]),
    "digest" => await DigestCommand.RunAsync(args[1..]),
    "bench" => await BenchCommand.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        Watch — veille législative sur la surveillance (VSA, biométrie, drones, renseignement)

        usage:
          watch demo                   run the jobs once on bundled recorded data (offline), print what was found
          watch serve                  run the scheduled jobs (Hangfire) and the dashboard on localhost
          watch deliver                send what waits in the outbox, once
          watch digest --preview [--to FILE]   HTML preview of the weekly digest (nothing is sent)
          watch classify <file|dir|zip>   one JSON line per item: is it about surveillance, and why
          watch diff <old> <new>       article-by-article diff of two text versions (--json for JSON)
          watch bench ingest <zip> | fanout | diff   throughput figures (see README)
        """);
    return 2;
}

namespace Watch.Cli
{
    /// <summary>
    /// The composition root: configuration from <c>config/</c> (then environment and user secrets, which
    /// hold the tokens), and every service of the pipeline, from sources to channels.
    /// </summary>
    public static class Composition
    {
        public static void AddWatchConfiguration(this IConfigurationManager configuration, string[] overrides)
        {
            var configDir = Path.Combine(AppContext.BaseDirectory, "config");
            configuration.AddJsonFile(Path.Combine(configDir, "watch.json"), optional: false);
            configuration.AddJsonFile(Path.Combine(configDir, "watchlist.json"), optional: false);
            configuration.AddJsonFile("watch.local.json", optional: true);
            configuration.AddUserSecrets(typeof(Composition).Assembly, optional: true);
            configuration.AddEnvironmentVariables();
            configuration.AddCommandLine(overrides);
        }

        /// <summary>The classifier of the shipped watchlist, for the commands that classify without the whole host.</summary>
        public static RelevanceClassifier Classifier()
        {
            var configuration = new ConfigurationManager();
            configuration.AddWatchConfiguration([]);
            return new RelevanceClassifier(Options.Create(
                configuration.GetSection(WatchlistOptions.Section).Get<WatchlistOptions>() ?? new WatchlistOptions()));
        }

        public static IServiceCollection AddWatch(this IServiceCollection services, IConfiguration configuration, TextWriter console)
        {
            services.AddOptions<WatchlistOptions>().Bind(configuration.GetSection(WatchlistOptions.Section));
            services.AddOptions<FetchOptions>().Bind(configuration.GetSection(FetchOptions.Section));
            services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section));
            services.AddOptions<DeliveryOptions>().Bind(configuration.GetSection(DeliveryOptions.Section));
            services.AddOptions<FileChannelOptions>().Bind(configuration.GetSection(FileChannelOptions.Section));
            services.AddOptions<TelegramOptions>().Bind(configuration.GetSection(TelegramOptions.Section));

            services.AddSingleton(TimeProvider.System);
            services.AddSingleton(console);

            // Storage: one store serves versions, outbox, subscribers and HTTP validators: an embedded SQLite file by
            // default, or a PostgreSQL database (Storage:Provider = "postgres") for a real server or several processes.
            var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
            var postgres = storage.Provider.ToLowerInvariant() switch
            {
                "sqlite" => false,
                "postgres" => true,
                _ => throw new InvalidOperationException($"Storage:Provider '{storage.Provider}' is unknown: use \"sqlite\" or \"postgres\"."),
            };
            if (postgres)
            {
                services.AddSingleton(sp => new PostgresStore(sp.GetRequiredService<IOptions<StorageOptions>>().Value.PostgresConnectionString ?? ""));
                AddStore<PostgresStore>(services);
                services.AddSingleton<IRunLocks>(sp => new PostgresRunLocks(sp.GetRequiredService<IOptions<StorageOptions>>().Value.PostgresConnectionString ?? ""));
            }
            else
            {
                services.AddSingleton(sp => new SqliteStore(sp.GetRequiredService<IOptions<StorageOptions>>().Value.SqlitePath));
                AddStore<SqliteStore>(services);
                services.AddSingleton<IRunLocks, ProcessRunLocks>();
            }

            // Sources: polite, bounded, retried with jitter by the standard resilience pipeline.
            var fetch = configuration.GetSection(FetchOptions.Section).Get<FetchOptions>() ?? new FetchOptions();
            services.AddHttpClient(Fetcher.ClientName, client =>
                {
                    client.DefaultRequestHeaders.UserAgent.ParseAdd(fetch.UserAgent);
                    client.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline owns timeouts
                })
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
                {
                    MaxConnectionsPerServer = fetch.MaxConcurrencyPerHost,
                    AutomaticDecompression = System.Net.DecompressionMethods.All,
                })
                .AddStandardResilienceHandler(o =>
                {
                    o.TotalRequestTimeout.Timeout = fetch.Timeout * 3;
                    o.AttemptTimeout.Timeout = fetch.Timeout;
                    o.CircuitBreaker.SamplingDuration = fetch.Timeout * 2;
                    o.Retry.MaxRetryAttempts = 3;
                    o.Retry.UseJitter = true;
                    // Three waits of half an attempt's time still fit in the total timeout.
                    o.Retry.ShouldHandle = args => ValueTask.FromResult(Fetcher.ShouldRetry(args.Outcome, fetch.Timeout / 2));
                })
                // One circuit per host: the Sénat being down must not stop the Assemblée's and the JO's downloads.
                .SelectPipelineByAuthority();
            services.AddSingleton<Fetcher>();
            services.AddAssembleeNationaleSources(configuration);
            services.AddSenatSources(configuration);
            services.AddLegifranceSources(configuration);

            // Pipeline: classify → store versions → summarise.
            services.AddSingleton<RelevanceClassifier>();
            services.AddSingleton<EventSummarizer>();
            services.AddSingleton<IngestPipeline>();

            // Delivery: Telegram and Mastodon when their tokens are configured; without Telegram, the file
            // channel shows what would be sent.
            var telegram = configuration.GetSection(TelegramOptions.Section).Get<TelegramOptions>() ?? new TelegramOptions();
            if (!string.IsNullOrWhiteSpace(telegram.BotToken))
            {
                // No HTTP-level retry here: a retried POST could post twice; the outbox retries instead.
                // The bot token is part of every Bot API URL: this client's requests are never logged.
                services.AddHttpClient(TelegramChannel.HttpClientName, c => c.Timeout = telegram.Timeout).RemoveAllLoggers();
                // Telegram.Bot's own 429 retry is off: it would hold a send for up to a minute; the outbox reschedules instead.
                services.AddSingleton<ITelegramBotClient>(sp => new TelegramBotClient(
                    new TelegramBotClientOptions(telegram.BotToken, telegram.ApiBaseUrl.ToString().TrimEnd('/')) { RetryThreshold = 0, RetryCount = 0 },
                    sp.GetRequiredService<IHttpClientFactory>().CreateClient(TelegramChannel.HttpClientName)));
                services.AddSingleton<TelegramLimits>();
                services.AddSingleton<IDeliveryChannel, TelegramChannel>();
                services.AddSingleton<TelegramCommands>();
            }
            else
            {
                services.AddSingleton<IDeliveryChannel, FileChannel>();
            }
            services.AddOptions<MastodonOptions>().Bind(configuration.GetSection(MastodonOptions.Section));
            var mastodon = configuration.GetSection(MastodonOptions.Section).Get<MastodonOptions>() ?? new MastodonOptions();
            if (mastodon.IsConfigured)
            {
                // No HTTP-level retry: the outbox retries, and the Idempotency-Key makes that safe.
                services.AddHttpClient<MastodonClient>((sp, http) => http.Timeout = sp.GetRequiredService<IOptions<MastodonOptions>>().Value.Timeout)
                    // The singleton channel keeps one client (limits cache, rate-limit wait): rotate connections, not handlers.
                    .UseSocketsHttpHandler((h, _) => h.PooledConnectionLifetime = TimeSpan.FromMinutes(5))
                    .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
                services.AddSingleton<IDeliveryChannel, MastodonChannel>();
            }
            services.AddSingleton<OutboxDispatcher>();
            services.AddEmailDigest(configuration);

            // Scheduling: Hangfire in memory by default; in PostgreSQL with the store, so that several processes
            // share the schedule and the queued jobs.
            // The storage and the activator are this host's own, not Hangfire's process-wide ones: two hosts in one
            // process (the tests) must neither share jobs nor run one's jobs with the other's services.
            // Runs do not overlap through IRunLocks, not Hangfire's distributed locks: those are rows a killed process
            // leaves behind until a timeout, and that timeout would have to outlast the longest run.
            services.AddSingleton<JobStorage>(_ =>
            {
                if (!postgres) return new InMemoryStorage();
                var hangfire = new PostgreSqlStorageOptions();
                return new PostgreSqlStorage(new NpgsqlConnectionFactory(storage.PostgresConnectionString, hangfire), hangfire);
            });
            services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
            services.AddHangfire((sp, h) => h.UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings()
                .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>())));
            services.AddSingleton<SourceJob>();
            services.AddSingleton<DeliveryJob>();
            return services;
        }

        private static void AddStore<TStore>(IServiceCollection services) where TStore : class, IVersionStore, IOutbox, IHttpCacheStore, ISubscriberStore
        {
            services.AddSingleton<IVersionStore>(sp => sp.GetRequiredService<TStore>());
            services.AddSingleton<IOutbox>(sp => sp.GetRequiredService<TStore>());
            services.AddSingleton<IHttpCacheStore>(sp => sp.GetRequiredService<TStore>());
            services.AddSingleton<ISubscriberStore>(sp => sp.GetRequiredService<TStore>());
        }
    }
}
