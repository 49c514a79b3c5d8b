using Watch.Parsing.Legifrance;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Watch.Domain;
using Watch.Parsing;
using Watch.Sources.Legifrance;
using Watch.Tests.Parsing.Legifrance;
using Watch.Versions;

namespace Watch.Tests.Sources.Legifrance;

/// <summary>
/// The JORF open-data source through the real Fetcher against a loopback echanges.dila.gouv.fr: an Apache-style
/// directory page and daily archives. No original JORF archive was found, so the archives are built here, laid
/// out like DILA increments, from the real LEGI XML files (same schemas; the text's nature there is CODE, so
/// this source is configured to keep CODE besides its default natures).
/// </summary>
public sealed class JorfOpenDataSourceTests : LoopbackSourceTests
{
    private const string Dir = "OPENDATA/JORF/";
    private static readonly string Day = DateTime.UtcNow.ToString("yyyyMMdd");
    private static readonly string Morning = $"JORF_{Day}-010203.tar.gz";
    private static readonly string Evening = $"JORF_{Day}-200000.tar.gz";

    private ServiceProvider Watch() => Host.Build(new Dictionary<string, string?>
    {
        ["Sources:Legifrance:JorfOpenDataUrl"] = new Uri(Site.BaseUrl, Dir).ToString(),
        ["Sources:Legifrance:Natures:0"] = "CODE",
        ["Sources:Legifrance:Natures:1"] = "DECRET",
        ["Watchlist:Tracked:0"] = "LEGITEXT000006070666",
    });

    /// <summary>An Apache "Index of" page as DILA's server writes it: a table of links, newest files last.</summary>
    private static byte[] Listing(params string[] files) => Encoding.UTF8.GetBytes(
        "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 3.2 Final//EN\">\n<html>\n <head>\n  <title>Index of /OPENDATA/JORF</title>\n </head>\n <body>\n" +
        "<h1>Index of /OPENDATA/JORF</h1>\n<table>\n<tr><th><a href=\"?C=N;O=D\">Name</a></th><th><a href=\"?C=M;O=A\">Last modified</a></th><th><a href=\"?C=S;O=A\">Size</a></th></tr>\n" +
        "<tr><td><a href=\"/OPENDATA/\">Parent Directory</a></td><td>&nbsp;</td><td align=\"right\">  - </td></tr>\n" +
        "<tr><td><a href=\"Freemium_jorf_global_20250713-140000.tar.gz\">Freemium_jorf_global_20250713-140000.tar.gz</a></td><td align=\"right\">2025-07-13 14:00  </td><td align=\"right\">1.6G</td></tr>\n" +
        "<tr><td><a href=\"JORF_20200101-000000.tar.gz\">JORF_20200101-000000.tar.gz</a></td><td align=\"right\">2020-01-01 00:00  </td><td align=\"right\">1.2M</td></tr>\n" +
        string.Concat(files.Select(f => $"<tr><td><a href=\"{f}\">{f}</a></td><td align=\"right\">today</td><td align=\"right\">10K</td></tr>\n")) +
        "</table>\n</body></html>\n");

    /// <summary>
    /// A daily archive holding the real LEGI files under a DILA-like tree; <paramref name="edit"/> may alter the article.
    /// Without articles it is DILA republishing a text's TEXTE_VERSION alone (new LIENS after a later text cites it).
    /// </summary>
    internal static byte[] Archive(Func<string, string>? edit = null, bool withArticles = true)
    {
        var tarGz = new MemoryStream();
        using (var gzip = new GZipStream(tarGz, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip))
        {
            void Add(string name, byte[] bytes) =>
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(bytes) });
            const string root = "20230830-034512/jorf/global/";
            Add(root + "texte/version/LEGITEXT000006070666.xml", LegifranceFixtures.Bytes("legi-xml", "version", "LEGITEXT000006070666.xml"));
            Add(root + "texte/struct/LEGITEXT000006070666.xml", LegifranceFixtures.Bytes("legi-xml", "struct", "LEGITEXT000006070666.xml"));
            Add(root + "section_ta/LEGISCTA000006135575.xml", LegifranceFixtures.Bytes("legi-xml", "LEGISCTA000006135575.xml"));
            if (withArticles)
            {
                var article = LegifranceFixtures.Bytes("legi-xml", "LEGIARTI000006398122.xml");
                Add(root + "article/LEGIARTI000006398122.xml", edit is null ? article : Encoding.UTF8.GetBytes(edit(Encoding.UTF8.GetString(article))));
                Add(root + "article/LEGIARTI000019325262.xml", LegifranceFixtures.Bytes("legi-xml", "cas-extremes", "LEGIARTI000019325262.xml"));
            }
        }
        return tarGz.ToArray();
    }

    [Fact]
    public async Task New_archives_are_read_once_each_and_a_changed_text_is_an_event()
    {
        Site.Serve(Dir, Listing(Morning), "text/html");
        Site.Serve(Dir + Morning, Archive(), "application/x-gzip");
        await using var watch = Watch();

        var first = await SourcesHost.RunAsync(watch, "legifrance-jorf");
        Assert.Empty(first.Failures);
        var text = Assert.IsType<OfficialText>(Assert.Single(first.Ingest.Relevant).Item);
        Assert.Equal("LEGITEXT000006070666", text.Id);
        Assert.Equal(["LEGIARTI000006398122"], text.Articles.Select(a => a.Id));
        Assert.Equal(0, Site.CountOf("OPENDATA/JORF/JORF_20200101-000000.tar.gz")); // older than the look-back
        Assert.Equal(0, Site.CountOf("OPENDATA/JORF/Freemium_jorf_global_20250713-140000.tar.gz"));

        // Nothing new listed: the archive already read is not even asked for again.
        var second = await SourcesHost.RunAsync(watch, "legifrance-jorf");
        Assert.Empty(second.Failures);
        Assert.Equal(0, second.Ingest.Seen);
        Assert.Equal(1, Site.CountOf(Dir + Morning));

        // The evening archive republishes the text with its article changed.
        Site.Serve(Dir, Listing(Morning, Evening), "text/html");
        Site.Serve(Dir + Evening, Archive(xml => xml.Replace("régie administrative", "régie autonome")), "application/x-gzip");
        var third = await SourcesHost.RunAsync(watch, "legifrance-jorf");
        Assert.Empty(third.Failures);
        Assert.Equal(1, third.Ingest.Changed);
        var events = await SourcesHost.EventsAsync(watch);
        Assert.Equal([EventKind.Created, EventKind.ContentChanged], events.Select(e => e.Event.Kind));
    }

    [Fact]
    public async Task A_text_republished_without_its_articles_keeps_them_and_is_no_change()
    {
        Site.Serve(Dir, Listing(Morning), "text/html");
        Site.Serve(Dir + Morning, Archive(), "application/x-gzip");
        await using var watch = Watch();
        await SourcesHost.RunAsync(watch, "legifrance-jorf");

        Site.Serve(Dir, Listing(Morning, Evening), "text/html");
        Site.Serve(Dir + Evening, Archive(withArticles: false), "application/x-gzip");
        var evening = await SourcesHost.RunAsync(watch, "legifrance-jorf");

        Assert.Empty(evening.Failures);
        Assert.Equal((1, 0), (evening.Ingest.Seen, evening.Ingest.Changed));
        Assert.Equal([EventKind.Created], (await SourcesHost.EventsAsync(watch)).Select(e => e.Event.Kind));
        var stored = Assert.IsType<OfficialText>(await watch.GetRequiredService<IVersionStore>().LatestAsync("LEGITEXT000006070666", CancellationToken.None));
        Assert.Equal(["LEGIARTI000006398122"], stored.Articles.Select(a => a.Id));
    }

    [Fact]
    public async Task After_an_outage_the_archives_of_the_days_missed_are_read_though_older_than_the_look_back()
    {
        static string DaysAgo(int days) => $"JORF_{DateTime.UtcNow.AddDays(-days):yyyyMMdd}-010203.tar.gz";
        var (lastRead, missed, alsoMissed) = (DaysAgo(10), DaysAgo(7), DaysAgo(5));
        Site.Serve(Dir, Listing(lastRead, missed, alsoMissed, Morning), "text/html");
        foreach (var file in new[] { lastRead, missed, alsoMissed, Morning }) Site.Serve(Dir + file, Archive(), "application/x-gzip");
        await using var watch = Watch();
        // Watch read the archive of ten days ago, then was down for a week.
        await watch.GetRequiredService<IHttpCacheStore>().SetAsync(new HttpValidators(new Uri(Site.BaseUrl, Dir + lastRead).AbsoluteUri, "\"x\"", null), CancellationToken.None);

        var back = await SourcesHost.RunAsync(watch, "legifrance-jorf");

        Assert.Empty(back.Failures);
        Assert.Equal([0, 1, 1, 1], new[] { lastRead, missed, alsoMissed, Morning }.Select(f => Site.CountOf(Dir + f)));
        Assert.Equal(0, Site.CountOf(Dir + "JORF_20200101-000000.tar.gz")); // before Watch's first archive: not a gap
    }

    [Fact]
    public async Task An_archive_that_failed_on_the_first_run_is_read_once_it_is_older_than_the_look_back()
    {
        static string DaysAgo(int days) => $"JORF_{DateTime.UtcNow.AddDays(-days):yyyyMMdd}-010203.tar.gz";
        var (failed, read) = (DaysAgo(3), DaysAgo(2));
        Site.Serve(Dir, Listing(failed, read), "text/html");
        Site.Fail(Dir + failed, 500);
        Site.Serve(Dir + read, Archive(), "application/x-gzip");
        await using (var firstDay = Watch())
            Assert.Contains("HTTP 500", Assert.Single((await SourcesHost.RunAsync(firstDay, "legifrance-jorf")).Failures).Problem);

        // A day later, as seen from a look-back one day shorter: the failed archive is now older than it.
        Site.Serve(Dir + failed, Archive(), "application/x-gzip");
        await using var nextDay = Host.Build(new Dictionary<string, string?>
        {
            ["Sources:Legifrance:JorfOpenDataUrl"] = new Uri(Site.BaseUrl, Dir).ToString(),
            ["Sources:Legifrance:LookbackDays"] = "2",
            ["Sources:Legifrance:Natures:0"] = "CODE",
        });
        var recovered = await SourcesHost.RunAsync(nextDay, "legifrance-jorf");

        Assert.Empty(recovered.Failures);
        Assert.Equal(1, recovered.Ingest.Seen); // the failed archive's text, now read
        Assert.NotNull(await nextDay.GetRequiredService<IHttpCacheStore>().GetAsync(new Uri(Site.BaseUrl, Dir + failed).AbsoluteUri, CancellationToken.None));
        Assert.Equal(1, Site.CountOf(Dir + read));
    }

    [Fact]
    public async Task A_directory_gone_is_reported()
    {
        await using var watch = Watch(); // nothing served: the site answers 404

        var gone = await SourcesHost.RunAsync(watch, "legifrance-jorf");

        var failure = Assert.Single(gone.Failures);
        Assert.EndsWith(Dir, failure.Input);
        Assert.Contains("404", failure.Problem);
    }

    [Fact]
    public async Task An_archive_answering_500_is_reported_not_marked_and_read_on_the_next_run()
    {
        Site.Serve(Dir, Listing(Morning), "text/html");
        Site.Fail(Dir + Morning, 500);
        await using var watch = Watch();

        var failed = await SourcesHost.RunAsync(watch, "legifrance-jorf");
        var failure = Assert.Single(failed.Failures);
        Assert.Contains("HTTP 500", failure.Problem);
        Assert.Equal(0, failed.Ingest.Seen);
        Assert.Null(await watch.GetRequiredService<IHttpCacheStore>().GetAsync(new Uri(Site.BaseUrl, Dir + Morning).AbsoluteUri, CancellationToken.None));

        Site.Serve(Dir + Morning, Archive(), "application/x-gzip");
        var recovered = await SourcesHost.RunAsync(watch, "legifrance-jorf");
        Assert.Empty(recovered.Failures);
        Assert.Equal(1, recovered.Ingest.Seen);
    }

    [Fact]
    public async Task A_truncated_archive_is_an_error_for_the_run_not_a_partial_import()
    {
        var whole = Archive();
        Site.Serve(Dir, Listing(Morning, Evening), "text/html");
        Site.Serve(Dir + Morning, whole[..(whole.Length * 2 / 3)], "application/x-gzip"); // the file itself is cut
        Site.CutShort(Dir + Evening, whole, "application/x-gzip");                        // the transfer is cut
        await using var watch = Watch();

        var report = await SourcesHost.RunAsync(watch, "legifrance-jorf");
        Assert.Equal(0, report.Ingest.Seen);
        Assert.Equal(2, report.Failures.Count);
        Assert.Contains("truncated", report.Failures.Single(f => f.Input.EndsWith(Morning)).Problem);
        Assert.Single(report.Failures, f => f.Input.EndsWith(Evening)); // connection dropped mid-body: whatever the socket reports
        var cache = watch.GetRequiredService<IHttpCacheStore>();
        Assert.Null(await cache.GetAsync(new Uri(Site.BaseUrl, Dir + Morning).AbsoluteUri, CancellationToken.None));
        Assert.Null(await cache.GetAsync(new Uri(Site.BaseUrl, Dir + Evening).AbsoluteUri, CancellationToken.None));
    }

    [Fact]
    public async Task An_HTML_page_served_as_tar_gz_is_a_clear_error()
    {
        Site.Serve(Dir, Listing(Morning), "text/html");
        Site.Serve(Dir + Morning, Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body>Service indisponible</body></html>"), "application/x-gzip");
        await using var watch = Watch();

        var report = await SourcesHost.RunAsync(watch, "legifrance-jorf");
        Assert.Contains("HTML", Assert.Single(report.Failures).Problem);
        Assert.Equal(0, report.Ingest.Seen);
    }

    [Fact]
    public void An_archive_cut_cleanly_between_two_entries_is_refused()
    {
        // A tar that stops after a whole entry, gzipped correctly: tar readers take it for the end.
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, leaveOpen: true))
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "texte/version/LEGITEXT000006070666.xml")
                { DataStream = new MemoryStream(LegifranceFixtures.Bytes("legi-xml", "version", "LEGITEXT000006070666.xml")) });
        var withoutEnd = tar.ToArray()[..^1024]; // drop the two zero blocks that end an archive
        var gz = new MemoryStream();
        using (var gzip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(withoutEnd);

        var e = Assert.Throws<ParseException>(() => JorfArchiveReader.Read(new MemoryStream(gz.ToArray()), "JORF.tar.gz", new ArchiveLimits(1 << 20, 1 << 30)));
        Assert.Contains("truncated", e.Message);
        Assert.Single(JorfArchiveReader.Read(new MemoryStream(Archive()), "JORF.tar.gz", new ArchiveLimits(1 << 20, 1 << 30)));
    }

    [Fact]
    public void A_page_served_in_place_of_the_archive_is_refused_with_its_first_words()
    {
        var e = Assert.Throws<ParseException>(() => JorfArchiveReader.Read(new MemoryStream(Listing(Morning)), "JORF.tar.gz", new ArchiveLimits(1 << 20, 1 << 30)));

        Assert.Equal("JORF.tar.gz", e.Input);
        Assert.Equal("not a .tar.gz archive: the server sent an HTML or XML page instead (starts with \"<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML \").", e.Problem);
    }

    [Fact]
    public void Every_entry_and_the_whole_archive_have_a_size_cap()
    {
        var archive = Archive();
        var entry = Assert.Throws<ParseException>(() => JorfArchiveReader.Read(new MemoryStream(archive), "JORF.tar.gz", new ArchiveLimits(100_000, 1 << 30)));
        Assert.Contains("LEGIARTI000019325262.xml", entry.Message); // the 150 KB article
        Assert.Contains("exceeds the 100000-byte limit", entry.Message);
        var whole = Assert.Throws<ParseException>(() => JorfArchiveReader.Read(new MemoryStream(archive), "JORF.tar.gz", new ArchiveLimits(1 << 20, 50_000)));
        Assert.Contains("decompresses to more than 50000 bytes", whole.Message);
    }

    [Fact]
    public void An_entry_with_a_DTD_is_refused()
    {
        var tarGz = new MemoryStream();
        using (var gzip = new GZipStream(tarGz, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip))
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "article/JORFARTI000000000001.xml")
                { DataStream = new MemoryStream(Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE ARTICLE [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><ARTICLE>&x;</ARTICLE>")) });

        var e = Assert.Throws<ParseException>(() => JorfArchiveReader.Read(new MemoryStream(tarGz.ToArray()), "JORF.tar.gz", new ArchiveLimits(1 << 20, 1 << 30)));
        Assert.Contains("DTD", e.Message);
    }

    [Fact]
    public void The_listing_gives_the_daily_archives_only()
    {
        var archives = JorfOpenDataSource.ParseListing(Listing("JORF_20230830-034512.tar.gz"), new Uri("https://echanges.dila.gouv.fr/OPENDATA/JORF/"));
        Assert.Equal(["JORF_20200101-000000.tar.gz", "JORF_20230830-034512.tar.gz"], archives.Select(a => a.FileName).Order());
        var a = archives.Single(x => x.FileName == "JORF_20230830-034512.tar.gz");
        Assert.Equal("https://echanges.dila.gouv.fr/OPENDATA/JORF/JORF_20230830-034512.tar.gz", a.Url.AbsoluteUri);
        Assert.Equal(new DateTime(2023, 8, 30, 3, 45, 12), a.Stamp);
    }
}
