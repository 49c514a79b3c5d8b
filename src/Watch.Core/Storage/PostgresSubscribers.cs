using System.Security.Cryptography;
using Npgsql;
using Watch.Delivery;

namespace Watch.Storage;

/// <summary>Subscribers and what they follow, in the same database as the outbox they feed.</summary>
public sealed partial class PostgresStore : ISubscriberStore
{
    private const string SubscriberColumns = "id, channel, address, state, token, watermark, refusals, refused_upto";

    /// <summary>Two statements, not one: the read must see a row a concurrent caller inserted while this insert waited on it.</summary>
    public async Task<Subscriber> GetOrCreateAsync(string channel, string address, string initialState, CancellationToken ct)
    {
        await ExecuteAsync("""
            INSERT INTO subscribers (channel, address, state, token, created_at) VALUES (@c, @a, @s, @t, @now)
            ON CONFLICT (channel, address) DO NOTHING
            """, ct, new NpgsqlParameter("c", channel), new NpgsqlParameter("a", address), new NpgsqlParameter("s", initialState),
            new NpgsqlParameter("t", NewToken()), Now(DateTimeOffset.UtcNow));
        return await FindAsync(channel, address, ct)
            ?? throw new InvalidOperationException($"Subscriber ({channel}, {address}) was neither created nor found in {_where}.");
    }

    public async Task<Subscriber?> FindAsync(string channel, string address, CancellationToken ct) =>
        (await ReadSubscribersAsync("WHERE channel = @c AND address = @a", ct, new NpgsqlParameter("c", channel), new NpgsqlParameter("a", address)))
        .FirstOrDefault();

    public async Task<Subscriber?> FindByTokenAsync(string token, CancellationToken ct) =>
        (await ReadSubscribersAsync("WHERE token = @t", ct, new NpgsqlParameter("t", token))).FirstOrDefault();

    public Task SetStateAsync(long subscriberId, string state, CancellationToken ct) =>
        ExecuteAsync("UPDATE subscribers SET state = @s WHERE id = @id", ct, new NpgsqlParameter("s", state), new NpgsqlParameter("id", subscriberId));

    public async Task<bool> FollowAsync(long subscriberId, string value, CancellationToken ct) =>
        await ExecuteAsync("INSERT INTO subscriptions (subscriber_id, value) VALUES (@id, @v) ON CONFLICT DO NOTHING",
            ct, new NpgsqlParameter("id", subscriberId), new NpgsqlParameter("v", value)) > 0;

    public async Task<bool> UnfollowAsync(long subscriberId, string value, CancellationToken ct) =>
        await ExecuteAsync("DELETE FROM subscriptions WHERE subscriber_id = @id AND value = @v",
            ct, new NpgsqlParameter("id", subscriberId), new NpgsqlParameter("v", value)) > 0;

    public async Task<IReadOnlyList<Subscription>> SubscriptionsAsync(long subscriberId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        // Ordinal order, as SQLite's default BINARY collation gives, whatever the database's locale.
        await using var command = new NpgsqlCommand("SELECT value FROM subscriptions WHERE subscriber_id = @id ORDER BY value COLLATE \"C\"", connection);
        command.Parameters.Add(new NpgsqlParameter("id", subscriberId));
        var list = new List<Subscription>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(new Subscription(r.GetString(0)));
        return list;
    }

    public async Task<IReadOnlyList<Subscriber>> FollowersAsync(string channel, IReadOnlyCollection<string> values, CancellationToken ct)
    {
        if (values.Count == 0) return [];
        return await ReadSubscribersAsync(
            "WHERE channel = @c AND state = @active AND id IN (SELECT subscriber_id FROM subscriptions WHERE value = ANY(@values)) ORDER BY id",
            ct, new NpgsqlParameter("c", channel), new NpgsqlParameter("active", SubscriberState.Active), TextArray("values", values));
    }

    public Task<IReadOnlyList<Subscriber>> ActiveAsync(string channel, CancellationToken ct) =>
        ReadSubscribersAsync("WHERE channel = @c AND state = @active ORDER BY id", ct,
            new NpgsqlParameter("c", channel), new NpgsqlParameter("active", SubscriberState.Active));

    /// <summary>Never moves back: a digest that finished late must not make the next one repeat events.</summary>
    public Task SetWatermarkAsync(long subscriberId, long eventId, CancellationToken ct) =>
        ExecuteAsync("UPDATE subscribers SET watermark = GREATEST(watermark, @e) WHERE id = @id",
            ct, new NpgsqlParameter("e", eventId), new NpgsqlParameter("id", subscriberId));

    public Task SetRefusalsAsync(long subscriberId, int refusals, long upTo, CancellationToken ct) =>
        ExecuteAsync("UPDATE subscribers SET refusals = @r, refused_upto = @u WHERE id = @id",
            ct, new NpgsqlParameter("r", refusals), new NpgsqlParameter("u", upTo), new NpgsqlParameter("id", subscriberId));

    private async Task<IReadOnlyList<Subscriber>> ReadSubscribersAsync(string where, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand($"SELECT {SubscriberColumns} FROM subscribers {where}", connection);
        command.Parameters.AddRange(parameters);
        var list = new List<Subscriber>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new Subscriber(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt64(5), r.GetInt32(6), r.GetInt64(7)));
        return list;
    }

    /// <summary>128 random bits, URL-safe: the secret of a subscriber's confirmation and unsubscribe links.</summary>
    private static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
