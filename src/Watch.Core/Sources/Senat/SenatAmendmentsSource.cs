using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Watch.Domain;
using Watch.Parsing;
using Watch.Parsing.Senat;

namespace Watch.Sources.Senat;

/// <summary>
/// Sénat amendments (Ameli "jeu complet" CSV exports), séance and commission, for the configured texts and
/// for the bills the deposits index shows as recent. Each CSV is fetched with a conditional GET; a 404 means
/// no amendment yet on that text and is not an error.
/// </summary>
public sealed partial class SenatAmendmentsSource(
    Fetcher fetcher, IOptions<SenatOptions> options, TimeProvider clock, ILogger<SenatAmendmentsSource> log) : ISource
{
    public string Name => "senat-amendements";

    public async IAsyncEnumerable<WatchItem> ReadAsync(SourceRun run, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var (session, number) in await TextsAsync(run, ct))
        {
            foreach (var url in CsvUrls(session, number))
            {
                foreach (var amendment in await FetchCsvAsync(url, run, ct))
                    yield return amendment;
            }
        }
    }

    /// <summary>The Ameli exports of one text: séance, then commission.</summary>
    public IEnumerable<Uri> CsvUrls(string session, string number)
    {
        var root = options.Value.BaseUrl;
        yield return new Uri(root, $"amendements/{session}/{number}/jeu_complet_{session}_{number}.csv");
        yield return new Uri(root, $"amendements/commissions/{session}/{number}/jeu_complet_commission_{session}_{number}.csv");
    }

    /// <summary>Configured texts first, then the recent bills of the deposits index, each once.</summary>
    private async Task<IReadOnlyList<(string Session, string Number)>> TextsAsync(SourceRun run, CancellationToken ct)
    {
        var o = options.Value;
        var texts = new List<(string, string)>();
        foreach (var configured in o.AmendmentTexts)
        {
            var m = ConfiguredText().Match(configured.Trim());
            if (m.Success) texts.Add((m.Groups["session"].Value, int.Parse(m.Groups["num"].Value, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            else run.Fail($"{SenatOptions.Section}:AmendmentTexts", $"'{configured}' is not \"session/number\" (e.g. \"2022-2023/220\").");
        }

        // The index's answer is needed every run (not a 304): it is the list of texts to poll.
        var index = o.IndexPaths.FirstOrDefault(p => p.Contains("depots", StringComparison.OrdinalIgnoreCase));
        if (index is not null && o.AmendmentDiscoveryDays > 0)
        {
            var url = new Uri(o.BaseUrl, index);
            try
            {
                if (await fetcher.GetAsync(url, conditional: false, ct) is FetchResult.Content content)
                {
                    var since = clock.GetUtcNow().AddDays(-o.AmendmentDiscoveryDays);
                    foreach (var entry in SenatAknIndex.Parse(content.Bytes, url.AbsoluteUri))
                        if (entry.LastModified >= since && SenatAknIndex.TryTextNumber(entry.Name, out var session, out var number))
                            texts.Add((session, number));
                }
            }
            catch (Exception e) when (e is FetchException or ParseException or Polly.ExecutionRejectedException)
            {
                // Configured texts are still polled; the discovery is retried next run.
                log.LogWarning("Sénat amendments: text discovery failed: {Problem}", e.Message);
                run.Fail(url.AbsoluteUri, e.Message);
            }
        }
        return texts.Distinct().ToList();
    }

    private async Task<IReadOnlyList<Amendment>> FetchCsvAsync(Uri url, SourceRun run, CancellationToken ct)
    {
        try
        {
            if (await fetcher.GetAsync(url, conditional: true, ct) is not FetchResult.Content content) return [];
            // Read whole before yielding anything: a file that breaks at line 300 gives no item, not 299.
            var amendments = SenatAmendmentCsv.Read(new MemoryStream(content.Bytes, writable: false), url.AbsoluteUri).ToList();
            run.Complete(content);
            return amendments;
        }
        catch (Exception e) when (e is FetchException or ParseException or Polly.ExecutionRejectedException)
        {
            log.LogWarning("Sénat amendments skipped this run: {Problem}", e.Message);
            run.Fail(url.AbsoluteUri, e.Message);
            return [];
        }
    }

    [GeneratedRegex(@"^(?<session>\d{4}-\d{4})/(?<num>\d+)$")]
    private static partial Regex ConfiguredText();
}
