using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Watch.Delivery;

namespace Watch.Storage;

/// <summary>Subscribers and what they follow, in the same SQLite file as the outbox they feed.</summary>
public sealed partial class SqliteStore : ISubscriberStore
{
    private const string SubscriberColumns = "id, channel, address, state, token, watermark, refusals, refused_upto";

    public async Task<Subscriber> GetOrCreateAsync(string channel, string address, string initialState, CancellationToken ct)
    {
        await Update("INSERT OR IGNORE INTO subscribers (channel, address, state, token, created_at) VALUES ($c, $a, $s, $t, $now)",
            ("$c", channel), ("$a", address), ("$s", initialState), ("$t", NewToken()), ("$now", Timestamp(DateTimeOffset.UtcNow)));
        return (await FindAsync(channel, address, ct))!;
    }

    public Task<Subscriber?> FindAsync(string channel, string address, CancellationToken ct) =>
        Task.FromResult(ReadSubscribers("WHERE channel = $c AND address = $a", ("$c", channel), ("$a", address)).FirstOrDefault());

    public Task<Subscriber?> FindByTokenAsync(string token, CancellationToken ct) =>
        Task.FromResult(ReadSubscribers("WHERE token = $t", ("$t", token)).FirstOrDefault());

    public Task SetStateAsync(long subscriberId, string state, CancellationToken ct) =>
        Update("UPDATE subscribers SET state = $s WHERE id = $id", ("$s", state), ("$id", subscriberId));

    public async Task<bool> FollowAsync(long subscriberId, string value, CancellationToken ct) =>
        await Changes("INSERT OR IGNORE INTO subscriptions (subscriber_id, value) VALUES ($id, $v)", ("$id", subscriberId), ("$v", value)) > 0;

    public async Task<bool> UnfollowAsync(long subscriberId, string value, CancellationToken ct) =>
        await Changes("DELETE FROM subscriptions WHERE subscriber_id = $id AND value = $v", ("$id", subscriberId), ("$v", value)) > 0;

    public Task<IReadOnlyList<Subscription>> SubscriptionsAsync(long subscriberId, CancellationToken ct)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM subscriptions WHERE subscriber_id = $id ORDER BY value";
        command.Parameters.AddWithValue("$id", subscriberId);
        var list = new List<Subscription>();
        using var r = command.ExecuteReader();
        while (r.Read()) list.Add(new Subscription(r.GetString(0)));
        return Task.FromResult<IReadOnlyList<Subscription>>(list);
    }

    public Task<IReadOnlyList<Subscriber>> FollowersAsync(string channel, IReadOnlyCollection<string> values, CancellationToken ct)
    {
        if (values.Count == 0) return Task.FromResult<IReadOnlyList<Subscriber>>([]);
        var names = values.Select((_, i) => $"$v{i}").ToList();
        var args = values.Select((v, i) => ($"$v{i}", (object)v)).Append(("$c", channel)).Append(("$active", SubscriberState.Active)).ToArray();
        return Task.FromResult(ReadSubscribers(
            $"WHERE channel = $c AND state = $active AND id IN (SELECT subscriber_id FROM subscriptions WHERE value IN ({string.Join(", ", names)})) ORDER BY id",
            args));
    }

    public Task<IReadOnlyList<Subscriber>> ActiveAsync(string channel, CancellationToken ct) =>
        Task.FromResult(ReadSubscribers("WHERE channel = $c AND state = $active ORDER BY id", ("$c", channel), ("$active", SubscriberState.Active)));

    public Task SetWatermarkAsync(long subscriberId, long eventId, CancellationToken ct) =>
        Update("UPDATE subscribers SET watermark = MAX(watermark, $e) WHERE id = $id", ("$e", eventId), ("$id", subscriberId));

    public Task SetRefusalsAsync(long subscriberId, int refusals, long upTo, CancellationToken ct) =>
        Update("UPDATE subscribers SET refusals = $r, refused_upto = $u WHERE id = $id", ("$r", refusals), ("$u", upTo), ("$id", subscriberId));

    private IReadOnlyList<Subscriber> ReadSubscribers(string where, params (string Name, object Value)[] args)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {SubscriberColumns} FROM subscribers {where}";
        foreach (var (name, value) in args) command.Parameters.AddWithValue(name, value);
        var list = new List<Subscriber>();
        using var r = command.ExecuteReader();
        while (r.Read())
            list.Add(new Subscriber(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt64(5), r.GetInt32(6), r.GetInt64(7)));
        return list;
    }

    private Task<int> Changes(string sql, params (string Name, object Value)[] args)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in args) command.Parameters.AddWithValue(name, value);
        return Task.FromResult(command.ExecuteNonQuery());
    }

    /// <summary>128 random bits, URL-safe: the secret of a subscriber's confirmation and unsubscribe links.</summary>
    private static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
