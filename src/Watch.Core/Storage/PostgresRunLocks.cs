using Npgsql;
using Watch.Scheduling;

namespace Watch.Storage;

/// <summary>
/// Run locks as PostgreSQL session advisory locks, each on a connection of its own held for the run: the server
/// frees the lock when that connection closes, so a killed process leaves none behind (a lock row in a table
/// would wait for a timeout, and a run's timeout has to be longer than its longest run).
/// </summary>
public sealed class PostgresRunLocks(string connectionString) : IRunLocks
{
    // Unpooled: closing the connection must end the session, which is what frees its lock; a pooled session would
    // stay open with it, and hand it to the next run (advisory locks are re-entrant within a session).
    private readonly string _unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    /// <summary>How often a run waiting for a lock asks again.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    public async Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan wait, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(_unpooled);
        var held = false;
        try
        {
            await connection.OpenAsync(ct);
            await using var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended(@name, 0))", connection);
            take.Parameters.AddWithValue("name", name);
            var deadline = DateTimeOffset.UtcNow + wait;
            while (true)
            {
                if ((bool)(await take.ExecuteScalarAsync(ct))!)
                {
                    held = true;
                    return new Held(connection, name);
                }
                var left = deadline - DateTimeOffset.UtcNow;
                if (left <= TimeSpan.Zero) return null;
                await Task.Delay(left < Poll ? left : Poll, ct);
            }
        }
        finally
        {
            if (!held) await connection.DisposeAsync();
        }
    }

    /// <summary>
    /// Unlocked before the session closes: the server ends a closed session, and frees its locks, only after the client
    /// has gone on, so a run starting the next instant could find the lock still taken and skip its tick. Closing
    /// alone frees it when the unlock cannot be sent (a broken connection).
    /// </summary>
    private sealed class Held(NpgsqlConnection connection, string name) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended(@name, 0))", connection);
                release.Parameters.AddWithValue("name", name);
                await release.ExecuteScalarAsync();
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
