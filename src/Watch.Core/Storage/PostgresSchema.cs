using Npgsql;

namespace Watch.Storage;

/// <summary>
/// The PostgreSQL schema of <see cref="PostgresStore"/>: the same tables as <see cref="SqliteStore"/>, with
/// PostgreSQL's own types (identity keys, timestamptz, bytea, text[] for topics and keys, jsonb).
/// </summary>
internal static class PostgresSchema
{
    /// <summary>Any fixed number: every Watch process agrees on it, so only one of them migrates at a time.</summary>
    private const long MigrationLockKey = 0x5761_7463_685F_5343; // "Watch_SC"

    /// <summary>Append-only: a released schema is never edited, a change is a new entry.</summary>
    internal static readonly string[] Migrations =
    [
        """
        -- Batches send per-row lists as jsonb arrays (unnest cannot carry an array per row); this reads one back in order.
        CREATE FUNCTION watch_text_array(jsonb) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT AS
            $$ SELECT coalesce(array_agg(t ORDER BY n), '{}') FROM jsonb_array_elements_text($1) WITH ORDINALITY AS e(t, n) $$;
        CREATE TABLE items (
            id text PRIMARY KEY,
            kind text NOT NULL,
            chamber text NOT NULL,
            hash text NOT NULL,
            status text,
            substance_hash text NOT NULL,
            relevant boolean NOT NULL,
            topics text[] NOT NULL,
            first_seen timestamptz NOT NULL,
            last_changed timestamptz NOT NULL);
        CREATE INDEX items_undecided ON items (kind, status, last_changed);
        CREATE TABLE item_versions (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            item_id text NOT NULL REFERENCES items (id),
            hash text NOT NULL,
            clr_type text NOT NULL,
            payload bytea NOT NULL,
            relevance jsonb NOT NULL,
            stored_at timestamptz NOT NULL);
        CREATE INDEX item_versions_item ON item_versions (item_id, id);
        CREATE TABLE events (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            item_id text NOT NULL REFERENCES items (id),
            item_kind text NOT NULL,
            kind text NOT NULL,
            at timestamptz NOT NULL,
            topics text[] NOT NULL,
            keys text[] NOT NULL,
            reason text NOT NULL,
            previous_status text,
            headline text NOT NULL,
            html text NOT NULL,
            plain_text text NOT NULL,
            url text NOT NULL,
            fanned_out boolean NOT NULL DEFAULT false);
        CREATE INDEX events_fanout_pending ON events (id) WHERE NOT fanned_out;
        CREATE TABLE outbox (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            event_id bigint NOT NULL REFERENCES events (id),
            channel text NOT NULL,
            recipient text NOT NULL,
            state text NOT NULL DEFAULT 'pending',
            attempts integer NOT NULL DEFAULT 0,
            not_before timestamptz NOT NULL,
            last_error text,
            external_id text,
            sent_at timestamptz,
            UNIQUE (event_id, channel, recipient));
        CREATE INDEX outbox_due ON outbox (not_before, id) WHERE state = 'pending';
        CREATE TABLE http_cache (
            url text PRIMARY KEY,
            etag text,
            last_modified text);
        CREATE TABLE subscribers (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            channel text NOT NULL,
            address text NOT NULL,
            state text NOT NULL,
            token text NOT NULL UNIQUE,
            watermark bigint NOT NULL DEFAULT 0,
            created_at timestamptz NOT NULL,
            UNIQUE (channel, address));
        CREATE TABLE subscriptions (
            subscriber_id bigint NOT NULL REFERENCES subscribers (id),
            value text NOT NULL,
            PRIMARY KEY (subscriber_id, value));
        CREATE INDEX subscriptions_value ON subscriptions (value);
        CREATE TABLE watched_keys (
            key text PRIMARY KEY,
            topics text[] NOT NULL,
            since timestamptz NOT NULL);
        CREATE TABLE source_runs (
            source text PRIMARY KEY,
            last_completed timestamptz NOT NULL);
        CREATE TABLE decree_calls (
            law text NOT NULL,
            article text NOT NULL,
            since timestamptz NOT NULL,
            resolved_by text,
            PRIMARY KEY (law, article));
        """,
        """
        CREATE TABLE dossier_texts (
            text_ref text PRIMARY KEY,
            dossier_id text NOT NULL,
            position integer NOT NULL);
        CREATE INDEX dossier_texts_dossier ON dossier_texts (dossier_id, position);
        """,
        """
        CREATE TABLE archive_entries (
            archive text NOT NULL,
            name_hash bigint NOT NULL,
            crc32 bigint NOT NULL,
            length bigint NOT NULL,
            PRIMARY KEY (archive, name_hash));
        """,
        """
        CREATE INDEX items_id_code_point ON items (id COLLATE "C");
        """,
        """
        -- The amendments re-checked until decided (PostgresStore.UndecidedQuery), newest first: only these rows, in that order.
        DROP INDEX items_undecided;
        CREATE INDEX items_undecided ON items (chamber, first_seen DESC, id)
            WHERE kind = 'Amendment' AND status = 'Déposé' AND relevant;
        """,
        """
        ALTER TABLE subscribers ADD COLUMN refusals integer NOT NULL DEFAULT 0;
        ALTER TABLE subscribers ADD COLUMN refused_upto bigint NOT NULL DEFAULT 0;
        """,
    ];

    /// <summary>
    /// Brings the database to the latest schema in one transaction, under a transaction-scoped advisory lock: two
    /// processes starting together wait for each other instead of both creating the tables.
    /// </summary>
    internal static async Task MigrateAsync(NpgsqlDataSource dataSource, string where, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(@key)", ct, new NpgsqlParameter("key", MigrationLockKey));
        await ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT now())
            """, ct);
        await using (var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_migrations", connection))
        {
            var applied = (int)(await read.ExecuteScalarAsync(ct))!;
            if (applied > Migrations.Length)
                throw new InvalidOperationException(
                    $"The PostgreSQL database {where} has schema version {applied}, newer than this Watch knows ({Migrations.Length}): upgrade Watch.");
            for (var v = applied; v < Migrations.Length; v++)
            {
                try
                {
                    await ExecuteAsync(connection, Migrations[v], ct);
                }
                catch (PostgresException e)
                {
                    throw new InvalidOperationException($"Migration {v + 1} of the PostgreSQL database {where} failed: {e.MessageText}", e);
                }
                await ExecuteAsync(connection, "INSERT INTO schema_migrations (version) VALUES (@v)", ct, new NpgsqlParameter("v", v + 1));
            }
        }
        await tx.CommitAsync(ct);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync(ct);
    }
}
