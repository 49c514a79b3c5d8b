using Hangfire;
using Microsoft.Extensions.Logging;
using Watch.Pipeline;
using Watch.Sources;
using Watch.Versions;

namespace Watch.Scheduling;

public sealed record SourceJobReport(string Source, IngestReport Ingest, IReadOnlyList<SourceFailure> Failures, bool Skipped);

/// <summary>
/// One run of one source: read → ingest → mark downloads (and archive entries) as seen. The events it stored wait in the
/// outbox for the delivery job.
/// Hangfire calls it on the source's schedule; the demo calls it directly.
/// </summary>
public sealed class SourceJob(IEnumerable<ISource> sources, IngestPipeline pipeline, Fetcher fetcher, IVersionStore store, IHttpCacheStore cache,
    IRunLocks locks, ILogger<SourceJob> log)
{
    /// <summary>How long a source waits for another holding the lock it shares (the AN amendments' daily run, for the nightly archive).</summary>
    private static readonly TimeSpan SharedLockWait = TimeSpan.FromMinutes(30);

    /// <summary>Failed documents make the job fail after it has stored what it could, so Hangfire retries it with back-off.</summary>
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 1800, 3600])]
    [JitteredRetries]
    [JobDisplayName("Source {0}")]
    public async Task RunAsync(string sourceName, CancellationToken ct)
    {
        var report = await RunOnceAsync(sourceName, ct);
        if (report.Failures.Count > 0)
            throw new SourceRunException(sourceName, report.Failures);
    }

    public async Task<SourceJobReport> RunOnceAsync(string sourceName, CancellationToken ct)
    {
        var source = sources.FirstOrDefault(s => s.Name == sourceName)
            ?? throw new ArgumentException($"No source named '{sourceName}'. Known: {string.Join(", ", sources.Select(s => s.Name))}.");

        // A run never overlaps itself: a slow run holds the lock, the next tick finds it taken and stops. A source
        // sharing its lock with another waits for that one instead: its own tick may be once a day.
        var wait = source.Lock == source.Name ? TimeSpan.Zero : SharedLockWait;
        await using var runLock = await locks.TryAcquireAsync($"watch:source:{source.Lock}", wait, ct);
        if (runLock is null)
        {
            log.LogInformation("Source {Source} is still running; this tick is skipped", sourceName);
            return new SourceJobReport(sourceName, new IngestReport(0, 0, 0, []), [], Skipped: true);
        }

        var run = new SourceRun();
        var announce = !source.ReadsWholeArchive || await store.HasCompletedRunAsync(sourceName, ct);
        IngestReport ingest;
        try
        {
            ingest = await pipeline.IngestAsync(source.ReadAsync(run, ct), ct, announce);
        }
        finally
        {
            // Sources report the documents they skip here, not in logs of their own: each is logged once, even when the run stops.
            foreach (var failure in run.Failures)
                log.LogWarning("Source {Source}: {Input} skipped this run: {Problem}", sourceName, failure.Input, failure.Problem);
        }
        foreach (var content in run.Completed) await fetcher.RememberAsync(content, ct);
        foreach (var (archive, entries) in run.CompletedEntries) await cache.SetArchiveEntriesAsync(archive, entries, ct);
        // The baseline of a whole archive is stored once the archive was read to the end (it is then marked as read),
        // even if some entries were refused: one the parser cannot read is reported every run, and must not keep
        // the source silent for ever.
        if (run.Failures.Count == 0 || source.ReadsWholeArchive && run.Completed.Count > 0)
            await store.MarkRunCompletedAsync(sourceName, DateTimeOffset.UtcNow, ct);
        if (!announce) log.LogInformation("Source {Source}: first run, {Count} items stored as the baseline without alerts", sourceName, ingest.Changed);

        return new SourceJobReport(sourceName, ingest, run.Failures, Skipped: false);
    }
}

public sealed class SourceRunException(string source, IReadOnlyList<SourceFailure> failures)
    : Exception($"Source {source}: {failures.Count} document(s) failed, first: {failures[0].Input}: {failures[0].Problem}")
{
    /// <summary>The latest time a server that refused the run asked to be asked again: no retry of the run comes sooner.</summary>
    public DateTimeOffset? NotBefore { get; } = failures.Max(f => f.NotBefore);
}
