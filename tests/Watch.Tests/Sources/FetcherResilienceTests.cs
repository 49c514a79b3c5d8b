using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Watch.Sources;

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
}
