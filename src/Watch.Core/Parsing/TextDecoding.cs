using System.Text;

namespace Watch.Parsing;

/// <summary>
/// Decodes bytes whose declared charset cannot be trusted: the institutions' pages often declare
/// iso-8859-1 while holding UTF-8, and the Sénat's CSV files are cp1252 or UTF-8 without saying which.
/// Strict UTF-8 first (it fails loudly on Latin-1 bytes), then Windows-1252, a superset of ISO-8859-1
/// for printable characters (its 0x80–0x9F hold the curly quotes and œ that ISO-8859-1 lacks).
/// </summary>
public static class TextDecoding
{
    static TextDecoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Encoding Windows1252 => Encoding.GetEncoding(1252);

    /// <summary>ISO-8859-15 (Latin-9, with €, œ, Ÿ), used by the Sénat's Atom feeds.</summary>
    public static Encoding Latin9 => Encoding.GetEncoding("iso-8859-15");

    /// <summary>
    /// The bytes after a UTF-8 byte order mark, or all of them. (Not a <c>"\xEF\xBB\xBF"u8</c> literal: in C# that is
    /// the UTF-8 encoding of the characters U+00EF U+00BB U+00BF, six bytes that never start a file.)
    /// </summary>
    public static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes[3..] : bytes;

    /// <summary>
    /// What the bytes a file was expected in look like instead, so the log says "an HTML page", not "bad signature"
    /// or "no line": an error page served in its place, JSON, or unknown bytes.
    /// </summary>
    public static string Describe(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty) return "the file is empty.";
        var trimmed = WithoutBom(head).TrimStart(" \t\r\n"u8);
        var preview = Encoding.UTF8.GetString(trimmed[..Math.Min(trimmed.Length, 40)]).ReplaceLineEndings(" ");
        if (trimmed.Length > 0 && trimmed[0] == (byte)'<') return $"the server sent an HTML or XML page instead (starts with \"{preview}\").";
        if (trimmed.Length > 0 && trimmed[0] is (byte)'{' or (byte)'[') return $"the server sent JSON instead (starts with \"{preview}\").";
        return $"unknown content (first bytes {Convert.ToHexString(head[..Math.Min(head.Length, 8)])}).";
    }

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        bytes = WithoutBom(bytes);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Windows1252.GetString(bytes);
        }
    }
}
