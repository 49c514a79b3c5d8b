using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Watch.Delivery;
using Watch.Domain;
using Watch.Summaries;
using Watch.Versions;

namespace Watch.Storage;

/// <summary>
/// The server store: item versions, events, the outbox, subscribers and HTTP validators in a PostgreSQL
/// database, for installations that run several Watch processes or want a real database server. Same
/// behaviour as <see cref="SqliteStore"/>; the schema is created or migrated on first use.
/// </summary>
public sealed partial class PostgresStore : IVersionStore, IOutbox, IHttpCacheStore, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    /// <summary>Host, port and database, for messages: never the connection string, which may hold a password.</summary>
    private readonly string _where;
    private readonly SemaphoreSlim _migration = new(1, 1);
    private volatile bool _migrated;

    public PostgresStore(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new ArgumentException("Storage:PostgresConnectionString is empty: PostgreSQL storage needs a connection string.", nameof(connectionString));
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            // The message of the builder may quote the string; ours must not.
            throw new ArgumentException($"Storage:PostgresConnectionString is not a valid Npgsql connection string ({e.GetType().Name}).", nameof(connectionString));
        }
        _where = $"'{builder.Database}' on {builder.Host}:{builder.Port}";
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    /// <summary>Creates or migrates the schema now rather than on first use (a process can fail at startup instead).</summary>
    public async Task MigrateAsync(CancellationToken ct)
    {
        if (_migrated) return;
        await _migration.WaitAsync(ct);
        try
        {
            if (_migrated) return;
            await PostgresSchema.MigrateAsync(_dataSource, _where, ct);
            _migrated = true;
        }
        finally
        {
            _migration.Release();
        }
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        await MigrateAsync(ct);
        return await _dataSource.OpenConnectionAsync(ct);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();

    // ---- versions -------------------------------------------------------------------------------

    public async Task<IReadOnlyDictionary<string, ItemState>> GetStatesAsync(IReadOnlyCollection<string> itemIds, CancellationToken ct)
    {
        var states = new Dictionary<string, ItemState>(itemIds.Count, StringComparer.Ordinal);
        if (itemIds.Count == 0) return states;
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT id, hash, status, substance_hash, relevant FROM items WHERE id = ANY(@ids)", connection);
        command.Parameters.Add(TextArray("ids", itemIds.ToArray()));
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            states[r.GetString(0)] = new ItemState(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3), r.GetBoolean(4));
        return states;
    }

    /// <summary>
    /// The whole commit is one batch, so one round trip whatever its size: rows travel as arrays and are
    /// unnested by the server. PostgreSQL runs a batch as one implicit transaction: it lands whole or not at all.
    /// </summary>
    public async Task CommitAsync(IReadOnlyList<ItemVersion> versions, IReadOnlyList<NewEvent> events, IReadOnlyList<WatchedKey> watched,
        IReadOnlyList<DecreeCall> decreeCalls, CancellationToken ct)
    {
        if (versions.Count == 0 && events.Count == 0 && watched.Count == 0 && decreeCalls.Count == 0) return;
        var now = DateTimeOffset.UtcNow;
        await using var connection = await OpenAsync(ct);
        await using var batch = new NpgsqlBatch(connection);

        if (versions.Count > 0)
        {
            // One upsert cannot touch a row twice: the same item twice in a batch keeps its last version, as sequential upserts would.
            var items = versions.GroupBy(v => v.Item.Id, StringComparer.Ordinal).Select(g => g.Last()).ToList();
            batch.BatchCommands.Add(Command("""
                INSERT INTO items (id, kind, chamber, hash, status, substance_hash, relevant, topics, first_seen, last_changed)
                SELECT u.id, u.kind, u.chamber, u.hash, u.status, u.substance, u.relevant, watch_text_array(u.topics), @now, @now
                FROM unnest(@id, @kind, @chamber, @hash, @status, @substance, @relevant, @topics)
                    AS u (id, kind, chamber, hash, status, substance, relevant, topics)
                ON CONFLICT (id) DO UPDATE SET hash = EXCLUDED.hash, status = EXCLUDED.status, substance_hash = EXCLUDED.substance_hash,
                    relevant = EXCLUDED.relevant, topics = EXCLUDED.topics, last_changed = EXCLUDED.last_changed
                """,
                Now(now),
                TextArray("id", items.Select(v => v.Item.Id)),
                TextArray("kind", items.Select(v => v.Item.Kind.ToString())),
                TextArray("chamber", items.Select(v => v.Item.Chamber.ToString())),
                TextArray("hash", items.Select(v => v.Hash)),
                TextArray("status", items.Select(v => v.Item.Status)),
                TextArray("substance", items.Select(v => v.SubstanceHash)),
                ArrayOf("relevant", NpgsqlDbType.Boolean, items.Select(v => v.Relevance.Relevant).ToArray()),
                JsonArray("topics", items.Select(v => v.Relevance.Topics))));

            // Ordinality keeps the batch's order in the identity ids: the last version of an item is its latest.
            batch.BatchCommands.Add(Command("""
                INSERT INTO item_versions (item_id, hash, clr_type, payload, relevance, stored_at)
                SELECT u.id, u.hash, u.type, u.payload, u.relevance, @now
                FROM unnest(@id, @hash, @type, @payload, @relevance) WITH ORDINALITY AS u (id, hash, type, payload, relevance, n)
                ORDER BY u.n
                """,
                Now(now),
                TextArray("id", versions.Select(v => v.Item.Id)),
                TextArray("hash", versions.Select(v => v.Hash)),
                TextArray("type", versions.Select(v => v.Item.GetType().FullName!)),
                ArrayOf("payload", NpgsqlDbType.Bytea, versions.Select(v => v.Payload).ToArray()),
                ArrayOf("relevance", NpgsqlDbType.Jsonb, versions.Select(v => JsonSerializer.Serialize(v.Relevance.Matches)).ToArray())));
        }

        if (events.Count > 0)
            batch.BatchCommands.Add(Command("""
                INSERT INTO events (item_id, item_kind, kind, at, topics, keys, reason, previous_status, headline, html, plain_text, url)
                SELECT u.item, u.item_kind, u.kind, @now, watch_text_array(u.topics), watch_text_array(u.keys), u.reason, u.previous,
                    u.headline, u.html, u.plain_text, u.url
                FROM unnest(@item, @item_kind, @kind, @topics, @keys, @reason, @previous, @headline, @html, @plain_text, @url)
                    WITH ORDINALITY AS u (item, item_kind, kind, topics, keys, reason, previous, headline, html, plain_text, url, n)
                ORDER BY u.n
                """,
                Now(now),
                TextArray("item", events.Select(e => e.ItemId)),
                TextArray("item_kind", events.Select(e => e.ItemKind.ToString())),
                TextArray("kind", events.Select(e => e.Kind.ToString())),
                JsonArray("topics", events.Select(e => e.Topics)),
                JsonArray("keys", events.Select(e => e.Keys)),
                TextArray("reason", events.Select(e => e.Reason)),
                TextArray("previous", events.Select(e => e.PreviousStatus)),
                TextArray("headline", events.Select(e => e.Summary.Headline)),
                TextArray("html", events.Select(e => e.Summary.Html)),
                TextArray("plain_text", events.Select(e => e.Summary.PlainText)),
                TextArray("url", events.Select(e => e.Summary.Url))));

        if (watched.Count > 0)
        {
            // A key keeps the union of the topics every lender gave it, in this batch and before.
            var keys = watched.GroupBy(k => k.Key, StringComparer.Ordinal)
                .Select(g => new WatchedKey(g.Key, g.SelectMany(k => k.Topics).Distinct().Order(StringComparer.Ordinal).ToList()))
                .ToList();
            batch.BatchCommands.Add(Command("""
                INSERT INTO watched_keys (key, topics, since)
                SELECT u.key, watch_text_array(u.topics), @now FROM unnest(@key, @topics) AS u (key, topics)
                ON CONFLICT (key) DO UPDATE SET topics =
                    ARRAY(SELECT t FROM (SELECT DISTINCT unnest(watched_keys.topics || EXCLUDED.topics) AS t) AS merged ORDER BY t COLLATE "C")
                """,
                Now(now),
                TextArray("key", keys.Select(k => k.Key)),
                JsonArray("topics", keys.Select(k => k.Topics))));
        }

        if (decreeCalls.Count > 0)
        {
            // A call once resolved stays resolved by its first décret; within the batch too.
            var calls = decreeCalls.GroupBy(c => (c.Law, c.Article))
                .Select(g => (g.Key.Law, g.Key.Article, ResolvedBy: g.Select(c => c.ResolvedBy).FirstOrDefault(by => by is not null)))
                .ToList();
            batch.BatchCommands.Add(Command("""
                INSERT INTO decree_calls (law, article, since, resolved_by)
                SELECT u.law, u.article, @now, u.resolved_by FROM unnest(@law, @article, @resolved_by) AS u (law, article, resolved_by)
                ON CONFLICT (law, article) DO UPDATE SET resolved_by = COALESCE(decree_calls.resolved_by, EXCLUDED.resolved_by)
                """,
                Now(now),
                TextArray("law", calls.Select(c => c.Law)),
                TextArray("article", calls.Select(c => c.Article)),
                TextArray("resolved_by", calls.Select(c => c.ResolvedBy))));
        }

        await batch.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<DecreeCall>> DecreeCallsAsync(IReadOnlyCollection<(string Law, string Article)> keys, CancellationToken ct)
    {
        var wanted = keys.Distinct().ToList();
        if (wanted.Count == 0) return [];
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand("""
            SELECT d.law, d.article, d.since, d.resolved_by
            FROM decree_calls d JOIN unnest(@law, @article) AS k (law, article) USING (law, article)
            """, connection);
        command.Parameters.Add(TextArray("law", wanted.Select(k => k.Law)));
        command.Parameters.Add(TextArray("article", wanted.Select(k => k.Article)));
        var found = new Dictionary<(string, string), DecreeCall>();
        await using (var r = await command.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                found[(r.GetString(0), r.GetString(1))] = new DecreeCall(r.GetString(0), r.GetString(1), r.IsDBNull(3) ? null : r.GetString(3),
                    r.GetFieldValue<DateTimeOffset>(2));
        return wanted.Where(found.ContainsKey).Select(k => found[k]).ToList();
    }

    public async Task<IReadOnlyDictionary<string, WatchedKey>> WatchedKeysAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        var found = new Dictionary<string, WatchedKey>(StringComparer.Ordinal);
        if (keys.Count == 0) return found;
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT key, topics FROM watched_keys WHERE key = ANY(@keys)", connection);
        command.Parameters.Add(TextArray("keys", keys.Distinct()));
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            found[r.GetString(0)] = new WatchedKey(r.GetString(0), r.GetFieldValue<string[]>(1));
        return found;
    }

    public async Task RecordDossierTextsAsync(string dossierId, IReadOnlyList<string> textRefs, CancellationToken ct)
    {
        if (textRefs.Count == 0) return;
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand("""
            INSERT INTO dossier_texts (text_ref, dossier_id, position)
            SELECT t.ref, @dossier, (t.ord - 1)::int FROM unnest(@refs) WITH ORDINALITY AS t(ref, ord)
            ON CONFLICT (text_ref) DO UPDATE SET dossier_id = EXCLUDED.dossier_id, position = EXCLUDED.position
            """, connection);
        command.Parameters.AddWithValue("dossier", dossierId);
        command.Parameters.Add(TextArray("refs", textRefs));
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task PlaceDossierTextAsync(string dossierId, string textRef, int? position, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        // Without a position, the text goes after the dossier's last one, and one already placed stays.
        await using var command = new NpgsqlCommand("""
            INSERT INTO dossier_texts (text_ref, dossier_id, position)
            SELECT @text, @dossier, coalesce(@position, max(position) + 1, 0) FROM dossier_texts WHERE dossier_id = @dossier
            ON CONFLICT (text_ref) DO UPDATE SET dossier_id = EXCLUDED.dossier_id, position = EXCLUDED.position WHERE @position IS NOT NULL
            """, connection);
        command.Parameters.AddWithValue("text", textRef);
        command.Parameters.AddWithValue("dossier", dossierId);
        command.Parameters.Add(new NpgsqlParameter<int?>("position", position));
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyDictionary<string, string>> DossiersOfTextsAsync(IReadOnlyCollection<string> textRefs, CancellationToken ct)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT text_ref, dossier_id FROM dossier_texts WHERE text_ref = ANY(@texts)", connection);
        command.Parameters.Add(TextArray("texts", textRefs.Distinct()));
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) found[r.GetString(0)] = r.GetString(1);
        return found;
    }

    public Task<IReadOnlyList<string>> EarlierTextsAsync(string textRef, CancellationToken ct) =>
        StringsAsync("""
            SELECT earlier.text_ref FROM dossier_texts AS this
            JOIN dossier_texts AS earlier ON earlier.dossier_id = this.dossier_id AND earlier.position < this.position
            WHERE this.text_ref = @text ORDER BY earlier.position DESC
            """, ct, new NpgsqlParameter("text", textRef));

    public Task<IReadOnlyList<string>> DossierTextsAsync(string dossierId, CancellationToken ct) =>
        StringsAsync("SELECT text_ref FROM dossier_texts WHERE dossier_id = @dossier ORDER BY position", ct, new NpgsqlParameter("dossier", dossierId));

    public Task<IReadOnlyList<string>> WatchedKeysStartingWithAsync(string prefix, int max, CancellationToken ct) =>
        StringsAsync("SELECT key FROM watched_keys WHERE starts_with(key, @prefix) ORDER BY since DESC, key LIMIT @max",
            ct, new NpgsqlParameter("prefix", prefix), new NpgsqlParameter("max", max));

    public async Task<bool> HasCompletedRunAsync(string source, CancellationToken ct) =>
        await ScalarAsync("SELECT 1 FROM source_runs WHERE source = @source", ct, new NpgsqlParameter("source", source)) is not null;

    public Task MarkRunCompletedAsync(string source, DateTimeOffset at, CancellationToken ct) =>
        ExecuteAsync("""
            INSERT INTO source_runs (source, last_completed) VALUES (@source, @at)
            ON CONFLICT (source) DO UPDATE SET last_completed = EXCLUDED.last_completed
            """, ct, new NpgsqlParameter("source", source), Time("at", at));

    public Task<IReadOnlyList<StoredEvent>> EventsSinceAsync(long afterEventId, int max, CancellationToken ct) =>
        ReadEventsAsync("WHERE id > @after ORDER BY id LIMIT @max", ct, new NpgsqlParameter("after", afterEventId), new NpgsqlParameter("max", max));

    public async Task<WatchItem?> LatestAsync(string itemId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT clr_type, payload FROM item_versions WHERE item_id = @id ORDER BY id DESC LIMIT 1", connection);
        command.Parameters.Add(new NpgsqlParameter("id", itemId));
        await using var r = await command.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? StoredPayload.Read(itemId, r.GetString(0), r.GetFieldValue<byte[]>(1)) : null;
    }

    public async Task<IReadOnlyList<WatchItem>> LatestWithIdPrefixAsync(string idPrefix, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        // A range in code-point order ("C"), whatever the database's collation, so that items_id_code_point serves it.
        await using var command = new NpgsqlCommand("""
            SELECT i.id, v.clr_type, v.payload FROM items i
            JOIN LATERAL (SELECT clr_type, payload FROM item_versions WHERE item_id = i.id ORDER BY id DESC LIMIT 1) v ON true
            WHERE i.id COLLATE "C" >= @from AND i.id COLLATE "C" < @to ORDER BY i.id COLLATE "C"
            """, connection);
        command.Parameters.Add(new NpgsqlParameter("from", idPrefix));
        command.Parameters.Add(new NpgsqlParameter("to", IdPrefix.UpperBound(idPrefix)));
        await using var r = await command.ExecuteReaderAsync(ct);
        var items = new List<WatchItem>();
        while (await r.ReadAsync(ct)) items.Add(StoredPayload.Read(r.GetString(0), r.GetString(1), r.GetFieldValue<byte[]>(2)));
        return items;
    }

    public Task<IReadOnlyList<string>> UndecidedAmendmentsAsync(Chamber chamber, int max, CancellationToken ct) =>
        StringsAsync(UndecidedQuery, ct, new NpgsqlParameter("chamber", chamber.ToString()), new NpgsqlParameter("max", max));

    /// <summary>Its conditions are written as the partial index <c>items_undecided</c> writes them: that is what lets the planner use it.</summary>
    internal const string UndecidedQuery = """
        SELECT id FROM items WHERE kind = 'Amendment' AND status = 'Déposé' AND relevant AND chamber = @chamber
        ORDER BY first_seen DESC, id LIMIT @max
        """;

    private async Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string where, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            $"SELECT id, item_id, item_kind, kind, at, topics, reason, previous_status, headline, html, plain_text, url, keys FROM events {where}", connection);
        command.Parameters.AddRange(parameters);
        var list = new List<StoredEvent>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var ev = new WatchEvent(
                r.GetInt64(0), r.GetString(1), Enum.Parse<ItemKind>(r.GetString(2)), Enum.Parse<EventKind>(r.GetString(3)),
                r.GetFieldValue<DateTimeOffset>(4), r.GetFieldValue<string[]>(5), r.GetString(6),
                r.IsDBNull(7) ? null : r.GetString(7), r.GetFieldValue<string[]>(12));
            list.Add(new StoredEvent(ev, new Summary(r.GetString(8), r.GetString(9), r.GetString(10), r.GetString(11))));
        }
        return list;
    }

    // ---- HTTP validators -----------------------------------------------------------------------

    public async Task<HttpValidators?> GetAsync(string url, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT etag, last_modified FROM http_cache WHERE url = @url", connection);
        command.Parameters.Add(new NpgsqlParameter("url", url));
        await using var r = await command.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? new HttpValidators(url, r.IsDBNull(0) ? null : r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1)) : null;
    }

    public Task SetAsync(HttpValidators validators, CancellationToken ct) =>
        ExecuteAsync("""
            INSERT INTO http_cache (url, etag, last_modified) VALUES (@url, @etag, @lm)
            ON CONFLICT (url) DO UPDATE SET etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified
            """, ct, new NpgsqlParameter("url", validators.Url), Text("etag", validators.ETag), Text("lm", validators.LastModified));

    public async Task<IReadOnlyDictionary<long, EntryMark>> ArchiveEntriesAsync(string archive, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT name_hash, crc32, length FROM archive_entries WHERE archive = @archive", connection);
        command.Parameters.Add(new NpgsqlParameter("archive", archive));
        var entries = new Dictionary<long, EntryMark>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) entries[r.GetInt64(0)] = new EntryMark((uint)r.GetInt64(1), r.GetInt64(2));
        return entries;
    }

    public Task SetArchiveEntriesAsync(string archive, IReadOnlyDictionary<long, EntryMark> entries, CancellationToken ct) =>
        ExecuteAsync("""
            INSERT INTO archive_entries (archive, name_hash, crc32, length)
            SELECT @archive, u.name_hash, u.crc32, u.length FROM unnest(@name_hash, @crc32, @length) AS u (name_hash, crc32, length)
            ON CONFLICT (archive, name_hash) DO UPDATE SET crc32 = EXCLUDED.crc32, length = EXCLUDED.length
            """, ct,
            new NpgsqlParameter("archive", archive),
            ArrayOf("name_hash", NpgsqlDbType.Bigint, entries.Keys.ToArray()),
            ArrayOf("crc32", NpgsqlDbType.Bigint, entries.Values.Select(m => (long)m.Crc32).ToArray()),
            ArrayOf("length", NpgsqlDbType.Bigint, entries.Values.Select(m => m.Length).ToArray()));

    // ---- helpers --------------------------------------------------------------------------------

    private async Task<int> ExecuteAsync(string sql, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The first column of every row a query returns.</summary>
    private async Task<IReadOnlyList<string>> StringsAsync(string sql, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        var values = new List<string>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) values.Add(r.GetString(0));
        return values;
    }

    private async Task<object?> ScalarAsync(string sql, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        return await command.ExecuteScalarAsync(ct);
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter Text(string name, string? value) => new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter TextArray(string name, IEnumerable<string?> values) => ArrayOf(name, NpgsqlDbType.Text, values.ToArray());

    private static NpgsqlParameter ArrayOf<T>(string name, NpgsqlDbType elementType, T[] values) =>
        new(name, NpgsqlDbType.Array | elementType) { Value = values };

    /// <summary>A list per row, as a jsonb array per row: read back with watch_text_array.</summary>
    private static NpgsqlParameter JsonArray(string name, IEnumerable<IReadOnlyList<string>> lists) =>
        ArrayOf(name, NpgsqlDbType.Jsonb, lists.Select(l => JsonSerializer.Serialize(l)).ToArray());

    /// <summary>timestamptz takes UTC only (Npgsql refuses other offsets rather than guess).</summary>
    private static NpgsqlParameter Time(string name, DateTimeOffset at) => new(name, NpgsqlDbType.TimestampTz) { Value = at.ToUniversalTime() };

    private static NpgsqlParameter Now(DateTimeOffset now) => Time("now", now);
}
