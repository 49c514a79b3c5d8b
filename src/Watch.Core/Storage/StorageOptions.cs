namespace Watch.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>"sqlite" (embedded default) or "postgres".</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>Npgsql connection string when Provider is "postgres". It may hold a password: user secrets or
    /// environment (Storage__PostgresConnectionString), never config/watch.json.</summary>
    public string? PostgresConnectionString { get; set; }

    public string SqlitePath { get; set; } = "data/watch.db";
}
