using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Watch.Domain;
using Watch.Parsing;
using Watch.Parsing.AssembleeNationale;
using Watch.Parsing.Texts;
using Watch.Relevance;
using Watch.Versions;

namespace Watch.Sources.AssembleeNationale;

/// <summary>
/// Bill texts of the Assemblée (<c>/dyn/opendata/{uid}.html</c>): every projet or proposition de loi, commission
/// text and adopted text that the daily publication lists announce, so that a new surveillance bill is read
/// the day it is published; and, again at each run, the texts relevant items made worth following (the
/// text an amendment amends, the texts of a watched dossier) and those tracked in the watchlist, so that a
/// corrected version is seen. Each page is fetched with a conditional GET: an unchanged text costs a 304.
/// </summary>
public sealed class AnTextsSource(
    Fetcher fetcher, IVersionStore store, IHttpCacheStore cache, IOptions<AssembleeNationaleOptions> options,
    IOptions<WatchlistOptions> watchlist, TimeProvider clock, ILogger<AnTextsSource> log) : ISource
{
    public string Name => "an-textes";

    public async IAsyncEnumerable<WatchItem> ReadAsync(SourceRun run, [EnumeratorCancellation] CancellationToken ct)
    {
        // Texts never read come first, in the order found; those read before (a 304 most of the time) share
        // what is left of the budget in a different order each run, so that none is left behind for good.
        var never = new List<string>();
        var before = new List<string>();
        foreach (var uid in (await DueTextsAsync(run, ct)).Distinct())
            (await cache.GetAsync(PageUrl(uid).AbsoluteUri, ct) is null ? never : before).Add(uid);
        Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(before));

        var max = options.Value.MaxTextsPerRun;
        var due = never.Concat(before).ToList();
        if (due.Count > max)
            log.LogInformation("AN texts: {Due} due, {Left} left for the next runs (MaxTextsPerRun {Max})", due.Count, due.Count - max, max);
        foreach (var uid in due.Take(max))
        {
            if (await FetchAsync(uid, run, ct) is { } text) yield return text;
        }
    }

    private Uri PageUrl(string uid) => new(options.Value.BaseUrl, $"dyn/opendata/{uid}.html");

    /// <summary>Texts announced by the publication lists (newest day first), then tracked ones, then followed ones, most recently followed first.</summary>
    private async Task<IReadOnlyList<string>> DueTextsAsync(SourceRun run, CancellationToken ct)
    {
        var due = new List<string>();
        foreach (var list in options.Value.PublicationLists(clock))
        {
            try
            {
                // Not conditional: the amendments source reads the same list, and a 304 earned by its
                // validators would hide the texts from this one. Each text is then fetched conditionally.
                if (await fetcher.GetAsync(list, conditional: false, ct) is FetchResult.Content content)
                    due.AddRange(PublicationList.Read(content.Bytes, list.AbsoluteUri).Select(e => e.Uid).Where(PublicationList.IsBillText));
            }
            catch (Exception e) when (SourceRun.IsDocumentProblem(e))
            {
                run.Fail(list.AbsoluteUri, e);
            }
        }
        due.AddRange(watchlist.Value.Tracked.Select(TextOf).Where(PublicationList.IsBillText));
        foreach (var prefix in new[] { "PIONAN", "PRJLAN" })
            due.AddRange((await store.WatchedKeysStartingWithAsync(prefix, options.Value.MaxTextsPerRun, ct)).Select(TextOf));
        return due;
    }

    /// <summary>The text a key names: watched articles (« PIONANR5L17B0907#8 ») are read with their text.</summary>
    private static string TextOf(string key) => key.Split('#')[0];

    private async Task<LegislativeText?> FetchAsync(string uid, SourceRun run, CancellationToken ct)
    {
        var url = PageUrl(uid);
        try
        {
            switch (await fetcher.GetAsync(url, conditional: true, ct))
            {
                case FetchResult.Content content:
                    var text = BillPage.Read(content.Bytes, uid, url, Chamber.AssembleeNationale);
                    run.Complete(content);
                    return text;
                case FetchResult.NotFound:
                    // Announced or named before its page is online; the next run asks again.
                    log.LogInformation("AN text {Uid} not online yet (404)", uid);
                    return null;
                default:
                    return null; // 304: the version already stored
            }
        }
        catch (Exception e) when (SourceRun.IsDocumentProblem(e))
        {
            run.Fail(url.AbsoluteUri, e);
            return null;
        }
    }
}
