using Watch.Parsing.Legifrance;
using System.Formats.Tar;
using System.IO.Compression;
using Watch.Domain;
using Watch.Parsing;

namespace Watch.Parsing.Legifrance;

/// <summary>Size limits applied while reading one archive.</summary>
public sealed record ArchiveLimits(long MaxEntryBytes, long MaxExtractedBytes)
{
    /// <summary>
    /// A text or an article is a few hundred KB at most; a 10 MB daily archive inflates to ~200 MB, so 2 GB is a
    /// guard against a decompression bomb, not a limit real archives meet.
    /// </summary>
    public static readonly ArchiveLimits Default = new(16L * 1024 * 1024, 2L * 1024 * 1024 * 1024);
}

/// <summary>
/// Reads a DILA daily archive (<c>JORF_YYYYMMDD-HHMMSS.tar.gz</c>) into its assembled texts, all or nothing:
/// every entry has a size cap, the whole has a decompressed cap, and an archive that stops early (cut inside
/// an entry, or cleanly between two entries, which tar readers otherwise take for the end) is an error, never
/// a partial import. Bytes that are not gzip (an HTML error page saved as .tar.gz) are refused up front.
/// </summary>
public static class JorfArchiveReader
{
    private const int Block = 512;

    public static IReadOnlyList<OfficialText> Read(Stream tarGz, string input, ArchiveLimits limits)
    {
        // Enough of the start to show what came instead of gzip (an error page, say).
        var head = new byte[64];
        head = head[..tarGz.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)];
        if (head.Length < 2 || head[0] != 0x1F || head[1] != 0x8B)
            throw new ParseException(input, $"not a .tar.gz archive: {TextDecoding.Describe(head)}");

        var documents = new List<DilaDocument>();
        try
        {
            using var gzip = new GZipStream(new PrefixedStream(head, tarGz), CompressionMode.Decompress);
            using var counted = new TailStream(gzip, limits.MaxExtractedBytes, input);
            using (var tar = new TarReader(counted, leaveOpen: true))
            {
                while (tar.GetNextEntry() is { } entry)
                {
                    if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null) continue;
                    if (!entry.Name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)) continue;
                    var name = $"{input}!{entry.Name}";
                    if (entry.Length > limits.MaxEntryBytes)
                        throw new ParseException(name, $"entry of {entry.Length} bytes exceeds the {limits.MaxEntryBytes}-byte limit.");
                    var doc = CheckedXml.Load(entry.DataStream, name);
                    if (DilaXmlReader.ReadOrNull(doc, name, out _) is { } d) documents.Add(d);
                }
            }
            counted.CopyTo(Stream.Null); // the tar's zero padding, to see where the stream really ends
            if (!counted.EndedWithZeroBlock)
                throw new ParseException(input, $"truncated archive: it stops after {counted.Total} bytes without the tar end-of-archive blocks.");
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or IOException)
        {
            throw new ParseException(input, $"truncated or corrupt .tar.gz archive ({e.Message})", e);
        }
        return DilaTextAssembler.AssembleAll(documents);
    }

    /// <summary>Gives back the bytes already read to check the signature, then the rest of the stream.</summary>
    private sealed class PrefixedStream(byte[] prefix, Stream rest) : Stream
    {
        private int _used;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_used < prefix.Length)
            {
                var n = Math.Min(count, prefix.Length - _used);
                Array.Copy(prefix, _used, buffer, offset, n);
                _used += n;
                return n;
            }
            return rest.Read(buffer, offset, count);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>
    /// Counts decompressed bytes against the cap and remembers the last 512-byte block: a whole tar ends
    /// with zero blocks, while one cut between entries ends with the last entry's data.
    /// </summary>
    private sealed class TailStream(Stream inner, long max, string input) : Stream
    {
        private readonly byte[] _tail = new byte[Block];

        public long Total { get; private set; }

        public bool EndedWithZeroBlock => Total >= 2 * Block && Total % Block == 0 && _tail.All(b => b == 0);

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            if (n <= 0) return n;
            Total += n;
            if (Total > max) throw new ParseException(input, $"decompresses to more than {max} bytes; refused.");
            if (n >= Block)
            {
                Array.Copy(buffer, offset + n - Block, _tail, 0, Block);
            }
            else
            {
                Array.Copy(_tail, n, _tail, 0, Block - n);
                Array.Copy(buffer, offset, _tail, Block - n, n);
            }
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Total; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
