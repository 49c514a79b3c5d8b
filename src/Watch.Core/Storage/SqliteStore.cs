using System.Text.Json;
using Microsoft.Data.Sqlite;
using Watch.Delivery;
using Watch.Domain;
using Watch.Summaries;
using Watch.Versions;

namespace Watch.Storage;

/// <summary>
/// The embedded store: one SQLite file holding item versions, events, the outbox and HTTP validators.
/// Created and migrated on first use; WAL mode so the dashboard and jobs can read while a batch is written.
/// </summary>
public sealed partial class SqliteStore : IVersionStore, IOutbox, IHttpCacheStore
{
    private readonly string _connectionString;

    public SqliteStore(string databasePath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (directory is not null) Directory.CreateDirectory(directory);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        Migrate();
    }

    /// <param name="durable">
    /// False for writes a later run redoes if they are lost: WAL's NORMAL sync cannot corrupt the file, but a power
    /// cut may lose the last commits. An ingested batch may be lost that way, because the validators that let a
    /// source skip its documents are written after it and would be lost with it. A message's « sent » mark may not:
    /// it would be sent twice. The setting belongs to the connection, and pooled connections are reused, so every
    /// opening sets it.
    /// </param>
    private SqliteConnection Open(bool durable = true)
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON; PRAGMA synchronous = {(durable ? "FULL" : "NORMAL")};";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private void Migrate()
    {
        using var connection = Open();
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }
        var version = Scalar<long>(connection, "PRAGMA user_version");
        for (var v = (int)version; v < Migrations.Length; v++)
        {
            using var tx = connection.BeginTransaction();
            Execute(connection, Migrations[v], tx);
            Execute(connection, $"PRAGMA user_version = {v + 1}", tx);
            tx.Commit();
        }
    }

    /// <summary>Append-only: a released schema is never edited, a change is a new entry.</summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE items (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            chamber TEXT NOT NULL,
            hash TEXT NOT NULL,
            status TEXT,
            substance_hash TEXT NOT NULL,
            relevant INTEGER NOT NULL,
            topics TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            last_changed TEXT NOT NULL);
        CREATE TABLE item_versions (
            id INTEGER PRIMARY KEY,
            item_id TEXT NOT NULL REFERENCES items(id),
            hash TEXT NOT NULL,
            clr_type TEXT NOT NULL,
            payload BLOB NOT NULL,
            relevance TEXT NOT NULL,
            stored_at TEXT NOT NULL);
        CREATE INDEX item_versions_item ON item_versions(item_id, id);
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            item_id TEXT NOT NULL REFERENCES items(id),
            item_kind TEXT NOT NULL,
            kind TEXT NOT NULL,
            at TEXT NOT NULL,
            topics TEXT NOT NULL,
            reason TEXT NOT NULL,
            previous_status TEXT,
            headline TEXT NOT NULL,
            html TEXT NOT NULL,
            plain_text TEXT NOT NULL,
            url TEXT NOT NULL,
            fanned_out INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX events_fanout ON events(fanned_out, id);
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            event_id INTEGER NOT NULL REFERENCES events(id),
            channel TEXT NOT NULL,
            recipient TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending',
            attempts INTEGER NOT NULL DEFAULT 0,
            not_before TEXT NOT NULL,
            last_error TEXT,
            external_id TEXT,
            sent_at TEXT,
            UNIQUE (event_id, channel, recipient));
        CREATE INDEX outbox_due ON outbox(state, not_before);
        CREATE TABLE http_cache (
            url TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT);
        """,
        """
        ALTER TABLE events ADD COLUMN keys TEXT NOT NULL DEFAULT '';
        CREATE TABLE subscribers (
            id INTEGER PRIMARY KEY,
            channel TEXT NOT NULL,
            address TEXT NOT NULL,
            state TEXT NOT NULL,
            token TEXT NOT NULL UNIQUE,
            watermark INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            UNIQUE (channel, address));
        CREATE TABLE subscriptions (
            subscriber_id INTEGER NOT NULL REFERENCES subscribers(id),
            value TEXT NOT NULL,
            PRIMARY KEY (subscriber_id, value));
        CREATE INDEX subscriptions_value ON subscriptions(value);
        """,
        """
        CREATE TABLE watched_keys (
            key TEXT PRIMARY KEY,
            topics TEXT NOT NULL,
            since TEXT NOT NULL);
        CREATE TABLE source_runs (
            source TEXT PRIMARY KEY,
            last_completed TEXT NOT NULL);
        CREATE TABLE decree_calls (
            law TEXT NOT NULL,
            article TEXT NOT NULL,
            since TEXT NOT NULL,
            resolved_by TEXT,
            PRIMARY KEY (law, article));
        """,
        """
        CREATE TABLE dossier_texts (
            text_ref TEXT PRIMARY KEY,
            dossier_id TEXT NOT NULL,
            position INTEGER NOT NULL);
        CREATE INDEX dossier_texts_dossier ON dossier_texts(dossier_id, position);
        """,
        """
        CREATE TABLE archive_entries (
            archive TEXT NOT NULL,
            name_hash INTEGER NOT NULL,
            crc32 INTEGER NOT NULL,
            length INTEGER NOT NULL,
            PRIMARY KEY (archive, name_hash)) WITHOUT ROWID;
        """,
        """
        -- The amendments re-checked until decided (UndecidedQuery), newest first: only these rows, in that order.
        CREATE INDEX items_undecided ON items(chamber, first_seen DESC, id)
            WHERE kind = 'Amendment' AND status = 'Déposé' AND relevant = 1;
        """,
        """
        ALTER TABLE subscribers ADD COLUMN refusals INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE subscribers ADD COLUMN refused_upto INTEGER NOT NULL DEFAULT 0;
        """,
    ];

    // ---- versions -------------------------------------------------------------------------------

    public Task<IReadOnlyDictionary<string, ItemState>> GetStatesAsync(IReadOnlyCollection<string> itemIds, CancellationToken ct)
    {
        var states = new Dictionary<string, ItemState>(itemIds.Count, StringComparer.Ordinal);
        if (itemIds.Count == 0) return Task.FromResult<IReadOnlyDictionary<string, ItemState>>(states);
        using var connection = Open();
        using var command = connection.CreateCommand();
        // One statement for the batch, its ids as one JSON array: a statement per id cost more than the lookups.
        command.CommandText = "SELECT id, hash, status, substance_hash, relevant FROM items WHERE id IN (SELECT value FROM json_each($ids))";
        command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(itemIds));
        using var reader = command.ExecuteReader();
        while (reader.Read())
            states[reader.GetString(0)] = new ItemState(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), reader.GetInt64(4) != 0);
        return Task.FromResult<IReadOnlyDictionary<string, ItemState>>(states);
    }

    public Task CommitAsync(IReadOnlyList<ItemVersion> versions, IReadOnlyList<NewEvent> events, IReadOnlyList<WatchedKey> watched,
        IReadOnlyList<DecreeCall> decreeCalls, CancellationToken ct)
    {
        if (versions.Count == 0 && events.Count == 0 && watched.Count == 0 && decreeCalls.Count == 0) return Task.CompletedTask;
        var now = Timestamp(DateTimeOffset.UtcNow);
        using var connection = Open(durable: false);
        using var tx = connection.BeginTransaction();

        using var upsert = connection.CreateCommand();
        upsert.Transaction = tx;
        upsert.CommandText = """
            INSERT INTO items (id, kind, chamber, hash, status, substance_hash, relevant, topics, first_seen, last_changed)
            VALUES ($id, $kind, $chamber, $hash, $status, $substance, $relevant, $topics, $now, $now)
            ON CONFLICT(id) DO UPDATE SET hash = $hash, status = $status, substance_hash = $substance,
                relevant = $relevant, topics = $topics, last_changed = $now
            """;
        var p = Parameters(upsert, "$id", "$kind", "$chamber", "$hash", "$status", "$substance", "$relevant", "$topics", "$now");

        using var insertVersion = connection.CreateCommand();
        insertVersion.Transaction = tx;
        insertVersion.CommandText = """
            INSERT INTO item_versions (item_id, hash, clr_type, payload, relevance, stored_at)
            VALUES ($id, $hash, $type, $payload, $relevance, $now)
            """;
        var v = Parameters(insertVersion, "$id", "$hash", "$type", "$relevance", "$now");
        v["$payload"] = insertVersion.Parameters.Add("$payload", SqliteType.Blob);

        foreach (var version in versions)
        {
            var item = version.Item;
            p["$id"].Value = item.Id;
            p["$kind"].Value = item.Kind.ToString();
            p["$chamber"].Value = item.Chamber.ToString();
            p["$hash"].Value = version.Hash;
            p["$status"].Value = (object?)item.Status ?? DBNull.Value;
            p["$substance"].Value = version.SubstanceHash;
            p["$relevant"].Value = version.Relevance.Relevant ? 1 : 0;
            p["$topics"].Value = string.Join(',', version.Relevance.Topics);
            p["$now"].Value = now;
            upsert.ExecuteNonQuery();

            v["$id"].Value = item.Id;
            v["$hash"].Value = version.Hash;
            v["$type"].Value = item.GetType().FullName!;
            v["$payload"].Value = version.Payload;
            v["$relevance"].Value = version.Relevance.Matches.Count == 0 ? "[]" : JsonSerializer.Serialize(version.Relevance.Matches);
            v["$now"].Value = now;
            insertVersion.ExecuteNonQuery();
        }

        using var insertEvent = connection.CreateCommand();
        insertEvent.Transaction = tx;
        insertEvent.CommandText = """
            INSERT INTO events (item_id, item_kind, kind, at, topics, keys, reason, previous_status, headline, html, plain_text, url)
            VALUES ($item, $itemKind, $kind, $at, $topics, $keys, $reason, $previous, $headline, $html, $text, $url)
            """;
        var e = Parameters(insertEvent, "$item", "$itemKind", "$kind", "$at", "$topics", "$keys", "$reason", "$previous", "$headline", "$html", "$text", "$url");
        foreach (var ev in events)
        {
            e["$item"].Value = ev.ItemId;
            e["$itemKind"].Value = ev.ItemKind.ToString();
            e["$kind"].Value = ev.Kind.ToString();
            e["$at"].Value = now;
            e["$topics"].Value = string.Join(',', ev.Topics);
            e["$keys"].Value = string.Join(',', ev.Keys);
            e["$reason"].Value = ev.Reason;
            e["$previous"].Value = (object?)ev.PreviousStatus ?? DBNull.Value;
            e["$headline"].Value = ev.Summary.Headline;
            e["$html"].Value = ev.Summary.Html;
            e["$text"].Value = ev.Summary.PlainText;
            e["$url"].Value = ev.Summary.Url;
            insertEvent.ExecuteNonQuery();
        }

        using var watch = connection.CreateCommand();
        watch.Transaction = tx;
        // A key keeps the union of the topics every lender gave it, each once, in ordinal order (as PostgreSQL's "C").
        watch.CommandText = """
            INSERT INTO watched_keys (key, topics, since) VALUES ($key, $topics, $now)
            ON CONFLICT(key) DO UPDATE SET topics = $topics
            """;
        var w = Parameters(watch, "$key", "$topics", "$now");
        var known = WatchedKeys(connection, tx, watched.Select(k => k.Key).ToList());
        foreach (var key in watched)
        {
            var merged = (known.TryGetValue(key.Key, out var before) ? before.Topics.Union(key.Topics) : key.Topics)
                .Distinct().Order(StringComparer.Ordinal).ToList();
            w["$key"].Value = key.Key;
            w["$topics"].Value = string.Join(',', merged);
            w["$now"].Value = now;
            watch.ExecuteNonQuery();
            known[key.Key] = new WatchedKey(key.Key, merged); // another lender of this batch adds to it
        }

        using var calls = connection.CreateCommand();
        calls.Transaction = tx;
        calls.CommandText = """
            INSERT INTO decree_calls (law, article, since, resolved_by) VALUES ($law, $article, $now, $by)
            ON CONFLICT(law, article) DO UPDATE SET resolved_by = COALESCE(resolved_by, $by)
            """;
        var c = Parameters(calls, "$law", "$article", "$now", "$by");
        foreach (var call in decreeCalls)
        {
            c["$law"].Value = call.Law;
            c["$article"].Value = call.Article;
            c["$now"].Value = now;
            c["$by"].Value = (object?)call.ResolvedBy ?? DBNull.Value;
            calls.ExecuteNonQuery();
        }

        tx.Commit();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DecreeCall>> DecreeCallsAsync(IReadOnlyCollection<(string Law, string Article)> keys, CancellationToken ct)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT since, resolved_by FROM decree_calls WHERE law = $law AND article = $article";
        var law = command.Parameters.Add("$law", SqliteType.Text);
        var article = command.Parameters.Add("$article", SqliteType.Text);
        var found = new List<DecreeCall>();
        foreach (var key in keys.Distinct())
        {
            (law.Value, article.Value) = (key.Law, key.Article);
            using var r = command.ExecuteReader();
            if (r.Read()) found.Add(new DecreeCall(key.Law, key.Article, r.IsDBNull(1) ? null : r.GetString(1), DateTimeOffset.Parse(r.GetString(0))));
        }
        return Task.FromResult<IReadOnlyList<DecreeCall>>(found);
    }

    public Task<IReadOnlyDictionary<string, WatchedKey>> WatchedKeysAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        using var connection = Open();
        return Task.FromResult<IReadOnlyDictionary<string, WatchedKey>>(WatchedKeys(connection, null, keys));
    }

    public Task RecordDossierTextsAsync(string dossierId, IReadOnlyList<string> textRefs, CancellationToken ct)
    {
        if (textRefs.Count == 0) return Task.CompletedTask;
        using var connection = Open();
        using var tx = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            INSERT INTO dossier_texts (text_ref, dossier_id, position) VALUES ($text, $dossier, $position)
            ON CONFLICT(text_ref) DO UPDATE SET dossier_id = $dossier, position = $position
            """;
        var p = Parameters(command, "$text", "$dossier", "$position");
        p["$dossier"].Value = dossierId;
        for (var i = 0; i < textRefs.Count; i++)
        {
            p["$text"].Value = textRefs[i];
            p["$position"].Value = i;
            command.ExecuteNonQuery();
        }
        tx.Commit();
        return Task.CompletedTask;
    }

    /// <remarks>Without a position, the text goes after the dossier's last one, and one already placed stays.</remarks>
    public Task PlaceDossierTextAsync(string dossierId, string textRef, int? position, CancellationToken ct) =>
        Update("""
            INSERT INTO dossier_texts (text_ref, dossier_id, position)
            SELECT $text, $dossier, coalesce($position, max(position) + 1, 0) FROM dossier_texts WHERE dossier_id = $dossier
            ON CONFLICT(text_ref) DO UPDATE SET dossier_id = excluded.dossier_id, position = excluded.position WHERE $position IS NOT NULL
            """, ("$text", textRef), ("$dossier", dossierId), ("$position", (object?)position ?? DBNull.Value));

    public Task<IReadOnlyDictionary<string, string>> DossiersOfTextsAsync(IReadOnlyCollection<string> textRefs, CancellationToken ct)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT dossier_id FROM dossier_texts WHERE text_ref = $text";
        var p = command.Parameters.Add("$text", SqliteType.Text);
        foreach (var text in textRefs.Distinct())
        {
            p.Value = text;
            if (command.ExecuteScalar() is string dossier) found[text] = dossier;
        }
        return Task.FromResult<IReadOnlyDictionary<string, string>>(found);
    }

    public Task<IReadOnlyList<string>> EarlierTextsAsync(string textRef, CancellationToken ct) =>
        Strings("""
            SELECT earlier.text_ref FROM dossier_texts AS this
            JOIN dossier_texts AS earlier ON earlier.dossier_id = this.dossier_id AND earlier.position < this.position
            WHERE this.text_ref = $text ORDER BY earlier.position DESC
            """, ("$text", textRef));

    public Task<IReadOnlyList<string>> DossierTextsAsync(string dossierId, CancellationToken ct) =>
        Strings("SELECT text_ref FROM dossier_texts WHERE dossier_id = $dossier ORDER BY position", ("$dossier", dossierId));

    // substr rather than LIKE: an underscore in the prefix must not be a wildcard.
    public Task<IReadOnlyList<string>> WatchedKeysStartingWithAsync(string prefix, int max, CancellationToken ct) =>
        Strings("SELECT key FROM watched_keys WHERE substr(key, 1, length($prefix)) = $prefix ORDER BY since DESC, key LIMIT $max",
            ("$prefix", prefix), ("$max", max));

    private static Dictionary<string, WatchedKey> WatchedKeys(SqliteConnection connection, SqliteTransaction? tx, IReadOnlyCollection<string> keys)
    {
        var found = new Dictionary<string, WatchedKey>(StringComparer.Ordinal);
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT topics FROM watched_keys WHERE key = $key";
        var p = command.Parameters.Add("$key", SqliteType.Text);
        foreach (var key in keys.Distinct())
        {
            p.Value = key;
            if (command.ExecuteScalar() is string topics)
                found[key] = new WatchedKey(key, topics.Split(',', StringSplitOptions.RemoveEmptyEntries));
        }
        return found;
    }

    public Task<bool> HasCompletedRunAsync(string source, CancellationToken ct)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM source_runs WHERE source = $source";
        command.Parameters.AddWithValue("$source", source);
        return Task.FromResult(command.ExecuteScalar() is not null);
    }

    public Task MarkRunCompletedAsync(string source, DateTimeOffset at, CancellationToken ct) =>
        Update("INSERT INTO source_runs (source, last_completed) VALUES ($source, $at) ON CONFLICT(source) DO UPDATE SET last_completed = $at",
            ("$source", source), ("$at", Timestamp(at)));

    public Task<IReadOnlyList<StoredEvent>> EventsSinceAsync(long afterEventId, int max, CancellationToken ct) =>
        Task.FromResult(ReadEvents("WHERE id > $after ORDER BY id LIMIT $max", ("$after", afterEventId), ("$max", max)));

    public Task<WatchItem?> LatestAsync(string itemId, CancellationToken ct)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT clr_type, payload FROM item_versions WHERE item_id = $id ORDER BY id DESC LIMIT 1";
        command.Parameters.AddWithValue("$id", itemId);
        using var r = command.ExecuteReader();
        return Task.FromResult(r.Read() ? StoredPayload.Read(itemId, r.GetString(0), (byte[])r.GetValue(1)) : null);
    }

    public Task<IReadOnlyList<WatchItem>> LatestWithIdPrefixAsync(string idPrefix, CancellationToken ct)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        // A range on the primary key (SQLite compares text as bytes): the index finds the prefix's rows.
        command.CommandText = """
            SELECT i.id, v.clr_type, v.payload FROM items i
            JOIN item_versions v ON v.id = (SELECT max(id) FROM item_versions WHERE item_id = i.id)
            WHERE i.id >= $from AND i.id < $to ORDER BY i.id
            """;
        command.Parameters.AddWithValue("$from", idPrefix);
        command.Parameters.AddWithValue("$to", IdPrefix.UpperBound(idPrefix));
        using var r = command.ExecuteReader();
        var items = new List<WatchItem>();
        while (r.Read()) items.Add(StoredPayload.Read(r.GetString(0), r.GetString(1), (byte[])r.GetValue(2)));
        return Task.FromResult<IReadOnlyList<WatchItem>>(items);
    }

    public Task<IReadOnlyList<string>> UndecidedAmendmentsAsync(Chamber chamber, int max, CancellationToken ct) =>
        Strings(UndecidedQuery, ("$chamber", chamber.ToString()), ("$max", max));

    /// <summary>Its conditions are written as the partial index <c>items_undecided</c> writes them: that is what lets SQLite use it.</summary>
    internal const string UndecidedQuery = """
        SELECT id FROM items WHERE kind = 'Amendment' AND status = 'Déposé' AND relevant = 1 AND chamber = $chamber
        ORDER BY first_seen DESC, id LIMIT $max
        """;

    private IReadOnlyList<StoredEvent> ReadEvents(string where, params (string Name, object Value)[] args)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, item_id, item_kind, kind, at, topics, reason, previous_status, headline, html, plain_text, url, keys FROM events {where}";
        foreach (var (name, value) in args) command.Parameters.AddWithValue(name, value);
        var list = new List<StoredEvent>();
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            var ev = new WatchEvent(
                r.GetInt64(0), r.GetString(1), Enum.Parse<ItemKind>(r.GetString(2)), Enum.Parse<EventKind>(r.GetString(3)),
                DateTimeOffset.Parse(r.GetString(4)), r.GetString(5).Split(',', StringSplitOptions.RemoveEmptyEntries), r.GetString(6),
                r.IsDBNull(7) ? null : r.GetString(7), r.GetString(12).Split(',', StringSplitOptions.RemoveEmptyEntries));
            list.Add(new StoredEvent(ev, new Summary(r.GetString(8), r.GetString(9), r.GetString(10), r.GetString(11))));
        }
        return list;
    }

    // ---- outbox ---------------------------------------------------------------------------------

    public Task<IReadOnlyList<StoredEvent>> PendingFanOutAsync(int max, CancellationToken ct) =>
        Task.FromResult(ReadEvents("WHERE fanned_out = 0 ORDER BY id LIMIT $max", ("$max", max)));

    public Task FanOutAsync(long eventId, IReadOnlyList<(string Channel, string Recipient)> targets, CancellationToken ct)
    {
        using var connection = Open();
        using var tx = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT OR IGNORE INTO outbox (event_id, channel, recipient, not_before) VALUES ($event, $channel, $recipient, $now)";
        var p = Parameters(insert, "$event", "$channel", "$recipient", "$now");
        foreach (var (channel, recipient) in targets)
        {
            p["$event"].Value = eventId;
            p["$channel"].Value = channel;
            p["$recipient"].Value = recipient;
            p["$now"].Value = Timestamp(DateTimeOffset.UtcNow);
            insert.ExecuteNonQuery();
        }
        Execute(connection, $"UPDATE events SET fanned_out = 1 WHERE id = {eventId}", tx);
        tx.Commit();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> DueChannelsAsync(DateTimeOffset dueBy, CancellationToken ct) =>
        Strings("SELECT DISTINCT channel FROM outbox WHERE state = 'pending' AND not_before <= $due ORDER BY channel", ("$due", Timestamp(dueBy)));

    public Task<IReadOnlyList<OutgoingMessage>> ClaimDueAsync(string? channel, DateTimeOffset dueBy, DateTimeOffset leasedUntil, int max, CancellationToken ct)
    {
        using var connection = Open();
        using var tx = connection.BeginTransaction();
        using var select = connection.CreateCommand();
        select.Transaction = tx;
        select.CommandText = """
            SELECT o.id, o.event_id, o.channel, o.recipient, e.headline, e.html, e.plain_text, e.url, o.attempts, o.external_id
            FROM outbox o JOIN events e ON e.id = o.event_id
            WHERE o.state = 'pending' AND o.not_before <= $due AND ($channel IS NULL OR o.channel = $channel)
            ORDER BY o.id LIMIT $max
            """;
        select.Parameters.AddWithValue("$due", Timestamp(dueBy));
        select.Parameters.AddWithValue("$channel", (object?)channel ?? DBNull.Value);
        select.Parameters.AddWithValue("$max", max);
        var messages = new List<OutgoingMessage>();
        using (var r = select.ExecuteReader())
        {
            while (r.Read())
            {
                var (id, eventId, rowChannel, recipient) = (r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3));
                messages.Add(new OutgoingMessage(id, eventId, rowChannel, recipient,
                    new Summary(r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7)),
                    IdempotencyKey: $"watch-{eventId}-{rowChannel}-{recipient}", Attempt: r.GetInt32(8) + 1,
                    Progress: r.IsDBNull(9) ? null : r.GetString(9)));
            }
        }
        // The lease: a claimed row is invisible to other dispatchers until it expires, so a dispatcher
        // that died mid-send has its rows picked up again, and two live ones never send the same row.
        using var claim = connection.CreateCommand();
        claim.Transaction = tx;
        claim.CommandText = "UPDATE outbox SET not_before = $until, attempts = attempts + 1 WHERE id = $id";
        claim.Parameters.AddWithValue("$until", Timestamp(leasedUntil));
        var idParam = claim.Parameters.Add("$id", SqliteType.Integer);
        foreach (var m in messages)
        {
            idParam.Value = m.OutboxId;
            claim.ExecuteNonQuery();
        }
        tx.Commit();
        return Task.FromResult<IReadOnlyList<OutgoingMessage>>(messages);
    }

    public Task SaveProgressAsync(long outboxId, string progress, CancellationToken ct) =>
        Update("UPDATE outbox SET external_id = $progress WHERE id = $id AND state = 'pending'", ("$progress", progress), ("$id", outboxId));

    public Task MarkSentAsync(long outboxId, string? externalId, DateTimeOffset at, CancellationToken ct) =>
        Update("UPDATE outbox SET state = 'sent', external_id = $x, sent_at = $at, last_error = NULL WHERE id = $id",
            ("$x", (object?)externalId ?? DBNull.Value), ("$at", Timestamp(at)), ("$id", outboxId));

    public Task MarkRetryAsync(long outboxId, string error, DateTimeOffset notBefore, CancellationToken ct) =>
        Update("UPDATE outbox SET last_error = $error, not_before = $nb WHERE id = $id AND state = 'pending'",
            ("$error", error), ("$nb", Timestamp(notBefore)), ("$id", outboxId));

    public Task MarkGoneAsync(long outboxId, string reason, CancellationToken ct) =>
        Update("UPDATE outbox SET state = 'gone', last_error = $reason WHERE id = $id", ("$reason", reason), ("$id", outboxId));

    public Task ReleaseAsync(long outboxId, string reason, DateTimeOffset notBefore, CancellationToken ct) =>
        Update("UPDATE outbox SET attempts = attempts - 1, last_error = $reason, not_before = $nb WHERE id = $id AND state = 'pending'",
            ("$reason", reason), ("$nb", Timestamp(notBefore)), ("$id", outboxId));

    public async Task<IReadOnlyDictionary<string, int>> ExpireAsync(DateTimeOffset dueBy, DateTimeOffset eventsBefore, string reason, CancellationToken ct) =>
        (await Strings("""
            UPDATE outbox SET state = 'expired', last_error = $reason
            WHERE state = 'pending' AND not_before <= $due AND external_id IS NULL AND event_id IN (SELECT id FROM events WHERE at < $before)
            RETURNING channel
            """, ("$reason", reason), ("$due", Timestamp(dueBy)), ("$before", Timestamp(eventsBefore)))).CountBy(c => c).ToDictionary();

    public Task<IReadOnlyList<OutboxEntry>> EntriesAsync(CancellationToken ct)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, event_id, channel, recipient, state, attempts, last_error FROM outbox ORDER BY id";
        var list = new List<OutboxEntry>();
        using var r = command.ExecuteReader();
        while (r.Read())
            list.Add(new OutboxEntry(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt32(5), r.IsDBNull(6) ? null : r.GetString(6)));
        return Task.FromResult<IReadOnlyList<OutboxEntry>>(list);
    }

    // ---- HTTP validators -----------------------------------------------------------------------

    public Task<HttpValidators?> GetAsync(string url, CancellationToken ct)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag, last_modified FROM http_cache WHERE url = $url";
        command.Parameters.AddWithValue("$url", url);
        using var r = command.ExecuteReader();
        return Task.FromResult(r.Read() ? new HttpValidators(url, r.IsDBNull(0) ? null : r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1)) : null);
    }

    public Task SetAsync(HttpValidators validators, CancellationToken ct) =>
        Update("INSERT INTO http_cache (url, etag, last_modified) VALUES ($url, $etag, $lm) ON CONFLICT(url) DO UPDATE SET etag = $etag, last_modified = $lm",
            ("$url", validators.Url), ("$etag", (object?)validators.ETag ?? DBNull.Value), ("$lm", (object?)validators.LastModified ?? DBNull.Value));

    public Task<IReadOnlyDictionary<long, EntryMark>> ArchiveEntriesAsync(string archive, CancellationToken ct)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name_hash, crc32, length FROM archive_entries WHERE archive = $archive";
        command.Parameters.AddWithValue("$archive", archive);
        var entries = new Dictionary<long, EntryMark>();
        using var r = command.ExecuteReader();
        while (r.Read()) entries[r.GetInt64(0)] = new EntryMark((uint)r.GetInt64(1), r.GetInt64(2));
        return Task.FromResult<IReadOnlyDictionary<long, EntryMark>>(entries);
    }

    public Task SetArchiveEntriesAsync(string archive, IReadOnlyDictionary<long, EntryMark> entries, CancellationToken ct)
    {
        using var connection = Open();
        using var tx = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            INSERT INTO archive_entries (archive, name_hash, crc32, length) VALUES ($archive, $name, $crc, $length)
            ON CONFLICT(archive, name_hash) DO UPDATE SET crc32 = $crc, length = $length
            """;
        command.Parameters.AddWithValue("$archive", archive);
        var name = command.Parameters.Add("$name", SqliteType.Integer);
        var crc = command.Parameters.Add("$crc", SqliteType.Integer);
        var length = command.Parameters.Add("$length", SqliteType.Integer);
        foreach (var (hash, mark) in entries)
        {
            (name.Value, crc.Value, length.Value) = (hash, (long)mark.Crc32, mark.Length);
            command.ExecuteNonQuery();
        }
        tx.Commit();
        return Task.CompletedTask;
    }

    // ---- helpers --------------------------------------------------------------------------------

    private Task Update(string sql, params (string Name, object Value)[] args) => Changes(sql, args);

    /// <summary>The first column of every row a query returns.</summary>
    private Task<IReadOnlyList<string>> Strings(string sql, params (string Name, object Value)[] args)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in args) command.Parameters.AddWithValue(name, value);
        var values = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) values.Add(reader.GetString(0));
        return Task.FromResult<IReadOnlyList<string>>(values);
    }

    private static Dictionary<string, SqliteParameter> Parameters(SqliteCommand command, params string[] names) =>
        names.ToDictionary(n => n, n => command.Parameters.Add(n, SqliteType.Text));

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static T Scalar<T>(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T));
    }

    /// <summary>Sortable UTC text, so "due now" is a string comparison SQLite can index.</summary>
    private static string Timestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
}
