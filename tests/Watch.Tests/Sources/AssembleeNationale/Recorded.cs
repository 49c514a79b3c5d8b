using System.Text.Json.Nodes;

namespace Watch.Tests.Sources.AssembleeNationale;

/// <summary>The recorded real AN files the archives of these tests are built from.</summary>
internal static class Recorded
{
    public static string Fixtures(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "fixtures", "an", .. parts]);

    public static string Amendments => Path.Combine(AppContext.BaseDirectory, "replay", "an", "amendements");

    /// <summary>Every JSON file of a directory, under <c>json/</c> as in the AN's dumps, by file name.</summary>
    public static List<(string Name, byte[] Bytes)> Entries(string directory, string folder = "json/") =>
        Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal)
            .Select(f => (folder + Path.GetFileName(f), File.ReadAllBytes(f))).ToList();

    /// <summary>
    /// Stores an item as its source does, for the files not among the recordings: a dossier's acts as the AN lists them,
    /// built in code (<see cref="Watch.Tests.Pipeline.RelevanceLinksTests.Transports"/>), a text's title.
    /// </summary>
    public static Task StoreAsync(OpenDataHost watch, Watch.Domain.WatchItem item) =>
        watch.Get<Watch.Pipeline.IngestPipeline>().IngestAsync([item], CancellationToken.None);

    /// <summary>A real file with one change, as the AN would publish its next version.</summary>
    public static byte[] Edited(byte[] json, Action<JsonNode> edit)
    {
        var root = JsonNode.Parse(json)!;
        edit(root);
        return System.Text.Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    public static List<(string Name, byte[] Bytes)> Replace(List<(string Name, byte[] Bytes)> entries, string nameEnd, Func<byte[], byte[]> change) =>
        entries.Select(e => e.Name.EndsWith(nameEnd, StringComparison.Ordinal) ? (e.Name, change(e.Bytes)) : e).ToList();
}
