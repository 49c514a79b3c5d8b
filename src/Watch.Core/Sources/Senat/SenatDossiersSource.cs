using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Watch.Domain;
using Watch.Parsing;
using Watch.Parsing.Senat;
using Watch.Versions;

namespace Watch.Sources.Senat;

/// <summary>
/// Sénat dossiers législatifs (<c>/dossier-legislatif/{signet}.html</c>): the configured ones, those followed
/// because a relevant item named them (an AN dossier's <c>senatChemin</c>, a Sénat text of the dossier: see
/// <see cref="Relevance.RelevanceLinks"/>), and those the "textes récents" page lists, since a dossier that moves
/// (new step, new document, upcoming sitting) goes to the top of that page. Every page is fetched with a
/// conditional GET, so polling a followed dossier that did not move costs a 304.
/// </summary>
public sealed class SenatDossiersSource(
    Fetcher fetcher, IVersionStore store, IOptions<SenatOptions> options) : ISource
{
    public string Name => "senat-dossiers";

    public async IAsyncEnumerable<WatchItem> ReadAsync(SourceRun run, [EnumeratorCancellation] CancellationToken ct)
    {
        var o = options.Value;
        var signets = new List<string>(o.Dossiers.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()));
        signets.AddRange((await store.WatchedKeysStartingWithAsync(SenatDossier.IdPrefix, o.MaxDossiersPerRun, ct)).Select(k => k[SenatDossier.IdPrefix.Length..]));

        FetchResult? recent = null;
        var recentUrl = new Uri(o.BaseUrl, o.RecentTextsPath);
        try
        {
            var page = o.RecentTextsPath.Length == 0 ? null : await fetcher.GetAsync(recentUrl, conditional: true, ct);
            if (page is FetchResult.NotFound) run.Fail(recentUrl.AbsoluteUri, "recent texts page not found (404): has it moved?");
            if (page is FetchResult.Content content)
            {
                signets.AddRange(SenatRecentTextsParser.Parse(new MemoryStream(content.Bytes, writable: false), recentUrl.AbsoluteUri).Select(t => t.Signet));
                recent = content;
            }
        }
        catch (Exception e) when (SourceRun.IsDocumentProblem(e))
        {
            run.Fail(recentUrl.AbsoluteUri, e.Message);
        }

        var unique = signets.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var failuresBefore = run.Failures.Count;
        foreach (var signet in unique.Take(o.MaxDossiersPerRun))
        {
            if (await FetchDossierAsync(signet, run, ct) is { } dossier) yield return dossier;
        }
        // The page is marked as read only if every dossier it lists was: otherwise a 304 would hide them next run.
        if (recent is not null && unique.Count <= o.MaxDossiersPerRun && run.Failures.Count == failuresBefore) run.Complete(recent);
    }

    private async Task<SenatDossier?> FetchDossierAsync(string signet, SourceRun run, CancellationToken ct)
    {
        var url = new Uri(options.Value.BaseUrl, $"dossier-legislatif/{signet}.html");
        try
        {
            switch (await fetcher.GetAsync(url, conditional: true, ct))
            {
                case FetchResult.Content content:
                    var dossier = SenatDossierPageParser.Parse(new MemoryStream(content.Bytes, writable: false), $"{signet}.html");
                    run.Complete(content);
                    return dossier;
                case FetchResult.NotFound:
                    run.Fail(url.AbsoluteUri, "dossier page not found (404)");
                    return null;
                default:
                    return null;
            }
        }
        catch (Exception e) when (SourceRun.IsDocumentProblem(e))
        {
            run.Fail(url.AbsoluteUri, e.Message);
            return null;
        }
    }
}
