using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Watch.Pipeline;
using Watch.Sources;
using Watch.Sources.AssembleeNationale;
using Watch.Storage;
using Watch.Summaries;

namespace Watch.Cli.Bench;

/// <summary>
/// <c>watch bench ingest &lt;Amendements zip&gt; [--files N]</c>: the nightly reconciliation's work on a local copy of
/// the dump, through the code that does it in production (<see cref="AnArchiveReader"/>: entries inflated, checked
/// and parsed; then <see cref="IngestPipeline"/>: classified and stored in a fresh SQLite file). Prints amendments/s
/// and peak memory for that first, full read, then the time to read the same archive again once its entries are
/// remembered. A zip smaller than the real dump is first copied into a bigger one, its
/// amendments repeated under fresh uids so that every copy is real new work, until it holds N amendments
/// (default 130,000, the size of the full dump).
/// </summary>
public static class IngestBench
{
    public static async Task<int> RunAsync(string zipPath, int target)
    {
        var workDir = Path.Combine(Path.GetTempPath(), $"watch-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(workDir);
        try
        {
            var archive = Path.Combine(workDir, "Amendements.json.zip");
            var files = AnsiConsole.Status().Start($"Writing a {target:N0}-amendment archive…", _ => Enlarge(zipPath, archive, target));
            // What writing the archive allocated is not the ingest's: give it back before measuring.
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);

            var store = new SqliteStore(Path.Combine(workDir, "watch.db"));
            var pipeline = new IngestPipeline(store, Composition.Classifier(), new EventSummarizer(), NullLogger<IngestPipeline>.Instance);
            var reader = new AnArchiveReader(store, Options.Create(new AnOpenDataOptions()), NullLogger<AnArchiveReader>.Instance);
            var download = new FetchResult.File(new Uri(archive), archive, new FileInfo(archive).Length, new Watch.Versions.HttpValidators(archive, null, null));
            var run = new SourceRun();

            var (allocatedBefore, pausedBefore, cpuBefore) = (GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration(), Process.GetCurrentProcess().TotalProcessorTime);
            int[] collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
            var stopwatch = Stopwatch.StartNew();
            var report = await pipeline.IngestAsync(reader.ReadAsync(download, AnAmendmentsArchiveSource.Dataset, run, CancellationToken.None), CancellationToken.None);
            stopwatch.Stop();
            var process = Process.GetCurrentProcess();
            process.Refresh();
            var (peak, cpu) = (process.PeakWorkingSet64, process.TotalProcessorTime - cpuBefore);
            var (allocated, paused) = (GC.GetTotalAllocatedBytes() - allocatedBefore, GC.GetTotalPauseDuration() - pausedBefore);
            var collections = string.Join(" / ", collectionsBefore.Select((before, generation) => (GC.CollectionCount(generation) - before).ToString("N0")));

            // The next night, as the source job leaves it: the entries read are remembered, and a republished dump
            // whose entries did not change costs a pass over its directory.
            foreach (var (read, entries) in run.CompletedEntries) await store.SetArchiveEntriesAsync(read, entries, CancellationToken.None);
            var again = Stopwatch.StartNew();
            var unchanged = await pipeline.IngestAsync(reader.ReadAsync(download, AnAmendmentsArchiveSource.Dataset, new SourceRun(), CancellationToken.None), CancellationToken.None);
            again.Stop();

            var table = new Table().AddColumns("measure", "value");
            table.AddRow("amendments in the archive", files.ToString("N0"));
            table.AddRow("amendments ingested", report.Seen.ToString("N0"));
            table.AddRow("entries refused", run.Failures.Count.ToString("N0"));
            table.AddRow("relevant / events", $"{report.Relevant.Count:N0} / {report.Events:N0}");
            table.AddRow("elapsed (inflate + check + parse + classify + store)", $"{stopwatch.Elapsed.TotalSeconds:0.00} s");
            table.AddRow("[bold]amendments/s[/]", $"[bold]{report.Seen / stopwatch.Elapsed.TotalSeconds:N0}[/]");
            table.AddRow("[bold]peak working set[/]", $"[bold]{peak / (1024 * 1024):N0} MB[/]");
            table.AddRow("CPU time (all cores)", $"{cpu.TotalSeconds:0.00} s, {cpu.TotalMicroseconds / report.Seen:0} µs per amendment");
            table.AddRow("allocated", $"{allocated / report.Seen / 1024.0:0.0} KB per amendment");
            table.AddRow("GC pauses", $"{paused.TotalSeconds:0.00} s");
            table.AddRow("collections (gen 0 / 1 / 2)", collections);
            table.AddRow("[bold]the same archive again (nothing changed)[/]", $"[bold]{again.Elapsed.TotalSeconds:0.00} s, {unchanged.Seen:N0} amendments read[/]");
            table.AddRow("managed heap now", $"{GC.GetTotalMemory(false) / (1024 * 1024):N0} MB");
            table.AddRow("cores", Environment.ProcessorCount.ToString());
            AnsiConsole.Write(table);
            return run.Failures.Count == 0 ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(workDir, recursive: true);
        }
    }

    /// <summary>
    /// Copies the amendments of <paramref name="source"/> into <paramref name="target"/> until it holds
    /// <paramref name="count"/>; copy k &gt; 0 of an amendment has its uid (and only it) suffixed with k, which
    /// keeps it a valid uid. Returns the number written.
    /// </summary>
    private static int Enlarge(string source, string target, int count)
    {
        using var input = ZipFile.OpenRead(source);
        var amendments = input.Entries.Where(e => e.Name.StartsWith("AMAN", StringComparison.Ordinal) && e.Name.EndsWith(".json", StringComparison.Ordinal)).ToList();
        if (amendments.Count == 0) throw new InvalidOperationException($"{source} holds no amendment (AMAN….json) entry.");
        using var output = ZipFile.Open(target, ZipArchiveMode.Create);
        var written = 0;
        for (var copy = 0; written < count; copy++)
            foreach (var entry in amendments)
            {
                if (written == count) break;
                var uid = Path.GetFileNameWithoutExtension(entry.Name);
                var json = Watch.Parsing.Archives.ReadEntry(entry, entry.FullName, Watch.Parsing.ItemFiles.MaxFileBytes);
                var name = entry.FullName;
                if (copy > 0)
                {
                    json = Replace(json, Encoding.ASCII.GetBytes(uid), Encoding.ASCII.GetBytes($"{uid}{copy}"));
                    name = name.Replace(uid, $"{uid}{copy}", StringComparison.Ordinal);
                }
                using (var stream = output.CreateEntry(name, CompressionLevel.Optimal).Open()) stream.Write(json);
                written++;
            }
        return written;
    }

    private static byte[] Replace(byte[] bytes, byte[] from, byte[] to)
    {
        var result = new List<byte>(bytes.Length + 64);
        var rest = bytes.AsSpan();
        for (var at = rest.IndexOf(from); at >= 0; at = rest.IndexOf(from))
        {
            result.AddRange(rest[..at]);
            result.AddRange(to);
            rest = rest[(at + from.Length)..];
        }
        result.AddRange(rest);
        return [.. result];
    }
}
