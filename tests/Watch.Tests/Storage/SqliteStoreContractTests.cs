using Microsoft.Data.Sqlite;
using Watch.Storage;

namespace Watch.Tests.Storage;

/// <summary>The store contract on the embedded SQLite store, one file per test.</summary>
public sealed class SqliteStoreContractTests : StoreContractTests<SqliteStore>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "watch-store-" + Guid.NewGuid().ToString("N"));

    protected override Task<SqliteStore> OpenAsync() => Task.FromResult(new SqliteStore(Path.Combine(_directory, "watch.db")));

    protected override Task CloseAsync(SqliteStore store) => Task.CompletedTask;

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}
