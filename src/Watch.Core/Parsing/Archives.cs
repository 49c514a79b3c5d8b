using System.Buffers;
using System.IO.Hashing;
using System.IO.Compression;

namespace Watch.Parsing;

/// <summary>
/// Reading the zip archives of the open-data dumps safely: the file must really be a zip (a portal that
/// answers an HTML error page with status 200 is common), a truncated download (no central directory) is
/// refused before any entry is read, each entry is capped in size and checked against its length and CRC-32
/// as it is read, because <see cref="ZipArchive"/> itself never checks them. The archive is read from disk
/// entry by entry, never loaded whole.
/// </summary>
public static class Archives
{
    /// <summary>Opens a zip file after checking its signature; <paramref name="input"/> names it in errors (its URL).</summary>
    public static ZipArchive OpenZip(string path, string input)
    {
        CheckZipSignature(path, input);
        try
        {
            return ZipFile.OpenRead(path);
        }
        catch (InvalidDataException e)
        {
            // The central directory sits at the end of the file: a truncated download fails here.
            throw new ParseException(input, $"truncated or corrupt zip archive ({e.Message})", e);
        }
    }

    /// <summary>True when the file starts like a zip: a local file header, or the end record of an empty archive.</summary>
    public static bool LooksLikeZip(ReadOnlySpan<byte> start) =>
        start.StartsWith("PK\x03\x04"u8) || start.StartsWith("PK\x05\x06"u8);

    private static void CheckZipSignature(string path, string input)
    {
        Span<byte> head = stackalloc byte[64];
        int read;
        using (var file = File.OpenRead(path)) read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        if (LooksLikeZip(head)) return;
        throw new ParseException(input, $"not a zip archive: {TextDecoding.Describe(head)}");
    }

    /// <summary>The archive's files, directories left out, in the archive's order.</summary>
    public static IEnumerable<ZipArchiveEntry> Files(ZipArchive zip) => zip.Entries.Where(e => !e.FullName.EndsWith('/'));

    /// <summary>
    /// One zip entry's bytes, refused when it declares more than <paramref name="maxBytes"/>, and checked against
    /// the central directory (length and CRC-32): a damaged entry is an error, never half-read JSON.
    /// </summary>
    public static byte[] ReadEntry(ZipArchiveEntry entry, string name, long maxBytes)
    {
        CheckDeclaredSize(entry, name, maxBytes);
        var buffer = new byte[entry.Length];
        Inflate(entry, name, buffer);
        return buffer;
    }

    /// <summary>
    /// <see cref="ReadEntry"/> into a buffer rented from <see cref="ArrayPool{T}.Shared"/>, which the caller returns
    /// once done with the bytes: a dump's 130,000 entries then cost no garbage. The segment is the entry's bytes,
    /// the start of a buffer that may be longer.
    /// </summary>
    public static ArraySegment<byte> ReadEntryRented(ZipArchiveEntry entry, string name, long maxBytes)
    {
        CheckDeclaredSize(entry, name, maxBytes);
        var rented = ArrayPool<byte>.Shared.Rent((int)entry.Length);
        try
        {
            var bytes = new ArraySegment<byte>(rented, 0, (int)entry.Length);
            Inflate(entry, name, bytes);
            return bytes;
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(rented);
            throw;
        }
    }

    private static void Inflate(ZipArchiveEntry entry, string name, Span<byte> buffer)
    {
        try
        {
            using var stream = entry.Open();
            stream.ReadExactly(buffer);
            if (stream.ReadByte() >= 0) throw new ParseException(name, $"corrupt zip entry: it inflates to more than the {entry.Length} bytes declared.");
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            throw new ParseException(name, $"truncated or corrupt zip entry ({e.Message}).", e);
        }
        if (Crc32.HashToUInt32(buffer) != entry.Crc32) throw new ParseException(name, "corrupt zip entry: CRC-32 mismatch.");
    }

    /// <summary>"https://…/Agenda.json.zip!json/RUANR5L17S2025IDS29020.json": the archive and the entry.</summary>
    public static string EntryName(string archive, ZipArchiveEntry entry) => $"{archive}!{entry.FullName}";

    private static void CheckDeclaredSize(ZipArchiveEntry entry, string name, long maxEntryBytes)
    {
        if (Oversized(entry, name, maxEntryBytes) is { } refused) throw refused;
    }

    /// <summary>The refusal of an entry that declares more than <paramref name="maxEntryBytes"/>, or null: a limit of ours, not damage.</summary>
    public static ParseException? Oversized(ZipArchiveEntry entry, string name, long maxEntryBytes) =>
        entry.Length > maxEntryBytes ? new ParseException(name, $"zip entry of {entry.Length} bytes exceeds the {maxEntryBytes}-byte limit.") : null;
}
