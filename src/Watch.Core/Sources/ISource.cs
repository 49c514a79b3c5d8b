using Watch.Domain;
using Watch.Parsing;
using Watch.Parsing.Texts;
using Watch.Versions;

namespace Watch.Sources;

/// <summary>Something that went wrong with one document of a run; the run goes on without it.</summary>
/// <param name="NotBefore">When the server that refused it asked to be asked again (a 429's Retry-After).</param>
public sealed record SourceFailure(string Input, string Problem, DateTimeOffset? NotBefore = null);

/// <summary>
/// What a source reports besides its items: the documents it could not read, and the downloads it may
/// mark as seen once the items they produced are safely stored.
/// </summary>
public sealed class SourceRun
{
    private readonly List<SourceFailure> _failures = [];
    private readonly List<FetchResult> _processed = [];

    public IReadOnlyList<SourceFailure> Failures => _failures;
    public IReadOnlyList<FetchResult> Completed => _processed;

    public void Fail(string input, string problem) => _failures.Add(new SourceFailure(input, problem));

    /// <summary>A document problem (<see cref="IsDocumentProblem"/>), with the wait a refusing server asked for.</summary>
    public void Fail(string input, Exception problem) => _failures.Add(new SourceFailure(input, problem.Message, (problem as FetchException)?.NotBefore));

    /// <summary>
    /// A list the source reads its work from (an index, a directory, a page of recent texts) answered 404: a failure to
    /// report, not « nothing new », or the source would go silent after the publisher moved it.
    /// </summary>
    public void Moved(Uri list, string what) => Fail(list.AbsoluteUri, $"{what} not found (404): has it moved?");

    /// <summary>
    /// A problem with one document, not with Watch: its download failed (the fetcher turns a refused, timed-out
    /// or cut-off request into a <see cref="FetchException"/>) or its bytes are not what its format says. A source
    /// reports it (<see cref="Fail"/>) and goes on without the document; anything else is a bug and stops the run.
    /// </summary>
    public static bool IsDocumentProblem(Exception e) => e is FetchException or ParseException or TextFormatException;

    /// <summary>Remember this download's validators after the run's items are committed.</summary>
    public void Complete(FetchResult download) => _processed.Add(download);

    private readonly HashSet<string> _postponed = new(StringComparer.Ordinal);

    /// <summary>
    /// An item yielded before all it needs was stored (a vote before its séance's agenda): it is ingested as it is,
    /// and its archive entry is not remembered, so that it is read again when the archive is next published.
    /// </summary>
    public void Postpone(string itemId) => _postponed.Add(itemId);

    public bool IsPostponed(string itemId) => _postponed.Contains(itemId);

    private readonly List<(string Archive, IReadOnlyDictionary<long, EntryMark> Entries)> _entries = [];

    public IReadOnlyList<(string Archive, IReadOnlyDictionary<long, EntryMark> Entries)> CompletedEntries => _entries;

    /// <summary>Remember these entries of an archive as ingested, after the run's items are committed: the next run skips them while they do not change.</summary>
    public void CompleteEntries(string archive, IReadOnlyDictionary<long, EntryMark> entries) => _entries.Add((archive, entries));
}

/// <summary>
/// A place Watch polls. A source discovers what changed, downloads it, parses it into Watch's own
/// item types and yields them; it never classifies or stores.
/// </summary>
public interface ISource
{
    /// <summary>Stable name, used for the recurring job id and its schedule in config.</summary>
    string Name { get; }

    IAsyncEnumerable<WatchItem> ReadAsync(SourceRun run, CancellationToken ct);

    /// <summary>
    /// True for sources that read a whole archive (a legislature's dossiers, votes, agenda): their first run
    /// stores everything as the baseline without announcing years of history; later runs announce changes.
    /// </summary>
    bool ReadsWholeArchive => false;

    /// <summary>
    /// Runs holding the same lock never overlap. Sources that ingest the same items share one (the AN amendments,
    /// from the daily lists and the nightly archive): run at once, both would announce the same change.
    /// </summary>
    string Lock => Name;
}
