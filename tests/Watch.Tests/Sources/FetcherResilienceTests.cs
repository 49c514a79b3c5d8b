using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Watch.Sources;
using Watch.Versions;

namespace Watch.Tests.Sources;

/// <summary>The sources' HTTP client as Program.cs builds it, against two loopback hosts: one institution down, one up.</summary>
public sealed class FetcherResilienceTests : LoopbackSourceTests
{
    [Fact]
    public async Task A_host_that_keeps_failing_opens_its_own_circuit_not_the_other_hosts()
    {
        await using var healthy = await LoopbackSite.StartAsync();
        healthy.Serve("agenda.json", Encoding.UTF8.GetBytes("{}"), "application/json");
        Site.Fail("down.json", 500);
        await using var watch = Host.Build(new Dictionary<string, string?>());
        var fetcher = watch.GetRequiredService<Fetcher>();

        // Enough failed attempts (each fetch is tried four times) for the breaker's sampling to open it.
        for (var i = 0; i < 40; i++)
            await Assert.ThrowsAnyAsync<Exception>(() => fetcher.GetAsync(new Uri(Site.BaseUrl, "down.json"), conditional: false, CancellationToken.None));
        Assert.True(Site.CountOf("down.json") < 160); // the failing host's circuit did open: calls stopped reaching it

        var answer = await fetcher.GetAsync(new Uri(healthy.BaseUrl, "agenda.json"), conditional: false, CancellationToken.None);
        Assert.IsType<FetchResult.Content>(answer);
    }

    /// <summary>
    /// A server that sends the headers and half the body, then nothing, its connection left open (a NAT that dropped it
    /// after the headers): the read gives up after the configured timeout, or the run would hold its lock for good.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_that_stalls_after_its_headers_is_given_up_after_the_timeout(bool download)
    {
        var csv = Watch.Tests.Parsing.Senat.SenatFixtures.Bytes("ameli", "jeu_complet_commission_2017-2018_583.csv");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var stalled = new CancellationTokenSource();
        var server = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync(stalled.Token);
            var stream = client.GetStream();
            await stream.ReadAtLeastAsync(new byte[8192], 1, throwOnEndOfStream: false, stalled.Token); // the request
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nContent-Length: {csv.Length}\r\n\r\n"), stalled.Token);
            await stream.WriteAsync(csv.AsMemory(0, csv.Length / 2), stalled.Token);
            await Task.Delay(Timeout.Infinite, stalled.Token);
        });
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/jeu_complet_commission_2017-2018_583.csv");
        await using var watch = Host.Build(new Dictionary<string, string?> { ["Fetch:Timeout"] = "00:00:01" });
        var fetcher = watch.GetRequiredService<Fetcher>();

        var fetch = download ? fetcher.DownloadAsync(url, 1 << 20, CancellationToken.None) : fetcher.GetAsync(url, conditional: false, CancellationToken.None);
        var ended = await Task.WhenAny(fetch, Task.Delay(TimeSpan.FromSeconds(20)));
        await stalled.CancelAsync();

        Assert.Same(fetch, ended);
        var e = await Assert.ThrowsAsync<FetchException>(() => fetch);
        Assert.Contains($"stalled: nothing received for 1 s after {csv.Length / 2} bytes", e.Message);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => server);
    }

    /// <summary>Counts the reads of stored validators.</summary>
    private sealed class CountingCache(IHttpCacheStore inner) : IHttpCacheStore
    {
        public int Reads;
        public Task<HttpValidators?> GetAsync(string url, CancellationToken ct)
        {
            Interlocked.Increment(ref Reads);
            return inner.GetAsync(url, ct);
        }
        public Task SetAsync(HttpValidators validators, CancellationToken ct) => inner.SetAsync(validators, ct);
        public Task<IReadOnlyDictionary<long, EntryMark>> ArchiveEntriesAsync(string archive, CancellationToken ct) => inner.ArchiveEntriesAsync(archive, ct);
        public Task SetArchiveEntriesAsync(string archive, IReadOnlyDictionary<long, EntryMark> entries, CancellationToken ct) =>
            inner.SetArchiveEntriesAsync(archive, entries, ct);
    }

    [Fact]
    public async Task A_host_left_alone_after_a_429_is_not_asked_and_its_validators_are_not_read()
    {
        Site.Fail("first.json", 429);
        Site.RetryAfter = "3600";
        await using var watch = Host.Build(new Dictionary<string, string?>());
        var cache = new CountingCache(watch.GetRequiredService<IHttpCacheStore>());
        var fetcher = new Fetcher(watch.GetRequiredService<IHttpClientFactory>(), cache, watch.GetRequiredService<IOptions<FetchOptions>>(), NullLogger<Fetcher>.Instance);

        var refused = await Assert.ThrowsAsync<FetchException>(() => fetcher.GetAsync(new Uri(Site.BaseUrl, "first.json"), conditional: true, CancellationToken.None));
        var held = await Assert.ThrowsAsync<FetchException>(() => fetcher.DownloadAsync(new Uri(Site.BaseUrl, "second.zip"), 1 << 20, CancellationToken.None));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Contains("asked to be left alone until", held.Message);
        Assert.Equal(0, Site.CountOf("second.zip"));
        Assert.Equal(1, cache.Reads);
    }
}
