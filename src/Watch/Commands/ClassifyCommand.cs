using Watch.Relevance;
using System.Text.Encodings.Web;
using System.Text.Json;
using Watch.Domain;
using Watch.Parsing;

namespace Watch.Cli.Commands;

/// <summary>
/// <c>watch classify &lt;file|dir|zip&gt;</c>: one JSON line per item found, saying whether it is about
/// surveillance and why. A file that cannot be read gets one line on stderr and a non-zero exit code;
/// the other files are still classified.
/// </summary>
public static class ClassifyCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0)
        {
            stderr.WriteLine("usage: watch classify <file|dir|zip> [...]");
            return Task.FromResult(2);
        }

        var classifier = Composition.Classifier();

        var failed = 0;
        foreach (var path in args)
        {
            IEnumerable<(string Name, Func<byte[]> Read)> files;
            try
            {
                files = ItemFiles.Enumerate(path).ToList();
            }
            catch (ParseException e)
            {
                stderr.WriteLine($"watch classify: {e.Message}");
                failed++;
                continue;
            }
            foreach (var (name, read) in files)
            {
                try
                {
                    foreach (var item in ItemFiles.Parse(read(), name))
                        stdout.WriteLine(Line(item, classifier.Classify(item)));
                }
                catch (ParseException e)
                {
                    stderr.WriteLine($"watch classify: {e.Message}");
                    failed++;
                }
            }
        }
        return Task.FromResult(failed == 0 ? 0 : 1);
    }

    private static string Line(WatchItem item, RelevanceResult r) => JsonSerializer.Serialize(new
    {
        id = item.Id,
        kind = item.Kind.ToString(),
        source = item.Chamber.ToString(),
        relevant = r.Relevant,
        score = r.Score,
        topics = r.Topics,
        matches = r.Matches.Select(m => new { phrase = m.Phrase, field = m.Field, topic = m.Topic }),
    }, Json);
}
