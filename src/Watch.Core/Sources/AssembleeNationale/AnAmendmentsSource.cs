using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Watch.Domain;
using Watch.Parsing;
using Watch.Parsing.AssembleeNationale;
using Watch.Versions;

namespace Watch.Sources.AssembleeNationale;

public sealed class AssembleeNationaleOptions
{
    public const string Section = "Sources:AssembleeNationale";

    /// <summary>Site root of the publication lists and per-unit files (a loopback replay server in the demo).</summary>
    public Uri BaseUrl { get; set; } = new("https://www.assemblee-nationale.fr/");

    /// <summary>How many days of publication lists to read, today included (today and yesterday by default).</summary>
    public int PublicationDays { get; set; } = 2;

    /// <summary>Relevant amendments still undecided are fetched again, at most this many per run (the newest first), until their fate is known.</summary>
    public int RecheckUndecided { get; set; } = 200;

    /// <summary>Bill texts fetched per run at most, announced ones first; the rest wait for the next run.</summary>
    public int MaxTextsPerRun { get; set; } = 60;

    /// <summary>The publication lists to read now: today's in Paris first, then the days before it.</summary>
    public IEnumerable<Uri> PublicationLists(TimeProvider clock)
    {
        var today = ParisTime.DayOf(clock.GetUtcNow());
        return Enumerable.Range(0, PublicationDays).Select(day => PublicationList(today.AddDays(-day)));
    }

    public Uri PublicationList(DateOnly day) => new(BaseUrl, $"dyn/opendata/list-publication/publication_{day:yyyy-MM-dd}");
}

/// <summary>
/// New and updated amendments of the Assemblée nationale, from the daily publication list
/// (<c>/dyn/opendata/list-publication/publication_YYYY-MM-DD</c>: one <c>date;URL</c> line per published
/// file) and the per-unit JSON (<c>/dyn/opendata/{uid}.json</c>).
/// </summary>
public sealed class AnAmendmentsSource(
    Fetcher fetcher, IVersionStore store, IOptions<AssembleeNationaleOptions> options, TimeProvider clock) : ISource
{
    public string Name => "an-amendements";

    public async IAsyncEnumerable<WatchItem> ReadAsync(SourceRun run, [EnumeratorCancellation] CancellationToken ct)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var list in options.Value.PublicationLists(clock))
        {
            FetchResult result;
            try
            {
                result = await fetcher.GetAsync(list, conditional: true, ct);
            }
            catch (FetchException e)
            {
                run.Fail(list.AbsoluteUri, e);
                continue;
            }
            if (result is not FetchResult.Content content) continue;
            IReadOnlyList<PublicationList.Entry> entries;
            try
            {
                entries = PublicationList.Read(content.Bytes, list.AbsoluteUri);
            }
            catch (ParseException e)
            {
                run.Fail(list.AbsoluteUri, e);
                continue;
            }

            var failuresBefore = run.Failures.Count;
            foreach (var url in entries.Where(e => PublicationList.IsAmendment(e.Uid)).Select(e => e.Sibling("json")))
            {
                if (!seen.Add(url.AbsoluteUri)) continue;
                if (await FetchAmendmentAsync(url, run, ct) is { } amendment) yield return amendment;
            }
            // A list is marked as read only when every amendment on it was: otherwise the next run
            // (which would get a 304) could never retry the ones that failed.
            if (run.Failures.Count == failuresBefore) run.Complete(content);
        }

        // Their fate is news; other amendments' is not, and the nightly archive brings it anyway.
        foreach (var uid in await store.UndecidedAmendmentsAsync(Chamber.AssembleeNationale, options.Value.RecheckUndecided, ct))
        {
            var url = UnitUrl(uid);
            if (!seen.Add(url.AbsoluteUri) || !AmendmentId.TryParse(uid, out _)) continue;
            if (await FetchAmendmentAsync(url, run, ct) is { } amendment) yield return amendment;
        }
    }

    private async Task<Amendment?> FetchAmendmentAsync(Uri url, SourceRun run, CancellationToken ct)
    {
        try
        {
            return await fetcher.GetAsync(url, conditional: false, ct) switch
            {
                FetchResult.Content c => AmendmentParser.Parse(c.Bytes, url.AbsoluteUri),
                FetchResult.NotFound => Failed(url, "listed but not found (404)"),
                _ => null,
            };
        }
        catch (Exception e) when (SourceRun.IsDocumentProblem(e))
        {
            run.Fail(url.AbsoluteUri, e);
            return null;
        }

        Amendment? Failed(Uri u, string problem)
        {
            run.Fail(u.AbsoluteUri, problem);
            return null;
        }
    }

    private Uri UnitUrl(string uid) => new(options.Value.BaseUrl, $"dyn/opendata/{uid}.json");
}
