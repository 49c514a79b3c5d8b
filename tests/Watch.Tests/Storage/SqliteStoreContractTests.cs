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

    [Fact]
    public async Task The_re_check_of_undecided_amendments_reads_its_index_in_order()
    {
        await Store.MarkRunCompletedAsync("an-amendements", DateTimeOffset.UtcNow, CancellationToken.None); // the schema is there
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "watch.db")}");
        await connection.OpenAsync();
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + SqliteStore.UndecidedQuery;
        explain.Parameters.AddWithValue("$chamber", "AssembleeNationale");
        explain.Parameters.AddWithValue("$max", 500);
        var plan = new List<string>();
        await using (var r = await explain.ExecuteReaderAsync())
            while (await r.ReadAsync()) plan.Add(r.GetString(3));

        // Not a scan of every item, and no sort: the first rows of the index are the answer.
        Assert.Equal(["SEARCH items USING INDEX items_undecided (chamber=?)"], plan);
    }
}
