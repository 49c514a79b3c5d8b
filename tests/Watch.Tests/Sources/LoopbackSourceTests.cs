namespace Watch.Tests.Sources;

/// <summary>
/// Tests of a source through the real Fetcher against a loopback <see cref="Site"/> standing in for the institution's,
/// in Watch's real composition (<see cref="Host"/>); one site and one host per test.
/// </summary>
public abstract class LoopbackSourceTests : IAsyncLifetime
{
    protected LoopbackSite Site { get; private set; } = null!;
    protected SourcesHost Host { get; } = new();

    public virtual async Task InitializeAsync() => Site = await LoopbackSite.StartAsync();

    public async Task DisposeAsync()
    {
        await Site.DisposeAsync();
        Host.Dispose();
    }
}
