using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Watch.Domain;
using Watch.Pipeline;
using Watch.Scheduling;
using Watch.Sources;

namespace Watch.Tests.Scheduling;

public sealed class SchedulingTests
{
    [Fact]
    public async Task A_source_run_never_overlaps_itself()
    {
        using var host = new TestHost();
        await using var watch = host.Build(new Dictionary<string, string?>());
        var slow = new SlowSource();
        var job = new SourceJob([slow], watch.GetRequiredService<IngestPipeline>(), watch.GetRequiredService<Fetcher>(), watch.GetRequiredService<Watch.Versions.IVersionStore>(),
            watch.GetRequiredService<Watch.Versions.IHttpCacheStore>(), new ProcessRunLocks(), NullLogger<SourceJob>.Instance);

        var first = job.RunOnceAsync(slow.Name, CancellationToken.None);
        await slow.Started.Task;
        var second = await job.RunOnceAsync(slow.Name, CancellationToken.None); // while the first still runs
        slow.Release.SetResult();
        var firstReport = await first;

        Assert.True(second.Skipped);
        Assert.False(firstReport.Skipped);
        Assert.Equal(1, slow.Runs);
        Assert.False((await job.RunOnceAsync(slow.Name, CancellationToken.None)).Skipped); // free again afterwards
    }

    [Fact]
    public async Task A_source_sharing_its_lock_waits_for_the_other_rather_than_run_beside_it()
    {
        using var host = new TestHost();
        await using var watch = host.Build(new Dictionary<string, string?>());
        // The AN amendments: the daily lists and the nightly archive ingest the same items.
        var daily = new SlowSource("daily");
        var nightly = new SlowSource("nightly", shared: "daily");
        nightly.Release.SetResult(); // once it runs, it is quick
        var job = new SourceJob([daily, nightly], watch.GetRequiredService<IngestPipeline>(), watch.GetRequiredService<Fetcher>(), watch.GetRequiredService<Watch.Versions.IVersionStore>(),
            watch.GetRequiredService<Watch.Versions.IHttpCacheStore>(), new ProcessRunLocks(), NullLogger<SourceJob>.Instance);

        var first = job.RunOnceAsync(daily.Name, CancellationToken.None);
        await daily.Started.Task;
        var second = Task.Run(() => job.RunOnceAsync(nightly.Name, CancellationToken.None)); // taking the lock blocks its thread
        await Task.Delay(300);
        Assert.Equal(0, nightly.Runs); // waiting, not running beside the daily run
        daily.Release.SetResult();

        Assert.False((await first).Skipped);
        Assert.False((await second).Skipped);
        Assert.Equal(1, nightly.Runs);
    }

    [Fact]
    public async Task A_host_disposed_after_another_was_configured_does_not_break_the_other_s_jobs()
    {
        using var first = new TestHost();
        await using var live = first.Build(new Dictionary<string, string?>());
        var jobs = live.GetRequiredService<IBackgroundJobClient>();
        using var second = new TestHost();
        var gone = second.Build(new Dictionary<string, string?>());
        gone.GetRequiredService<IBackgroundJobClient>(); // configured last: Hangfire's process-wide logs are its
        await gone.DisposeAsync();

        var id = jobs.Schedule<DeliveryJob>(DeliveryJob.Queue, j => j.RunAsync(CancellationToken.None), TimeSpan.FromHours(1));

        using var connection = live.GetRequiredService<JobStorage>().GetConnection();
        Assert.Equal("Scheduled", connection.GetStateData(id).Name);
    }

    [Fact]
    public async Task Serve_runs_the_recurring_jobs_and_serves_the_dashboard_on_loopback()
    {
        using var host = new TestHost();
        System.IO.Directory.CreateDirectory(host.Directory);
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "watch.dll"), "serve"])
        {
            WorkingDirectory = host.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["Dashboard__Url"] = $"http://127.0.0.1:{port}";
        info.Environment["Storage__SqlitePath"] = Path.Combine(host.Directory, "watch.db");
        info.Environment["Sources__AssembleeNationale__BaseUrl"] = "http://127.0.0.1:9/"; // nothing polled for real
        using var serve = Process.Start(info)!;
        serve.OutputDataReceived += (_, _) => { };
        serve.ErrorDataReceived += (_, _) => { };
        serve.BeginOutputReadLine();
        serve.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var recurring = await RetryAsync(() => http.GetStringAsync("/hangfire/recurring"), serve);
            Assert.Contains("source:an-amendements", recurring);
            Assert.Contains("deliver", recurring);
            Assert.Contains("*/10 * * * *", recurring);
            // Delivery and confirmation mails run on servers of their own, which slow sources cannot keep busy.
            var servers = await http.GetStringAsync("/hangfire/servers");
            Assert.Contains($"{Environment.MachineName.ToLowerInvariant()}:delivery", servers.ToLowerInvariant());
            Assert.Contains($"{Environment.MachineName.ToLowerInvariant()}:confirmation", servers.ToLowerInvariant());

            // Any page the operator's browser opens can post to the dashboard: without its anti-forgery token, nothing happens.
            using var forged = new HttpRequestMessage(HttpMethod.Post, "/hangfire/recurring/remove")
            {
                Content = new FormUrlEncodedContent([new("jobs[]", "deliver")]),
                Headers = { { "Origin", "http://localhost:8765" } },
            };
            using var refused = await http.SendAsync(forged);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("deliver", await http.GetStringAsync("/hangfire/recurring"));
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
        }
    }

    private static async Task<string> RetryAsync(Func<Task<string>> get, Process process)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                return await get();
            }
            catch (HttpRequestException) when (i < 150 && !process.HasExited)
            {
                await Task.Delay(200);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <param name="name">The source's name.</param>
    /// <param name="shared">The lock it shares with another source, if any.</param>
    private sealed class SlowSource(string name = "slow", string? shared = null) : ISource
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Runs;

        public string Name => name;

        public string Lock => shared ?? name;

        public async IAsyncEnumerable<WatchItem> ReadAsync(SourceRun run, [EnumeratorCancellation] CancellationToken ct)
        {
            if (Interlocked.Increment(ref Runs) == 1)
            {
                Started.SetResult();
                await Release.Task;
            }
            yield break;
        }
    }
}
