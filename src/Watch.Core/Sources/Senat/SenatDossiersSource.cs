using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Watch.Domain;
using Watch.Parsing;
using Watch.Parsing.Senat;
using Watch.Versions;

namespace Watch.Sources.Senat;

/// <summary>
/// Sénat dossiers législatifs (<c>/dossier-legislatif/{signet}.html</c>): the configured ones, those the "textes
/// récents" page shows moving (new step, new document, upcoming sitting: a dossier that moves goes to the top of that
/// page), and those followed because a relevant item named them (an AN dossier's <c>senatChemin</c>, a Sénat text of
/// the dossier: see <see cref="Relevance.RelevanceLinks"/>), in that order, within the run's budget. What the page
/// said of a dossier is remembered once its page is read, so the next runs ask only for the dossiers whose lines
/// changed, and those left over by the budget. Every page is fetched with a conditional GET, so polling a followed
/// dossier that did not move costs a 304.
/// </summary>
public sealed class SenatDossiersSource(
    Fetcher fetcher, IVersionStore store, IHttpCacheStore cache, IOptions<SenatOptions> options) : ISource
{
    internal const string MarkScope = "senat-recent";

    public string Name => "senat-dossiers";

    public async IAsyncEnumerable<WatchItem> ReadAsync(SourceRun run, [EnumeratorCancellation] CancellationToken ct)
    {
        var o = options.Value;
        var signets = new List<string>(o.Dossiers.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()));

        FetchResult? recent = null;
        var moved = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var recentUrl = new Uri(o.BaseUrl, o.RecentTextsPath);
        try
        {
            var page = o.RecentTextsPath.Length == 0 ? null : await fetcher.GetAsync(recentUrl, conditional: true, ct);
            if (page is FetchResult.NotFound) run.Moved(recentUrl, "recent texts page");
            if (page is FetchResult.Content content)
            {
                var lines = SenatRecentTextsParser.Parse(new MemoryStream(content.Bytes, writable: false), recentUrl.AbsoluteUri);
                foreach (var dossier in lines.GroupBy(t => t.Signet, StringComparer.OrdinalIgnoreCase))
                {
                    var said = string.Join("\n", dossier.Select(t => $"{t.DateLabel} {t.Title}"));
                    if (await SourceMarks.GetAsync(cache, MarkScope, dossier.Key, ct) != said) moved[dossier.Key] = said;
                }
                signets.AddRange(moved.Keys);
                recent = content;
            }
        }
        catch (Exception e) when (SourceRun.IsDocumentProblem(e))
        {
            run.Fail(recentUrl.AbsoluteUri, e);
        }
        signets.AddRange((await store.WatchedKeysStartingWithAsync(SenatDossier.IdPrefix, o.MaxDossiersPerRun, ct)).Select(k => k[SenatDossier.IdPrefix.Length..]));

        var readMoved = 0;
        foreach (var signet in signets.Distinct(StringComparer.OrdinalIgnoreCase).Take(o.MaxDossiersPerRun))
        {
            var (dossier, read) = await FetchDossierAsync(signet, run, ct);
            if (read && moved.TryGetValue(signet, out var said))
            {
                run.Complete(SourceMarks.Mark(recentUrl, MarkScope, signet, said));
                readMoved++;
            }
            if (dossier is not null) yield return dossier;
        }
        // The page is marked as read only once every dossier it shows moving was: otherwise a 304 would hide the rest.
        if (recent is not null && readMoved == moved.Count) run.Complete(recent);
    }

    /// <summary>The dossier when its page changed; <c>Read</c> is false when the fetch failed (reported).</summary>
    private async Task<(SenatDossier? Dossier, bool Read)> FetchDossierAsync(string signet, SourceRun run, CancellationToken ct)
    {
        var url = new Uri(options.Value.BaseUrl, $"dossier-legislatif/{signet}.html");
        try
        {
            switch (await fetcher.GetAsync(url, conditional: true, ct))
            {
                case FetchResult.Content content:
                    var dossier = SenatDossierPageParser.Parse(new MemoryStream(content.Bytes, writable: false), $"{signet}.html");
                    run.Complete(content);
                    return (dossier, true);
                case FetchResult.NotFound:
                    run.Fail(url.AbsoluteUri, "dossier page not found (404)");
                    return (null, false);
                default:
                    return (null, true); // 304: the version already stored
            }
        }
        catch (Exception e) when (SourceRun.IsDocumentProblem(e))
        {
            run.Fail(url.AbsoluteUri, e);
            return (null, false);
        }
    }
}
