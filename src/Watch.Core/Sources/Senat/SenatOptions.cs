namespace Watch.Sources.Senat;

public sealed class SenatOptions
{
    public const string Section = "Sources:Senat";

    /// <summary>Site root (a loopback server in tests). Links found in the Sénat's files are rebased on it.</summary>
    public Uri BaseUrl { get; set; } = new("https://www.senat.fr/");

    /// <summary>The Akoma Ntoso indexes, relative to <see cref="BaseUrl"/>; empty means the two official ones.</summary>
    public List<string> TextIndexes { get; set; } = [];

    /// <summary>
    /// The deposits index first, then the adoptions index. (A default in the list itself would be appended to,
    /// not replaced, by configuration binding.)
    /// </summary>
    internal IReadOnlyList<string> IndexPaths => TextIndexes.Count > 0 ? TextIndexes : ["akomantoso/depots.xml", "akomantoso/adoptions.xml"];

    /// <summary>
    /// Index lines older than this are ignored: the deposits index lists ~750 texts back to 2023, and a first
    /// run should not fetch them all.
    /// </summary>
    public int TextLookbackDays { get; set; } = 30;

    /// <summary>Texts fetched per run at most; the rest wait for the next run (the index is then not marked as read).</summary>
    public int MaxTextsPerRun { get; set; } = 60;

    /// <summary>Texts whose amendments are always polled, as "session/number" ("2022-2023/220").</summary>
    public List<string> AmendmentTexts { get; set; } = [];

    /// <summary>Bills deposited or changed within this many days (deposits index) have their amendments polled too.</summary>
    public int AmendmentDiscoveryDays { get; set; } = 45;

    /// <summary>Dossiers always polled, by signet ("pjl22-220").</summary>
    public List<string> Dossiers { get; set; } = [];

    /// <summary>The "textes récents" page, relative to <see cref="BaseUrl"/>: the dossiers that just moved. Empty: configured dossiers only.</summary>
    public string RecentTextsPath { get; set; } = "dossiers-legislatifs/textes-recents.html";

    /// <summary>Dossier pages fetched per run at most.</summary>
    public int MaxDossiersPerRun { get; set; } = 80;

    /// <summary>A www.senat.fr link rebased on <see cref="BaseUrl"/> (identity in production).</summary>
    internal Uri Rebase(Uri official) =>
        official.Host.EndsWith("senat.fr", StringComparison.OrdinalIgnoreCase) ? new Uri(BaseUrl, official.PathAndQuery.TrimStart('/')) : official;
}
