using Npgsql;
using NpgsqlTypes;
using Watch.Delivery;
using Watch.Summaries;
using Watch.Versions;

namespace Watch.Storage;

/// <summary>The outbox in PostgreSQL: rows are claimed with FOR UPDATE SKIP LOCKED, so any number of dispatchers can share it.</summary>
public sealed partial class PostgresStore
{
    public Task<IReadOnlyList<StoredEvent>> PendingFanOutAsync(int max, CancellationToken ct) =>
        ReadEventsAsync("WHERE NOT fanned_out ORDER BY id LIMIT @max", ct, new NpgsqlParameter("max", max));

    /// <summary>One batch, hence one implicit transaction: the rows and the fanned-out mark land together.</summary>
    public async Task FanOutAsync(long eventId, IReadOnlyList<(string Channel, string Recipient)> targets, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var batch = new NpgsqlBatch(connection);
        if (targets.Count > 0)
            batch.BatchCommands.Add(Command("""
                INSERT INTO outbox (event_id, channel, recipient, not_before)
                SELECT @event, u.channel, u.recipient, @now FROM unnest(@channel, @recipient) AS u (channel, recipient)
                ON CONFLICT (event_id, channel, recipient) DO NOTHING
                """,
                new NpgsqlParameter("event", eventId), Now(DateTimeOffset.UtcNow),
                TextArray("channel", targets.Select(t => t.Channel)),
                TextArray("recipient", targets.Select(t => t.Recipient))));
        batch.BatchCommands.Add(Command("UPDATE events SET fanned_out = true WHERE id = @event", new NpgsqlParameter("event", eventId)));
        await batch.ExecuteNonQueryAsync(ct);
    }

    public Task<IReadOnlyList<string>> DueChannelsAsync(DateTimeOffset dueBy, CancellationToken ct) =>
        StringsAsync("SELECT DISTINCT channel FROM outbox WHERE state = 'pending' AND not_before <= @due ORDER BY channel", ct, Time("due", dueBy));

    /// <summary>
    /// The lease: a claimed row gets <c>not_before = now + lease</c>, so it is invisible to other dispatchers until it
    /// expires; a dispatcher that died mid-send has its rows picked up again. SKIP LOCKED lets a concurrent claim pass
    /// over rows being claimed instead of waiting for them, and two claims never return the same row.
    /// </summary>
    public async Task<IReadOnlyList<OutgoingMessage>> ClaimDueAsync(string? channel, DateTimeOffset dueBy, DateTimeOffset leasedUntil, int max, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand("""
            WITH due AS (
                SELECT id FROM outbox
                WHERE state = 'pending' AND not_before <= @due AND (@channel IS NULL OR channel = @channel)
                ORDER BY id LIMIT @max
                FOR UPDATE SKIP LOCKED),
            claimed AS (
                UPDATE outbox o SET not_before = @until, attempts = o.attempts + 1
                FROM due WHERE o.id = due.id
                RETURNING o.id, o.event_id, o.channel, o.recipient, o.attempts, o.external_id)
            SELECT c.id, c.event_id, c.channel, c.recipient, e.headline, e.html, e.plain_text, e.url, c.attempts, c.external_id
            FROM claimed c JOIN events e ON e.id = c.event_id
            ORDER BY c.id
            """, connection);
        command.Parameters.Add(Time("due", dueBy));
        command.Parameters.Add(Text("channel", channel));
        command.Parameters.Add(Time("until", leasedUntil));
        command.Parameters.Add(new NpgsqlParameter("max", NpgsqlDbType.Integer) { Value = max });
        var messages = new List<OutgoingMessage>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var (id, eventId, rowChannel, recipient) = (r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3));
            // attempts is read after this claim counted it: this send is attempt number `attempts`.
            messages.Add(new OutgoingMessage(id, eventId, rowChannel, recipient,
                new Summary(r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7)),
                IdempotencyKey: $"watch-{eventId}-{rowChannel}-{recipient}", Attempt: r.GetInt32(8),
                Progress: r.IsDBNull(9) ? null : r.GetString(9)));
        }
        return messages;
    }

    public Task SaveProgressAsync(long outboxId, string progress, CancellationToken ct) =>
        ExecuteAsync("UPDATE outbox SET external_id = @progress WHERE id = @id AND state = 'pending'",
            ct, Text("progress", progress), new NpgsqlParameter("id", outboxId));

    public Task MarkSentAsync(long outboxId, string? externalId, DateTimeOffset at, CancellationToken ct) =>
        ExecuteAsync("UPDATE outbox SET state = 'sent', external_id = @x, sent_at = @at, last_error = NULL WHERE id = @id",
            ct, Text("x", externalId), Time("at", at), new NpgsqlParameter("id", outboxId));

    public Task MarkRetryAsync(long outboxId, string error, DateTimeOffset notBefore, CancellationToken ct) =>
        ExecuteAsync("UPDATE outbox SET last_error = @error, not_before = @nb WHERE id = @id AND state = 'pending'",
            ct, Text("error", error), Time("nb", notBefore), new NpgsqlParameter("id", outboxId));

    public Task MarkGoneAsync(long outboxId, string reason, CancellationToken ct) =>
        ExecuteAsync("UPDATE outbox SET state = 'gone', last_error = @reason WHERE id = @id",
            ct, Text("reason", reason), new NpgsqlParameter("id", outboxId));

    public Task ReleaseAsync(long outboxId, string reason, DateTimeOffset notBefore, CancellationToken ct) =>
        ExecuteAsync("UPDATE outbox SET attempts = attempts - 1, last_error = @reason, not_before = @nb WHERE id = @id AND state = 'pending'",
            ct, Text("reason", reason), Time("nb", notBefore), new NpgsqlParameter("id", outboxId));

    public async Task<IReadOnlyDictionary<string, int>> ExpireAsync(DateTimeOffset dueBy, DateTimeOffset eventsBefore, string reason, CancellationToken ct) =>
        (await StringsAsync("""
            UPDATE outbox o SET state = 'expired', last_error = @reason
            FROM events e
            WHERE e.id = o.event_id AND o.state = 'pending' AND o.not_before <= @due AND o.external_id IS NULL AND e.at < @before
            RETURNING o.channel
            """, ct, Text("reason", reason), Time("due", dueBy), Time("before", eventsBefore))).CountBy(c => c).ToDictionary();

    public async Task<IReadOnlyList<OutboxEntry>> EntriesAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT id, event_id, channel, recipient, state, attempts, last_error FROM outbox ORDER BY id", connection);
        var list = new List<OutboxEntry>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new OutboxEntry(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt32(5),
                r.IsDBNull(6) ? null : r.GetString(6)));
        return list;
    }
}
