using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Watch.Domain;
using Watch.Parsing.AssembleeNationale;
using Watch.Relevance;

namespace Watch.Tests.Relevance;

/// <summary>One hand-labelled amendment of <c>labelled/labels.json</c>.</summary>
public sealed record LabelledItem(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("uid")] string Uid,
    [property: JsonPropertyName("relevant")] bool Relevant,
    [property: JsonPropertyName("topics")] IReadOnlyList<string> Topics,
    [property: JsonPropertyName("justification")] string Justification);

public sealed record LabelledFile([property: JsonPropertyName("items")] IReadOnlyList<LabelledItem> Items);

/// <summary>
/// The labelled evaluation set (real AN amendments, labelled by reading them) and the shipped watchlist.
/// </summary>
public static class LabelledSet
{
    private const string RelativeDirectory = "Relevance/labelled";

    /// <summary>
    /// The labelled folder: next to the test binaries if the project copies it there, otherwise in the
    /// source tree above them (the test project only copies <c>fixtures/**</c> to its output).
    /// </summary>
    public static string Directory { get; } = Locate();

    private static string Locate()
    {
        var besideBinaries = Path.Combine(AppContext.BaseDirectory, RelativeDirectory);
        if (File.Exists(Path.Combine(besideBinaries, "labels.json"))) return besideBinaries;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Watch.Tests", RelativeDirectory);
            if (File.Exists(Path.Combine(candidate, "labels.json"))) return candidate;
        }
        throw new DirectoryNotFoundException(
            $"labels.json not found in {besideBinaries} nor in any tests/Watch.Tests/{RelativeDirectory} above {AppContext.BaseDirectory}.");
    }

    public static IReadOnlyList<LabelledItem> Items()
    {
        var path = Path.Combine(Directory, "labels.json");
        var file = JsonSerializer.Deserialize<LabelledFile>(File.ReadAllBytes(path))
            ?? throw new InvalidDataException($"{path} is empty.");
        return file.Items;
    }

    /// <summary>
    /// Bill texts, dossiers and Légifrance XML among the recorded fixtures (<c>labelled/documents.json</c>), whose
    /// <see cref="LabelledItem.Path"/> is relative to the tests' fixtures.
    /// </summary>
    public static IReadOnlyList<LabelledItem> Documents()
    {
        var path = Path.Combine(Directory, "documents.json");
        return (JsonSerializer.Deserialize<LabelledFile>(File.ReadAllBytes(path)) ?? throw new InvalidDataException($"{path} is empty.")).Items;
    }

    /// <summary>The item a labelled amendment or document is, read from its recorded file as <c>watch classify</c> reads it.</summary>
    public static WatchItem Item(LabelledItem item)
    {
        if (!item.Uid.StartsWith("AMAN", StringComparison.Ordinal))
        {
            var path = Parsing.Texts.TextFixtures.PathOf(item.Path);
            return Assert.Single(Watch.Parsing.ItemFiles.Parse(File.ReadAllBytes(path), path));
        }
        return Amendment(item);
    }

    public static Amendment Amendment(LabelledItem item)
    {
        var name = item.Uid + ".json";
        var bytes = File.ReadAllBytes(Path.Combine(Directory, "amendements", name));
        return AmendmentParser.Parse(bytes, name);
    }

    /// <summary>The watchlist exactly as shipped: <c>config/watchlist.json</c> copied next to the test binaries.</summary>
    public static WatchlistOptions Watchlist()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "config", "watchlist.json");
        if (!File.Exists(path)) throw new FileNotFoundException($"The shipped watchlist was not copied to the test output: {path}.", path);
        var configuration = new ConfigurationBuilder().AddJsonFile(path, optional: false).Build();
        return configuration.GetSection(WatchlistOptions.Section).Get<WatchlistOptions>()
            ?? throw new InvalidDataException($"{path} has no '{WatchlistOptions.Section}' section.");
    }

    public static RelevanceClassifier Classifier() => new(Options.Create(Watchlist()));

    public enum Half { Tune, Holdout }

    /// <summary>
    /// A fixed split of the labelled set into two halves by the first byte of SHA-256(uid): rules are tuned looking
    /// at the tune half's disagreements, and the holdout half shows whether they generalise.
    /// </summary>
    public static Half HalfOf(LabelledItem item) =>
        (SHA256.HashData(Encoding.UTF8.GetBytes(item.Uid))[0] & 1) == 0 ? Half.Tune : Half.Holdout;
}
