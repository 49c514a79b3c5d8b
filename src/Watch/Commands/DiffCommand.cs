using Watch.Diff;
using Watch.Parsing.Texts;

namespace Watch.Cli.Commands;

/// <summary>
/// <c>watch diff &lt;ancien&gt; &lt;nouveau&gt; [--json]</c>: aligns the articles of two versions of a bill by content
/// and prints what changed (renumbered, modified with word edits and changed figures, added, deleted).
/// Colour only when stdout is a terminal (and NO_COLOR unset). Unreadable or unknown files: one line on
/// stderr, exit code 2; usage errors: exit code 2 too.
/// </summary>
public static class DiffCommand
{
    private const string Usage = "usage : watch diff <ancienne version> <nouvelle version> [--json]";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var json = args.Contains("--json");
        var files = args.Where(a => a != "--json").ToArray();
        if (files.Any(f => f is "-h" or "--help"))
        {
            stdout.WriteLine(Usage);
            return 0;
        }
        if (files.Length != 2 || files.Any(f => f.StartsWith("--", StringComparison.Ordinal)))
        {
            stderr.WriteLine(Usage);
            return 2;
        }

        TextVersion older, newer;
        try
        {
            older = TextVersionReader.Read(files[0]);
            newer = TextVersionReader.Read(files[1]);
        }
        catch (TextFormatException e)
        {
            stderr.WriteLine($"watch diff : {e.Message}");
            return 2;
        }

        var diff = ArticleDiffer.Compare(older, newer);
        if (json)
        {
            stdout.WriteLine(TextDiffFormatter.ToJson(diff));
            return 0;
        }

        // Escape codes only for a person at a terminal: never in a pipe, a file, or a test's StringWriter.
        var color = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        stdout.Write(TextDiffFormatter.ToTerminal(diff, color));
        return 0;
    }
}
