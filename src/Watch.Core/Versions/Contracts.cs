using Watch.Domain;
using Watch.Relevance;
using Watch.Summaries;

namespace Watch.Versions;

/// <summary>What the store remembers of an item's latest version, enough to tell what changed.</summary>
public sealed record ItemState(string ItemId, string Hash, string? Status, string SubstanceHash, bool Relevant);

/// <summary>
/// A version to keep: the item as parsed, its hashes, and why it was (not) found relevant.
/// <paramref name="Payload"/> is the item's JSON in UTF-8, the bytes its hash was computed on.
/// </summary>
public sealed record ItemVersion(WatchItem Item, string Hash, string SubstanceHash, byte[] Payload, RelevanceResult Relevance);

/// <summary>An event about to be stored, with its summary already written.</summary>
public sealed record NewEvent(string ItemId, ItemKind ItemKind, EventKind Kind, IReadOnlyList<string> Topics, IReadOnlyList<string> Keys, string Reason, string? PreviousStatus, Summary Summary);

/// <summary>An identifier (a text, a dossier, a law) that relevant items made worth following, and their topics.</summary>
public sealed record WatchedKey(string Key, IReadOnlyList<string> Topics);

/// <summary>A stored event with the summary the channels send.</summary>
public sealed record StoredEvent(WatchEvent Event, Summary Summary);

/// <summary>
/// Every version of every item, and the events computed from them. One batch is one transaction:
/// versions and their events land together or not at all, so a crash cannot leave a version whose
/// event was never recorded.
/// </summary>
public interface IVersionStore
{
    Task<IReadOnlyDictionary<string, ItemState>> GetStatesAsync(IReadOnlyCollection<string> itemIds, CancellationToken ct);

    /// <param name="watched">Keys that relevant items of this batch lend to the items naming them, with their topics.</param>
    /// <param name="decreeCalls">Law articles now awaiting a décret, or answered by one (see <see cref="ImplementingDecrees"/>).</param>
    Task CommitAsync(IReadOnlyList<ItemVersion> versions, IReadOnlyList<NewEvent> events, IReadOnlyList<WatchedKey> watched,
        IReadOnlyList<DecreeCall> decreeCalls, CancellationToken ct);

    /// <summary>The recorded calls for a décret among these (law, article) pairs.</summary>
    Task<IReadOnlyList<DecreeCall>> DecreeCallsAsync(IReadOnlyCollection<(string Law, string Article)> keys, CancellationToken ct);

    /// <summary>Which of <paramref name="keys"/> are watched, with the topics they carry.</summary>
    Task<IReadOnlyDictionary<string, WatchedKey>> WatchedKeysAsync(IReadOnlyCollection<string> keys, CancellationToken ct);

    /// <summary>
    /// Remembers the texts a dossier names, in the order of its steps (deposited, commission, adopted…), so that
    /// a new text can be compared with the one before it. A text belongs to one dossier; recording it again moves it.
    /// </summary>
    Task RecordDossierTextsAsync(string dossierId, IReadOnlyList<string> textRefs, CancellationToken ct);

    /// <summary>
    /// Places a text in its dossier when the dossier names its texts nowhere but in the texts themselves (the Sénat's
    /// Akoma Ntoso files name their dossier and their step in its workflow): at <paramref name="position"/> when the
    /// text gives one, else after the texts already known, where a text already recorded stays.
    /// </summary>
    Task PlaceDossierTextAsync(string dossierId, string textRef, int? position, CancellationToken ct);

    /// <summary>The dossier of each of <paramref name="textRefs"/> whose dossier is known (recorded or appended above).</summary>
    Task<IReadOnlyDictionary<string, string>> DossiersOfTextsAsync(IReadOnlyCollection<string> textRefs, CancellationToken ct);

    /// <summary>The texts named before <paramref name="textRef"/> in its dossier, nearest first; empty when unknown.</summary>
    Task<IReadOnlyList<string>> EarlierTextsAsync(string textRef, CancellationToken ct);

    /// <summary>The texts of a dossier in its order; empty when unknown.</summary>
    Task<IReadOnlyList<string>> DossierTextsAsync(string dossierId, CancellationToken ct);

    /// <summary>
    /// Watched keys beginning with <paramref name="prefix"/> ("PIONAN", "PRJLAN": the Assemblée's bill texts),
    /// most recently watched first, at most <paramref name="max"/>.
    /// </summary>
    Task<IReadOnlyList<string>> WatchedKeysStartingWithAsync(string prefix, int max, CancellationToken ct);

    /// <summary>Whether a source has completed a run before (its first run only sets the baseline).</summary>
    Task<bool> HasCompletedRunAsync(string source, CancellationToken ct);

    Task MarkRunCompletedAsync(string source, DateTimeOffset at, CancellationToken ct);

    Task<IReadOnlyList<StoredEvent>> EventsSinceAsync(long afterEventId, int max, CancellationToken ct);

    /// <summary>The latest stored version of an item, as it was parsed then; null when unknown.</summary>
    Task<WatchItem?> LatestAsync(string itemId, CancellationToken ct);

    /// <summary>The latest stored version of every item whose id starts with the prefix: the points of one meeting
    /// (« RUANR5L17S2025IDS29020# »), in id order.</summary>
    Task<IReadOnlyList<WatchItem>> LatestWithIdPrefixAsync(string idPrefix, CancellationToken ct);

    /// <summary>
    /// Ids of a chamber's relevant amendments not decided yet, to fetch again for their fate: the newest first, since
    /// an amendment is decided in the days after it is filed, when its text is examined.
    /// </summary>
    Task<IReadOnlyList<string>> UndecidedAmendmentsAsync(Chamber chamber, int max, CancellationToken ct);
}

/// <summary>Validators of the last successful download of each URL, for conditional GET.</summary>
public sealed record HttpValidators(string Url, string? ETag, string? LastModified);

public interface IHttpCacheStore
{
    Task<HttpValidators?> GetAsync(string url, CancellationToken ct);
    Task SetAsync(HttpValidators validators, CancellationToken ct);

    /// <summary>The entries of the archive at <paramref name="archive"/> (its URL) that earlier runs ingested, by the hash of their name.</summary>
    Task<IReadOnlyDictionary<long, EntryMark>> ArchiveEntriesAsync(string archive, CancellationToken ct);

    Task SetArchiveEntriesAsync(string archive, IReadOnlyDictionary<long, EntryMark> entries, CancellationToken ct);
}

/// <summary>
/// An archive entry as its zip's central directory described it when it was ingested: an entry that still has the
/// same CRC-32 and length holds the same bytes (a CRC collision on a changed entry of the same length is a
/// one-in-four-billion chance, and the next change of that entry is read). The reader may fold more into the
/// CRC (<see cref="Sources.AssembleeNationale.AnArchiveReader"/> adds its build), the store keeps what it is given.
/// </summary>
public readonly record struct EntryMark(uint Crc32, long Length);
