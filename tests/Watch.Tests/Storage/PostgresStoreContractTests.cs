using Npgsql;
using Watch.Storage;
using Watch.Versions;

namespace Watch.Tests.Storage;

/// <summary>
/// The store contract on <see cref="PostgresStore"/> against a real PostgreSQL server (one per class, one database
/// per test), and what only a server store has to get right: row locks, concurrent migrations, its secrets.
/// </summary>
public sealed class PostgresStoreContractTests(PostgresFixture postgres) : StoreContractTests<PostgresStore>, IClassFixture<PostgresFixture>
{
    private string _connectionString = null!;

    public override async Task InitializeAsync()
    {
        _connectionString = await postgres.NewDatabaseAsync();
        await base.InitializeAsync();
    }

    protected override Task<PostgresStore> OpenAsync() => Task.FromResult(new PostgresStore(_connectionString));

    protected override async Task CloseAsync(PostgresStore store) => await store.DisposeAsync();

    public override async Task DisposeAsync()
    {
        if (Store is not null) await Store.DisposeAsync();
    }

    [Fact]
    public async Task A_claim_passes_over_rows_another_transaction_holds_instead_of_waiting_for_them()
    {
        await EventFannedOutToAsync(("telegram", "1"), ("telegram", "2"), ("telegram", "3"));
        var entries = await Store.EntriesAsync(CancellationToken.None);

        await using var other = new NpgsqlConnection(_connectionString);
        await other.OpenAsync();
        await using var tx = await other.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT id FROM outbox WHERE id = @id FOR UPDATE", other, tx))
        {
            lockRow.Parameters.AddWithValue("id", entries[0].Id);
            await lockRow.ExecuteScalarAsync();
        }

        // Were the claim waiting on the lock, the token would end the test instead of hanging it.
        using var stuck = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var due = DateTimeOffset.UtcNow.AddSeconds(1);
        var claimed = await Store.ClaimDueAsync(null, due, due + TimeSpan.FromMinutes(1), 10, stuck.Token);

        Assert.Equal(["2", "3"], claimed.Select(m => m.Recipient));
        await tx.RollbackAsync();
        Assert.Equal(["1"], (await Store.ClaimDueAsync(null, due, due + TimeSpan.FromMinutes(1), 10, CancellationToken.None))
            .Select(m => m.Recipient));
    }

    [Fact]
    public async Task Processes_starting_together_on_an_empty_database_migrate_it_once()
    {
        var fresh = await postgres.NewDatabaseAsync();
        var stores = Enumerable.Range(0, 6).Select(_ => new PostgresStore(fresh)).ToList();
        try
        {
            await Task.WhenAll(stores.Select(s => Task.Run(() => s.MigrateAsync(CancellationToken.None))));
            await stores[0].MarkRunCompletedAsync("an-amendements", DateTimeOffset.UtcNow, CancellationToken.None);
            Assert.True(await stores[5].HasCompletedRunAsync("an-amendements", CancellationToken.None));
        }
        finally
        {
            foreach (var s in stores) await s.DisposeAsync();
        }

        await using var connection = new NpgsqlConnection(fresh);
        await connection.OpenAsync();
        await using var versions = new NpgsqlCommand("SELECT array_agg(version ORDER BY version) FROM schema_migrations", connection);
        var applied = (int[])(await versions.ExecuteScalarAsync())!;
        Assert.Equal(Enumerable.Range(1, PostgresSchema.Migrations.Length), applied); // each migration once
        // A second start finds the schema current and changes nothing.
        await using (var again = new PostgresStore(fresh))
            await again.MigrateAsync(CancellationToken.None);
        Assert.Equal(applied, (int[])(await versions.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task The_schema_uses_postgresql_types()
    {
        await Store.MigrateAsync(CancellationToken.None);
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT table_name || '.' || column_name, data_type, coalesce(is_identity, 'NO') FROM information_schema.columns
            WHERE table_schema = 'public' AND (table_name, column_name) IN
                (('item_versions', 'id'), ('item_versions', 'payload'), ('events', 'at'), ('events', 'topics'), ('outbox', 'not_before'))
            ORDER BY 1
            """, connection);
        var columns = new List<(string, string, string)>();
        await using (var r = await command.ExecuteReaderAsync())
            while (await r.ReadAsync()) columns.Add((r.GetString(0), r.GetString(1), r.GetString(2)));

        Assert.Equal(
        [
            ("events.at", "timestamp with time zone", "NO"),
            ("events.topics", "ARRAY", "NO"),
            ("item_versions.id", "bigint", "YES"),
            ("item_versions.payload", "bytea", "NO"),
            ("outbox.not_before", "timestamp with time zone", "NO"),
        ], columns);
    }

    [Fact]
    public async Task The_re_check_of_undecided_amendments_reads_its_index_in_order()
    {
        await Store.MigrateAsync(CancellationToken.None);
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        // An empty table is cheapest to scan: the planner is told not to, to show which index the query can use.
        await using (var noScan = new NpgsqlCommand("SET enable_seqscan = off", connection)) await noScan.ExecuteNonQueryAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN (COSTS OFF) " + PostgresStore.UndecidedQuery, connection);
        explain.Parameters.AddWithValue("chamber", "AssembleeNationale");
        explain.Parameters.AddWithValue("max", 500);
        var plan = new List<string>();
        await using (var r = await explain.ExecuteReaderAsync())
            while (await r.ReadAsync()) plan.Add(r.GetString(0).Trim());

        // No sort and no filter: the first rows of the index are the answer (an index-only scan when it holds the ids).
        Assert.Equal("Limit", plan[0]);
        Assert.Matches("^->  Index (Only )?Scan using items_undecided on items$", plan[1]);
        Assert.Equal(["Index Cond: (chamber = 'AssembleeNationale'::text)"], plan.Skip(2));
    }

    [Fact]
    public void A_bad_connection_string_is_refused_without_repeating_its_password()
    {
        var e = Assert.Throws<ArgumentException>(() => new PostgresStore("Host=db;Password=s3cr3t-vsa;Frobnicate=1"));
        Assert.DoesNotContain("s3cr3t-vsa", e.Message);
        Assert.Throws<ArgumentException>(() => new PostgresStore(" "));
    }
}
