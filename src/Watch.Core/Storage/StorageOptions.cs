namespace Watch.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>"sqlite" (embedded default).</summary>
    public string Provider { get; set; } = "sqlite";

    public string SqlitePath { get; set; } = "data/watch.db";
}
