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
    /// The transport-safety dossier's bills (DLR5L16N49176: as deposited, n° 134, and as the commission adopted it, n° 636),
    /// recorded as <c>an-dossiers</c> records a dossier's texts from its acts; the AN's amendments dump files its amendments
    /// under these two. Its dossier file is not among the recordings.
    /// </summary>
    public static Task TransportDossierBillsAsync(OpenDataHost watch) =>
        watch.Get<Watch.Versions.IVersionStore>().RecordDossierTextsAsync("DLR5L16N49176", ["PIONANR5L17B0134", "PIONANR5L17BTC0636"], CancellationToken.None);

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
