using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Watch.Domain;
using Watch.Parsing;
using Watch.Parsing.Senat;
using Watch.Versions;

namespace Watch.Sources.Senat;

/// <summary>
/// Sénat amendments (Ameli), séance and commission, for the configured texts and for the bills the deposits index
/// shows as recent: the "jeu complet" CSV export gives every amendment; the discussion list
/// (<c>liste_discussion.json</c>), which the sitting itself uses, gives the outcomes as they are decided, fills
/// in those the export does not show yet, and names the text's dossier (<c>doslegsignet</c>). Both are fetched with a conditional GET; a 404 means no amendment (or
/// no discussion) yet on that text and is not an error.
/// </summary>
public sealed partial class SenatAmendmentsSource(
    Fetcher fetcher, IVersionStore store, IOptions<SenatOptions> options, TimeProvider clock) : ISource
{
    public string Name => "senat-amendements";

    public async IAsyncEnumerable<WatchItem> ReadAsync(SourceRun run, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var text in await TextsAsync(run, ct))
        {
            foreach (var (csv, discussion) in Exports(text))
            {
                foreach (var amendment in await FetchAsync(csv, discussion, run, ct))
                    yield return amendment;
            }
        }
    }

    /// <summary>The Ameli exports of one text, séance then commission: the CSV and the discussion list.</summary>
    public IEnumerable<(Uri Csv, Uri Discussion)> Exports(SenatTextNumber text)
    {
        var (root, session, number) = (options.Value.BaseUrl, text.Session, text.Number);
        yield return (new Uri(root, $"amendements/{session}/{number}/jeu_complet_{session}_{number}.csv"),
            new Uri(root, $"enseance/{session}/{number}/liste_discussion.json"));
        yield return (new Uri(root, $"amendements/commissions/{session}/{number}/jeu_complet_commission_{session}_{number}.csv"),
            new Uri(root, $"encommission/{session}/{number}/liste_discussion.json"));
    }

    /// <summary>Configured texts first, then the recent bills of the deposits index, each once.</summary>
    private async Task<IReadOnlyList<SenatTextNumber>> TextsAsync(SourceRun run, CancellationToken ct)
    {
        var o = options.Value;
        var texts = new List<SenatTextNumber>();
        foreach (var configured in o.AmendmentTexts)
        {
            var m = ConfiguredText().Match(configured.Trim());
            if (m.Success) texts.Add(SenatTextNumber.Of(m.Groups["session"].Value, m.Groups["num"].Value));
            else run.Fail($"{SenatOptions.Section}:AmendmentTexts", $"'{configured}' is not \"session/number\" (e.g. \"2022-2023/220\").");
        }

        // The index's answer is needed every run (not a 304): it is the list of texts to poll.
        var index = o.IndexPaths.FirstOrDefault(p => p.Contains("depots", StringComparison.OrdinalIgnoreCase));
        if (index is not null && o.AmendmentDiscoveryDays > 0)
        {
            var url = new Uri(o.BaseUrl, index);
            try
            {
                var answer = await fetcher.GetAsync(url, conditional: false, ct);
                if (answer is FetchResult.NotFound) run.Moved(url, "index");
                if (answer is FetchResult.Content content)
                {
                    var since = clock.GetUtcNow().AddDays(-o.AmendmentDiscoveryDays);
                    foreach (var entry in SenatAknIndex.Parse(content.Bytes, url.AbsoluteUri))
                        if (entry.LastModified >= since && SenatTextNumber.TryParse(entry.Name, out var bill))
                            texts.Add(bill);
                }
            }
            catch (Exception e) when (SourceRun.IsDocumentProblem(e))
            {
                // Configured texts are still polled; the discovery is retried next run.
                run.Fail(url.AbsoluteUri, e);
            }
        }
        return texts.Distinct().ToList();
    }

    /// <summary>
    /// The amendments of one export, with the outcomes of the discussion list filled in. The two are always used
    /// together: when either changed, the other is read again (without validators), because an amendment stored
    /// with an outcome taken from the list and then stored again without it would be a false « change » to subscribers.
    /// For the same reason a discussion list that fails leaves the text for the next run.
    /// </summary>
    private async Task<IReadOnlyList<Amendment>> FetchAsync(Uri csv, Uri discussion, SourceRun run, CancellationToken ct)
    {
        var export = await GetAsync(csv, conditional: true, run, ct);
        if (export is null or FetchResult.NotFound) return [];
        var list = await GetAsync(discussion, conditional: true, run, ct);
        if (list is null) return [];
        // No discussion list (404) is as good as an unchanged one: it has no outcome to give.
        var listChanged = list is FetchResult.Content;
        if (export is FetchResult.NotModified && !listChanged) return [];
        if (export is FetchResult.NotModified) export = await GetAsync(csv, conditional: false, run, ct);
        if (list is FetchResult.NotModified) list = await GetAsync(discussion, conditional: false, run, ct);
        if (export is not FetchResult.Content content || list is null) return [];

        // Read whole before yielding anything: a file that breaks at line 300 gives no item, not 299.
        var amendments = Parse(csv, run, () => SenatAmendmentCsv.Read(new MemoryStream(content.Bytes, writable: false), csv.AbsoluteUri).ToList());
        var discussed = list is FetchResult.Content listed
            ? Parse(discussion, run, () => SenatDiscussionListParser.Parse(new MemoryStream(listed.Bytes, writable: false), discussion.AbsoluteUri))
            : SenatDiscussionList.None;
        if (amendments is null || discussed is null) return [];
        run.Complete(content);
        if (list is FetchResult.Content) run.Complete(list);
        var outcomes = discussed.Entries.Where(e => !string.IsNullOrWhiteSpace(e.Sort))
            .GroupBy(e => SenatUrls.BaseNumber(e.Number)).ToDictionary(g => g.Key, g => g.First().Sort!);
        var read = new List<Amendment>(amendments.Count);
        foreach (var amendment in amendments)
            read.Add(await WithStoredAsync(WithOutcome(amendment, outcomes), ct) with { DossierSignet = discussed.DossierSignet });
        return read;
    }

    /// <summary>
    /// What the store knows that this read cannot say. An outcome, once read, stays until another replaces it: the list
    /// that gave it before the export did may answer 404 (gone after the sitting, or moved), and an amendment stored
    /// again as filed would tell its followers a false change back to « Déposé ». And see <see cref="WithStoredContent"/>.
    /// </summary>
    private async Task<Amendment> WithStoredAsync(Amendment amendment, CancellationToken ct)
    {
        var emptied = IsEmptied(amendment);
        if (!emptied && amendment.Status != AmendmentStatus.Filed) return amendment;
        if (await store.LatestAsync(amendment.Id, ct) is not Amendment stored) return amendment;
        var read = emptied ? WithStoredContent(amendment, stored) : amendment;
        return read.Status == AmendmentStatus.Filed && stored.Status != AmendmentStatus.Filed
            ? read with { State = stored.State, SubState = stored.SubState, Sort = stored.Sort }
            : read;
    }

    /// <summary>
    /// The export empties every field but the number and the sort of an amendment withdrawn before the sitting
    /// (« Cet amendement est retiré avant séance »): such a row changes the stored amendment's outcome, not its
    /// words, or it would lose them, and with them what made it worth telling its followers that it was withdrawn.
    /// </summary>
    private static Amendment WithStoredContent(Amendment amendment, Amendment stored) =>
        stored with { State = amendment.State, SubState = amendment.SubState, Sort = amendment.Sort };

    private static bool IsEmptied(Amendment amendment) => amendment is { Authors: "", Dispositif: "", ExposeSommaire: "", Article: null };

    /// <summary>The answer, or null when the fetch failed (reported, retried next run).</summary>
    private async Task<FetchResult?> GetAsync(Uri url, bool conditional, SourceRun run, CancellationToken ct)
    {
        try
        {
            return await fetcher.GetAsync(url, conditional, ct);
        }
        catch (Exception e) when (SourceRun.IsDocumentProblem(e))
        {
            run.Fail(url.AbsoluteUri, e);
            return null;
        }
    }

    /// <summary>What <paramref name="parse"/> read, or null when the file is not what it should be (reported).</summary>
    private T? Parse<T>(Uri url, SourceRun run, Func<T> parse) where T : class
    {
        try
        {
            return parse();
        }
        catch (ParseException e)
        {
            run.Fail(url.AbsoluteUri, e);
            return null;
        }
    }

    /// <summary>
    /// The export's own outcome when it has one (an irrecevabilité included: the export says on which ground, « art. 40 C »,
    /// the list only « Irrecevable »); otherwise the one the discussion list already shows.
    /// </summary>
    private static Amendment WithOutcome(Amendment amendment, IReadOnlyDictionary<string, string> outcomes)
    {
        if (amendment.Status != AmendmentStatus.Filed || !outcomes.TryGetValue(SenatUrls.BaseNumber(amendment.Number), out var label)) return amendment;
        var sort = SenatSort.Of(label);
        return amendment with { State = sort.State, Sort = sort.Sort, SubState = sort.SubState };
    }

    [GeneratedRegex(@"^(?<session>\d{4}-\d{4})/(?<num>\d+)$")]
    private static partial Regex ConfiguredText();
}
