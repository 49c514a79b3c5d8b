using System.Diagnostics;
using Spectre.Console;
using Watch.Diff;
using Watch.Parsing.Texts;

namespace Watch.Cli.Bench;

/// <summary>
/// <c>watch bench diff [old new]</c>: time to align and diff two versions of a bill, article by article.
/// Without arguments it uses the recorded PPL n° 1890 and its adopted text TA n° 376 (the same bill before
/// and after the Assemblée's first reading) cut to their first 100 articles.
/// </summary>
public static class DiffBench
{
    public static Task<int> RunAsync(string? olderPath, string? newerPath)
    {
        var older = TextVersionReader.Read(olderPath ?? Recorded("pion1890.asp.html"));
        var newer = TextVersionReader.Read(newerPath ?? Recorded("ta0376.asp.html"));
        if (olderPath is null)
        {
            older = older with { Articles = older.Articles.Take(100).ToList() };
            newer = newer with { Articles = newer.Articles.Take(100).ToList() };
        }

        for (var i = 0; i < 100; i++) ArticleDiffer.Compare(older, newer); // warm-up: JIT and tiering (tier-1 code needs some 30 calls and a moment)
        const int runs = 200;
        var times = new double[runs];
        TextDiff diff = null!;
        for (var i = 0; i < runs; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            diff = ArticleDiffer.Compare(older, newer);
            times[i] = stopwatch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);

        var table = new Table().AddColumns("measure", "value");
        table.AddRow("articles and annexes (older → newer)", $"{older.Articles.Count} → {newer.Articles.Count}");
        table.AddRow("result", Markup.Escape(TextDiffFormatter.Headline(diff)));
        table.AddRow("runs", runs.ToString());
        table.AddRow("[bold]median[/]", $"[bold]{times[runs / 2]:0.00} ms[/]");
        table.AddRow("p95", $"{times[(int)(runs * 0.95)]:0.00} ms");
        table.AddRow("max", $"{times[^1]:0.00} ms");
        AnsiConsole.Write(table);
        return Task.FromResult(0);
    }

    private static string Recorded(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "replay", "an", "textes", name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Recorded text {path} is missing; pass two files: watch bench diff <old> <new>.");
    }
}
