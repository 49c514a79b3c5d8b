using Watch.Cli.Bench;

namespace Watch.Cli.Commands;

/// <summary><c>watch bench ingest|fanout|diff</c>: figures for the hot paths, printed as a table.</summary>
public static class BenchCommand
{
    public static Task<int> RunAsync(string[] args) => args.FirstOrDefault() switch
    {
        "ingest" when args.Length > 1 && File.Exists(args[1]) => IngestBench.RunAsync(args[1], Option(args, "--files", 130_000)),
        "fanout" => FanOutBench.RunAsync(Option(args, "--subscribers", 100_000), Option(args, "--rate", 2_000)),
        "diff" => DiffBench.RunAsync(args.ElementAtOrDefault(1), args.ElementAtOrDefault(2)),
        _ => Usage(),
    };

    private static int Option(string[] args, string name, int fallback) =>
        args.SkipWhile(a => a != name).Skip(1).Select(int.Parse).FirstOrDefault(fallback);

    private static Task<int> Usage()
    {
        Console.Error.WriteLine("""
            usage: watch bench ingest <Amendements.json.zip> [--files 130000]
                   watch bench fanout [--subscribers 100000] [--rate 2000]
                   watch bench diff [<old> <new>]
            """);
        return Task.FromResult(2);
    }
}
