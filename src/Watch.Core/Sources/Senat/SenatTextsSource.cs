using Watch.Parsing.Senat;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Watch.Domain;
using Watch.Parsing;
using Watch.Versions;

namespace Watch.Sources.Senat;

/// <summary>
/// Sénat bills as Akoma Ntoso files, found through the two indexes (deposited, adopted). A file is fetched
/// when its index line shows a <c>lastModifiedDateTime</c> other than the one last read, within
/// <see cref="SenatOptions.TextLookbackDays"/>; each line's date is remembered only once its text is stored.
/// </summary>
public sealed class SenatTextsSource(
    Fetcher fetcher, IHttpCacheStore cache, IOptions<SenatOptions> options, TimeProvider clock) : ISource
{
    internal const string MarkScope = "senat-akn";

    public string Name => "senat-textes";

    public async IAsyncEnumerable<WatchItem> ReadAsync(SourceRun run, [EnumeratorCancellation] CancellationToken ct)
    {
        var o = options.Value;
        var since = clock.GetUtcNow().AddDays(-o.TextLookbackDays);
        var budget = o.MaxTextsPerRun;
        var seen = new HashSet<string>(StringComparer.Ordinal);

        foreach (var path in o.IndexPaths)
        {
            var indexUrl = new Uri(o.BaseUrl, path);
            var index = await FetchIndexAsync(indexUrl, run, ct);
            if (index is null) continue;

            var failuresBefore = run.Failures.Count;
            var complete = true;
            foreach (var entry in index.Value.Entries
                         .Where(e => e.LastModified is null || e.LastModified >= since)
                         .OrderByDescending(e => e.LastModified))
            {
                if (!seen.Add(entry.Url.AbsoluteUri)) continue;
                if (await SourceMarks.GetAsync(cache, MarkScope, entry.Url.AbsoluteUri, ct) == entry.RawLastModified && entry.RawLastModified.Length > 0) continue;
                if (budget-- <= 0)
                {
                    complete = false; // the rest waits for the next run, which must see the index again
                    break;
                }
                if (await FetchTextAsync(entry, run, ct) is { } text) yield return text;
            }
            // An index is marked as read only when every due line was: a 304 next time would hide the others.
            if (complete && run.Failures.Count == failuresBefore) run.Complete(index.Value.Download);
        }
    }

    private async Task<(FetchResult Download, IReadOnlyList<SenatAknEntry> Entries)?> FetchIndexAsync(Uri url, SourceRun run, CancellationToken ct)
    {
        try
        {
            switch (await fetcher.GetAsync(url, conditional: true, ct))
            {
                case FetchResult.Content content:
                    return (content, SenatAknIndex.Parse(content.Bytes, url.AbsoluteUri));
                case FetchResult.NotFound:
                    run.Moved(url, "index");
                    return null;
                default:
                    return null; // 304: nothing new
            }
        }
        catch (Exception e) when (SourceRun.IsDocumentProblem(e))
        {
            run.Fail(url.AbsoluteUri, e);
            return null;
        }
    }

    private async Task<LegislativeText?> FetchTextAsync(SenatAknEntry entry, SourceRun run, CancellationToken ct)
    {
        var url = options.Value.Rebase(entry.Url);
        try
        {
            switch (await fetcher.GetAsync(url, conditional: true, ct))
            {
                case FetchResult.Content content:
                    var text = SenatAknText.Read(content.Bytes, entry.Name, entry.Url, entry.LastModified);
                    run.Complete(content);
                    run.Complete(SourceMarks.Mark(url, MarkScope, entry.Url.AbsoluteUri, entry.RawLastModified));
                    return text;
                case FetchResult.NotModified:
                    run.Complete(SourceMarks.Mark(url, MarkScope, entry.Url.AbsoluteUri, entry.RawLastModified));
                    return null;
                default:
                    run.Fail(url.AbsoluteUri, "listed in the Sénat index but not found (404)");
                    return null;
            }
        }
        catch (Exception e) when (SourceRun.IsDocumentProblem(e))
        {
            run.Fail(url.AbsoluteUri, e);
            return null;
        }
    }
}
