using System.IO.Compression;
using System.Text.Json;
using Watch.Domain;
using Watch.Parsing.AssembleeNationale;

namespace Watch.Parsing;

/// <summary>
/// Reads items from files as the institutions publish them, recognising the format from the content
/// (not the extension): AN open-data JSON, and zips of them. Used by <c>watch classify</c> and by tests.
/// </summary>
public static class ItemFiles
{
    /// <summary>Largest file or zip entry read; the AN's biggest amendment is under 100 KB.</summary>
    public const long MaxFileBytes = 16 * 1024 * 1024;

    /// <summary>Every file under a path (a file, a directory searched recursively, or a zip).</summary>
    public static IEnumerable<(string Name, Func<byte[]> Read)> Enumerate(string path)
    {
        if (Directory.Exists(path))
        {
            foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                foreach (var entry in Enumerate(file)) yield return entry;
            yield break;
        }
        if (!File.Exists(path)) throw new ParseException(path, "no such file or directory.");
        if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var entry in ZipEntries(path)) yield return entry;
            yield break;
        }
        yield return (path, () => ReadCapped(path));
    }

    private static IEnumerable<(string, Func<byte[]>)> ZipEntries(string path)
    {
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException e)
        {
            throw new ParseException(path, $"not a readable zip archive ({e.Message}).", e);
        }
        using (zip)
        {
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/')) continue;
                var name = $"{path}!{entry.FullName}";
                yield return (name, () => ReadEntry(entry, name));
            }
        }
    }

    private static byte[] ReadCapped(string path)
    {
        var length = new FileInfo(path).Length;
        if (length > MaxFileBytes) throw new ParseException(path, $"file of {length} bytes exceeds the {MaxFileBytes}-byte limit.");
        return File.ReadAllBytes(path);
    }

    internal static byte[] ReadEntry(ZipArchiveEntry entry, string name)
    {
        if (entry.Length > MaxFileBytes) throw new ParseException(name, $"zip entry of {entry.Length} bytes exceeds the {MaxFileBytes}-byte limit.");
        var buffer = new byte[entry.Length];
        try
        {
            using var stream = entry.Open();
            stream.ReadExactly(buffer);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            throw new ParseException(name, $"truncated or corrupt zip entry ({e.Message}).", e);
        }
        return buffer;
    }

    /// <summary>Parses one document into the items it holds, or says clearly why it cannot.</summary>
    public static IReadOnlyList<WatchItem> Parse(byte[] bytes, string name)
    {
        var start = FirstSignificantByte(bytes);
        if (start < 0) throw new ParseException(name, "empty file.");
        return bytes[start] switch
        {
            (byte)'{' => ParseJson(bytes, name),
            (byte)'<' => throw new ParseException(name, "XML/HTML documents are not recognised yet by this reader."),
            _ => throw new ParseException(name, "unrecognised format (expected Assemblée nationale JSON)."),
        };
    }

    private static IReadOnlyList<WatchItem> ParseJson(byte[] bytes, string name)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new ParseException(name, $"malformed JSON ({e.Message}).", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object && (root.TryGetProperty("amendement", out _)
                || (AnJson.Str(root, "uid")?.StartsWith("AMAN", StringComparison.Ordinal) ?? false)))
                return [AmendmentParser.Parse(root, name)];
            throw new ParseException(name, "JSON document of an unknown kind (no \"amendement\" root).");
        }
    }

    private static int FirstSignificantByte(byte[] bytes)
    {
        var i = bytes.AsSpan().StartsWith("\xEF\xBB\xBF"u8) ? 3 : 0;
        for (; i < bytes.Length; i++)
            if (bytes[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return i;
        return -1;
    }
}
