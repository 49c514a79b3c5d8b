using Watch.Parsing.Legifrance;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Watch.Domain;
using Watch.Parsing;
using Watch.Versions;

namespace Watch.Sources.Legifrance;

/// <summary>One daily archive listed in the DILA directory.</summary>
public sealed record JorfArchive(string FileName, Uri Url, DateTime Stamp)
{
    public DateOnly Day => DateOnly.FromDateTime(Stamp);
}

/// <summary>
/// The Journal officiel without an account: DILA's open-data directory of daily archives. Each run lists the
/// directory (an Apache index page) and reads the archives not read yet, oldest first: on the first run those of the
/// last <see cref="LegifranceOptions.LookbackDays"/> (years of JO are not news); after it, every one since that first
/// look-back began (a mark), up to <see cref="LegifranceOptions.CatchUpDays"/> back, so that the days of an outage, and
/// an archive that failed on the first run, are read when they can be.
/// An archive counts as read once its validators are stored, which happens only after its texts are committed; an
/// archive that fails is tried again on the next run.
/// </summary>
public sealed partial class JorfOpenDataSource(
    Fetcher fetcher, IHttpCacheStore cache, IVersionStore store, IOptions<LegifranceOptions> options, TimeProvider clock,
    ILogger<JorfOpenDataSource> log) : ISource
{
    public string Name => "legifrance-jorf";

    public async IAsyncEnumerable<WatchItem> ReadAsync(SourceRun run, [EnumeratorCancellation] CancellationToken ct)
    {
        var o = options.Value;
        IReadOnlyList<JorfArchive> listed;
        try
        {
            // Not conditional: the listing is the work list; a 304 would hide an archive that failed last time.
            if (await fetcher.GetAsync(o.JorfOpenDataUrl, conditional: false, ct) is not FetchResult.Content content)
            {
                run.Moved(o.JorfOpenDataUrl, "directory");
                yield break;
            }
            listed = ParseListing(content.Bytes, o.JorfOpenDataUrl);
        }
        catch (Exception e) when (SourceRun.IsDocumentProblem(e))
        {
            run.Fail(o.JorfOpenDataUrl.AbsoluteUri, e);
            yield break;
        }

        var today = clock.GetUtcNow().UtcDateTime.Date;
        var read = new List<JorfArchive>();
        var unread = new List<JorfArchive>();
        foreach (var archive in listed.Where(a => a.Stamp >= today.AddDays(-o.CatchUpDays)).OrderBy(a => a.FileName, StringComparer.Ordinal))
            (await cache.GetAsync(archive.Url.AbsoluteUri, ct) is null ? unread : read).Add(archive);
        // Every archive since the watch began is due until read, however old it gets: one that failed on the first
        // run must not fall out of the look-back. Deployments from before the mark began at their oldest archive read.
        if (await SourceMarks.BeganAsync(cache, MarkScope, ct) is not { } began)
        {
            var lookback = DateOnly.FromDateTime(today.AddDays(-o.LookbackDays));
            began = read.Count > 0 && read[0].Day < lookback ? read[0].Day : lookback;
            run.Complete(SourceMarks.Began(o.JorfOpenDataUrl, MarkScope, began));
        }
        var due = unread.Where(a => a.Day >= began).ToList();

        var natures = o.KeptNatures;
        foreach (var archive in due.Take(o.MaxArchivesPerRun))
        {
            foreach (var text in await ReadArchiveAsync(archive, run, ct))
            {
                if (natures.Contains(text.Nature)) yield return await WithStoredArticlesAsync(text, ct);
            }
        }
    }

    /// <summary>
    /// DILA republishes a text's TEXTE_VERSION alone when it adds links to it (a later text modifies or cites it):
    /// its articles are not in that archive, so they are the stored ones, not none, which would be a false « modifié ».
    /// </summary>
    private async Task<OfficialText> WithStoredArticlesAsync(OfficialText text, CancellationToken ct) =>
        text.Articles.Count == 0 && await store.LatestAsync(text.Id, ct) is OfficialText { Articles.Count: > 0 } stored
            ? DilaTextAssembler.WithArticles(text, stored.Articles)
            : text;

    private const string MarkScope = "jorf";

    private async Task<IReadOnlyList<OfficialText>> ReadArchiveAsync(JorfArchive archive, SourceRun run, CancellationToken ct)
    {
        var o = options.Value;
        try
        {
            switch (await fetcher.DownloadAsync(archive.Url, o.MaxArchiveBytes, ct))
            {
                case FetchResult.File file:
                    using (file)
                    {
                        IReadOnlyList<OfficialText> texts;
                        await using (var stream = File.OpenRead(file.Path))
                            texts = JorfArchiveReader.Read(stream, archive.Url.AbsoluteUri, new ArchiveLimits(o.MaxEntryBytes, o.MaxExtractedBytes));
                        log.LogInformation("JORF archive {Archive}: {Count} texts", archive.FileName, texts.Count);
                        run.Complete(file);
                        return texts;
                    }
                case FetchResult.NotFound:
                    run.Fail(archive.Url.AbsoluteUri, "listed in the directory but not found (404)");
                    return [];
                default:
                    return [];
            }
        }
        catch (Exception e) when (SourceRun.IsDocumentProblem(e))
        {
            run.Fail(archive.Url.AbsoluteUri, e);
            return [];
        }
    }

    /// <summary>The archives an Apache directory page links to, resolved against the directory's address.</summary>
    public static IReadOnlyList<JorfArchive> ParseListing(byte[] html, Uri directory)
    {
        var text = TextDecoding.Decode(html);
        var document = new HtmlParser().ParseDocument(text);
        if (document.QuerySelector("a[href]") is null)
            throw new ParseException(directory.AbsoluteUri, "directory listing without any link: not the DILA index page.");

        var archives = new Dictionary<string, JorfArchive>(StringComparer.Ordinal);
        foreach (var a in document.QuerySelectorAll("a[href]"))
        {
            var href = a.GetAttribute("href")!;
            if (!Uri.TryCreate(directory, href, out var url)) continue;
            var m = ArchiveName().Match(url.Segments[^1]);
            if (!m.Success) continue;
            var stamp = DateTime.ParseExact(m.Groups["stamp"].Value, "yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            archives.TryAdd(m.Value, new JorfArchive(m.Value, url, stamp));
        }
        return archives.Values.ToList();
    }

    [GeneratedRegex(@"^JORF_(?<stamp>\d{8}-\d{6})\.tar\.gz$")]
    private static partial Regex ArchiveName();
}
