using Watch.Parsing;
using System.Diagnostics;
using System.IO.Compression;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;
using Watch.Domain;
using Watch.Parsing.AssembleeNationale;
using Watch.Pipeline;
using Watch.Storage;
using Watch.Summaries;

namespace Watch.Cli.Bench;

/// <summary>
/// <c>watch bench ingest &lt;Amendements zip&gt; [--files N]</c>: parse + classify + store every amendment of an
/// AN amendments zip into a fresh SQLite file, and print amendments/s and peak memory. A zip smaller than
/// the real dump is read again (with fresh uids, so every pass is real new work) until N files (default
/// 130,000, the size of the full dump) have gone through.
/// </summary>
public static class IngestBench
{
    public static async Task<int> RunAsync(string zipPath, int target)
    {

        var classifier = Composition.Classifier();
        var dbPath = Path.Combine(Path.GetTempPath(), $"watch-bench-{Guid.NewGuid():N}.db");
        var store = new SqliteStore(dbPath);
        var pipeline = new IngestPipeline(store, classifier, new EventSummarizer(), NullLogger<IngestPipeline>.Instance);

        var failures = 0;
        var stopwatch = Stopwatch.StartNew();
        var report = await pipeline.IngestAsync(ReadAsync(zipPath, target, () => Interlocked.Increment(ref failures)), CancellationToken.None);
        stopwatch.Stop();

        var process = Process.GetCurrentProcess();
        process.Refresh();
        var table = new Table().AddColumns("measure", "value");
        table.AddRow("amendments ingested", report.Seen.ToString("N0"));
        table.AddRow("parse failures", failures.ToString("N0"));
        table.AddRow("relevant / events", $"{report.Relevant.Count:N0} / {report.Events:N0}");
        table.AddRow("elapsed", $"{stopwatch.Elapsed.TotalSeconds:0.00} s");
        table.AddRow("[bold]amendments/s[/]", $"[bold]{report.Seen / stopwatch.Elapsed.TotalSeconds:N0}[/]");
        table.AddRow("[bold]peak working set[/]", $"[bold]{process.PeakWorkingSet64 / (1024 * 1024):N0} MB[/]");
        table.AddRow("managed heap now", $"{GC.GetTotalMemory(false) / (1024 * 1024):N0} MB");
        table.AddRow("cores", Environment.ProcessorCount.ToString());
        AnsiConsole.Write(table);

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { dbPath, dbPath + "-wal", dbPath + "-shm" }) File.Delete(f);
        return 0;
    }

    /// <summary>
    /// Entries are inflated in order on one thread (a zip is sequential) and parsed on the others, with a
    /// bounded channel between them so memory stays flat whatever the size of the dump.
    /// </summary>
    private static async IAsyncEnumerable<WatchItem> ReadAsync(string zipPath, int target, Action onFailure)
    {
        var raw = Channel.CreateBounded<(string Name, byte[] Bytes, int Pass)>(256);
        var parsed = Channel.CreateBounded<Amendment>(256);

        var reader = Task.Run(async () =>
        {
            var count = 0;
            for (var pass = 0; count < target; pass++)
            {
                using var zip = ZipFile.OpenRead(zipPath);
                foreach (var entry in zip.Entries)
                {
                    if (count >= target) break;
                    if (!entry.Name.StartsWith("AMAN", StringComparison.Ordinal)) continue;
                    await raw.Writer.WriteAsync((entry.FullName, Watch.Parsing.Archives.ReadEntry(entry, entry.FullName, Watch.Parsing.ItemFiles.MaxFileBytes), pass));
                    count++;
                }
                if (count == 0) break;
            }
            raw.Writer.Complete();
        });

        var parsers = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(async () =>
        {
            await foreach (var (name, bytes, pass) in raw.Reader.ReadAllAsync())
            {
                try
                {
                    var a = AmendmentParser.Parse(bytes, name);
                    await parsed.Writer.WriteAsync(pass == 0 ? a : a with { Id = $"{a.Id}-{pass}" });
                }
                catch (Watch.Parsing.ParseException)
                {
                    onFailure();
                }
            }
        })).ToArray();
        _ = Task.WhenAll(parsers).ContinueWith(_ => parsed.Writer.Complete());

        await foreach (var amendment in parsed.Reader.ReadAllAsync()) yield return amendment;
        await reader;
    }
}
