using Npgsql;
using Watch.Tests.Infrastructure;

namespace Watch.Tests.InfrastructureTests;

public sealed class PostgresServerTests
{
    [Fact]
    public async Task A_fresh_server_answers_queries_and_isolates_created_databases()
    {
        string root;
        await using (var postgres = await PostgresServer.StartAsync())
        {
            await using (var connection = new NpgsqlConnection(postgres.ConnectionString))
            {
                await connection.OpenAsync();
                await using var select = new NpgsqlCommand("SELECT 1", connection);
                Assert.Equal(1, await select.ExecuteScalarAsync());
                await using var encoding = new NpgsqlCommand("SHOW server_encoding", connection);
                Assert.Equal("UTF8", await encoding.ExecuteScalarAsync());
            }

            var connectionString = await postgres.CreateDatabaseAsync("watch_test");
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand("CREATE TABLE t (texte text); INSERT INTO t VALUES ('vidéoprotection algorithmique')", connection);
                await create.ExecuteNonQueryAsync();
                await using var read = new NpgsqlCommand("SELECT texte FROM t", connection);
                Assert.Equal("vidéoprotection algorithmique", await read.ExecuteScalarAsync());
            }
            root = postgres.DataDirectoryRoot;
            Assert.True(Directory.Exists(root));
        }

        Assert.False(Directory.Exists(root));
    }
}
