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
