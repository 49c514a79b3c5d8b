using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Watch.Domain;
using Watch.Parsing;
using Watch.Parsing.Legifrance;
using Watch.Versions;

namespace Watch.Sources.Legifrance;

/// <summary>
/// The Journal officiel through the PISTE Légifrance API, when credentials are given: the latest JOs
/// (<c>lastNJo</c>), the summary of each one not read whole yet (<c>jorfCont</c>), then each text of a kept nature
/// (<c>jorf</c>). A JO never changes once published: each text is consulted once, marked as read only after it is
/// stored, and a JO whose texts were all read is not asked for again, so that looking a month back (the days an
/// outage missed) costs one call a run.
/// </summary>
public sealed class PisteJorfSource(
    PisteClient piste, IHttpCacheStore cache, IOptions<LegifranceOptions> options, TimeProvider clock) : ISource
{
    internal const string MarkScope = "piste-jorf";

    public string Name => "legifrance-piste";

    public async IAsyncEnumerable<WatchItem> ReadAsync(SourceRun run, [EnumeratorCancellation] CancellationToken ct)
    {
        var o = options.Value;
        var natures = o.KeptNatures;
        var budget = o.Piste.MaxTextsPerRun;
        var consulted = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var (journal, links) in JournalsToReadAsync(run, ct))
        {
            var whole = true;
            foreach (var link in links.Where(l => l.Nature is null || natures.Contains(l.Nature)))
            {
                if (!consulted.Add(link.Id) || await SourceMarks.GetAsync(cache, MarkScope, link.Id, ct) is not null) continue;
                if (budget-- <= 0) yield break; // the rest waits for the next run
                var (text, stop) = await ConsultAsync(link, run, ct);
                whole &= text is not null;
                if (text is not null && natures.Contains(text.Nature)) yield return text;
                if (stop) yield break;
            }
            if (whole) run.Complete(SourceMarks.Mark(o.Piste.ApiUrl, MarkScope, JournalKey(journal), "read"));
        }
    }

    private static string JournalKey(string containerId) => $"jo:{containerId}";

    /// <summary>
    /// The latest JOs not read whole yet, in the order <c>lastNJo</c> gives them, each with its texts; not those
    /// published before the watch began (the first run looks <see cref="LegifranceOptions.LookbackDays"/> back, as the
    /// open-data source does): a month of JO is not news.
    /// </summary>
    private async IAsyncEnumerable<(string Journal, IReadOnlyList<PisteTextLink> Links)> JournalsToReadAsync(SourceRun run, [EnumeratorCancellation] CancellationToken ct)
    {
        var o = options.Value;
        if (await SourceMarks.BeganAsync(cache, MarkScope, ct) is not { } began)
        {
            began = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddDays(-o.LookbackDays));
            run.Complete(SourceMarks.Began(o.Piste.ApiUrl, MarkScope, began));
        }

        IReadOnlyList<PisteJournal> containers;
        try
        {
            using var last = await piste.PostAsync("consult/lastNJo", new { nbElement = o.Piste.LastJournals }, ct);
            containers = PisteJorfParser.Containers(last.RootElement, "consult/lastNJo");
        }
        catch (Exception e) when (SourceRun.IsDocumentProblem(e))
        {
            run.Fail("PISTE consult/lastNJo", e);
            yield break;
        }

        foreach (var (id, published) in containers)
        {
            if (published < began || await SourceMarks.GetAsync(cache, MarkScope, JournalKey(id), ct) is not null) continue;
            IReadOnlyList<PisteTextLink> links;
            try
            {
                using var summary = await piste.PostAsync("consult/jorfCont", new { id, pageNumber = 1, pageSize = 100 }, ct);
                links = PisteJorfParser.ContainerTexts(summary.RootElement, $"consult/jorfCont {id}");
            }
            catch (Exception e) when (SourceRun.IsDocumentProblem(e))
            {
                run.Fail($"PISTE consult/jorfCont {id}", e);
                if (IsQuota(e)) yield break;
                continue;
            }
            yield return (id, links);
        }
    }

    /// <summary>The text, or null; <c>stop</c> when the quota is reached and further calls would only be refused.</summary>
    private async Task<(OfficialText? Text, bool Stop)> ConsultAsync(PisteTextLink link, SourceRun run, CancellationToken ct)
    {
        try
        {
            using var json = await piste.PostAsync("consult/jorf", new { textCid = link.Id }, ct);
            var text = PisteJorfParser.Text(json.RootElement, $"consult/jorf {link.Id}");
            run.Complete(SourceMarks.Mark(options.Value.Piste.ApiUrl, MarkScope, link.Id, "read"));
            return (text, false);
        }
        catch (Exception e) when (SourceRun.IsDocumentProblem(e))
        {
            run.Fail($"PISTE consult/jorf {link.Id}", e);
            return (null, IsQuota(e));
        }
    }

    /// <summary>The quota is reached: every further call would be refused until the next run.</summary>
    private static bool IsQuota(Exception e) => e is FetchException { Status: System.Net.HttpStatusCode.TooManyRequests };
}
