using Watch.Tests.Infrastructure;

namespace Watch.Tests.Storage;

/// <summary>
/// One throw-away PostgreSQL server per test class (starting one costs seconds); each test takes its own
/// database on it, so tests stay isolated.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>A new empty database; its connection string.</summary>
    public Task<string> NewDatabaseAsync() => Server.CreateDatabaseAsync("watch_" + Guid.NewGuid().ToString("N"));
}
