using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Watch.Domain;
using Watch.Parsing;
using Watch.Parsing.Legifrance;
using Watch.Versions;

namespace Watch.Sources.Legifrance;

/// <summary>
/// The Journal officiel through the PISTE Légifrance API, when credentials are given: the latest JOs
/// (<c>lastNJo</c>), their summaries (<c>jorfCont</c>), then each text of a kept nature (<c>jorf</c>). A JO
/// text never changes once published, so each is consulted once; it is marked as read only after it is stored.
/// </summary>
public sealed class PisteJorfSource(
    PisteClient piste, IHttpCacheStore cache, IOptions<LegifranceOptions> options) : ISource
{
    internal const string MarkScope = "piste-jorf";

    public string Name => "legifrance-piste";

    public async IAsyncEnumerable<WatchItem> ReadAsync(SourceRun run, [EnumeratorCancellation] CancellationToken ct)
    {
        var o = options.Value;
        var links = await TextLinksAsync(run, ct);
        var natures = o.KeptNatures;
        var budget = o.Piste.MaxTextsPerRun;
        foreach (var link in links.Where(l => l.Nature is null || natures.Contains(l.Nature)))
        {
            if (await SourceMarks.GetAsync(cache, MarkScope, link.Id, ct) is not null) continue;
            if (budget-- <= 0) break;
            var (text, stop) = await ConsultAsync(link, run, ct);
            if (text is not null && natures.Contains(text.Nature)) yield return text;
            if (stop) yield break;
        }
    }

    private async Task<IReadOnlyList<PisteTextLink>> TextLinksAsync(SourceRun run, CancellationToken ct)
    {
        var links = new List<PisteTextLink>();
        IReadOnlyList<string> containers;
        try
        {
            using var last = await piste.PostAsync("consult/lastNJo", new { nbElement = options.Value.Piste.LastJournals }, ct);
            containers = PisteJorfParser.Containers(last.RootElement, "consult/lastNJo");
        }
        catch (Exception e) when (SourceRun.IsDocumentProblem(e))
        {
            run.Fail("PISTE consult/lastNJo", e.Message);
            return [];
        }

        foreach (var id in containers)
        {
            try
            {
                using var summary = await piste.PostAsync("consult/jorfCont", new { id, pageNumber = 1, pageSize = 100 }, ct);
                links.AddRange(PisteJorfParser.ContainerTexts(summary.RootElement, $"consult/jorfCont {id}"));
            }
            catch (Exception e) when (SourceRun.IsDocumentProblem(e))
            {
                run.Fail($"PISTE consult/jorfCont {id}", e.Message);
            }
        }
        return links.DistinctBy(l => l.Id).ToList();
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
            run.Fail($"PISTE consult/jorf {link.Id}", e.Message);
            return (null, e.Message.Contains("HTTP 429", StringComparison.Ordinal));
        }
    }
}
