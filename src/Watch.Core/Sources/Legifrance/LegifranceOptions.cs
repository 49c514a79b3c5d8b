using Watch.Parsing.Legifrance;

namespace Watch.Sources.Legifrance;

public sealed class LegifranceOptions
{
    public const string Section = "Sources:Legifrance";

    /// <summary>The DILA open-data directory of the Journal officiel's daily archives (JORF_YYYYMMDD-HHMMSS.tar.gz).</summary>
    public Uri JorfOpenDataUrl { get; set; } = new("https://echanges.dila.gouv.fr/OPENDATA/JORF/");

    /// <summary>On the first run, archives dated within this many days are read (DILA publishes one or two a day).</summary>
    public int LookbackDays { get; set; } = 3;

    /// <summary>Once archives have been read, those not read yet are read up to this many days back: an outage leaves no gap.</summary>
    public int CatchUpDays { get; set; } = 31;

    /// <summary>Archives read per run at most; the others wait for the next run.</summary>
    public int MaxArchivesPerRun { get; set; } = 8;

    /// <summary>Largest archive downloaded (daily ones weigh 100 KB to 10 MB; the 1.6 GB "Freemium" base is never fetched).</summary>
    public long MaxArchiveBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>Largest file inside an archive (see <see cref="ArchiveLimits.Default"/>).</summary>
    public long MaxEntryBytes { get; set; } = ArchiveLimits.Default.MaxEntryBytes;

    /// <summary>Largest total once decompressed: a guard against a decompression bomb (see <see cref="ArchiveLimits.Default"/>).</summary>
    public long MaxExtractedBytes { get; set; } = ArchiveLimits.Default.MaxExtractedBytes;

    /// <summary>DILA natures kept; empty means <see cref="DefaultNatures"/>. Avis, nominations, conventions… are dropped.</summary>
    public List<string> Natures { get; set; } = [];

    public static readonly IReadOnlyList<string> DefaultNatures = ["LOI", "LOI_ORGANIQUE", "LOI_CONSTIT", "ORDONNANCE", "DECRET", "ARRETE", "DECISION", "DELIBERATION"];

    internal IReadOnlySet<string> KeptNatures =>
        (Natures.Count > 0 ? Natures : DefaultNatures).Select(n => n.Trim().ToUpperInvariant()).ToHashSet();

    public PisteOptions Piste { get; set; } = new();
}

/// <summary>
/// The PISTE Légifrance API. Endpoints come from <c>config/watch.json</c>; the client id and secret come from
/// the environment (<c>Sources__Legifrance__Piste__ClientId</c>, <c>…__ClientSecret</c>) or user secrets,
/// never from a committed file.
/// </summary>
public sealed class PisteOptions
{

    public Uri TokenUrl { get; set; } = new("https://oauth.piste.gouv.fr/api/oauth/token");

    /// <summary>Root of the Légifrance API (production host; the sandbox is sandbox-api.piste.gouv.fr).</summary>
    public Uri ApiUrl { get; set; } = new("https://api.piste.gouv.fr/dila/legifrance/lf-engine-app/");

    /// <summary>
    /// How many of the latest Journaux officiels each run looks at (<c>lastNJo</c>'s nbElement): a JO read whole is not
    /// asked for again, so a month back costs little and an outage of up to a month leaves no gap.
    /// </summary>
    public int LastJournals { get; set; } = 31;

    /// <summary>Texts consulted per run at most (one <c>/consult/jorf</c> call each).</summary>
    public int MaxTextsPerRun { get; set; } = 150;

    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);
}
