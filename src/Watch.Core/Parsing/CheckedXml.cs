using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Watch.Parsing;

/// <summary>
/// Loads a whole XML file (DILA, Sénat Akoma Ntoso and indexes) through <see cref="SafeXml"/> and turns every way it can be wrong into a
/// <see cref="ParseException"/> naming the input: an HTML page served instead (an error page, a login
/// wall), a DOCTYPE (refused before anything is resolved: no DILA or Sénat file carries one), a cut-off file.
/// DILA and Sénat files are small (a few hundred KB at most), so the file is read into memory first:
/// this lets the HTML case be told apart from a real XML error.
/// </summary>
internal static partial class CheckedXml
{
    // Touching TextDecoding registers the code-page encodings, so that XmlReader can honour
    // encoding="ISO-8859-15" (the Sénat's older XML, its Atom feeds) and windows-1252 declarations.
    static CheckedXml() => _ = TextDecoding.Latin9;

    public static XDocument Load(Stream stream, string input)
    {
        var bytes = ReadAll(stream, input);
        if (bytes.Length == 0) throw new ParseException(input, "is empty, expected XML.");

        var head = Head(bytes);
        if (HtmlStart().IsMatch(head))
            throw new ParseException(input, "is an HTML page, not the XML expected (an error or login page served in its place?).");
        if (Doctype().Match(head) is { Success: true } dt)
            throw new ParseException(input, $"declares a DTD ({dt.Groups["decl"].Value.Trim()}…); refused: external entities are never resolved.");

        try
        {
            using var ms = new MemoryStream(bytes, writable: false);
            using var reader = SafeXml.CreateReader(ms);
            return XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            throw new ParseException(input, "declares a DTD; refused: external entities are never resolved.", e);
        }
        catch (XmlException e)
        {
            throw new ParseException(input, $"malformed or truncated XML at line {e.LineNumber}, position {e.LinePosition} ({e.Message})", e);
        }
    }

    private static byte[] ReadAll(Stream stream, string input)
    {
        try
        {
            if (stream is MemoryStream m && m.Position == 0 && m.TryGetBuffer(out var seg) && seg.Offset == 0 && seg.Count == m.Length)
                return seg.Array!.AsSpan(0, seg.Count).ToArray();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
        catch (IOException e)
        {
            throw new ParseException(input, $"could not be read ({e.Message})", e);
        }
    }

    /// <summary>The first bytes as ASCII-compatible text, BOM dropped: enough to see a prolog.</summary>
    private static string Head(byte[] bytes)
    {
        return Encoding.Latin1.GetString(TextDecoding.WithoutBom(bytes.AsSpan(0, Math.Min(bytes.Length, 2048))));
    }

    [GeneratedRegex(@"^\s*(<\?xml[^>]*\?>\s*)?(<!--.*?-->\s*)*<(!DOCTYPE\s+html|html[\s>])", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex HtmlStart();

    [GeneratedRegex(@"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*(?<decl><!DOCTYPE[^\[>]*)", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Doctype();
}

/// <summary>Small readers over LINQ to XML that name the input when something required is missing.</summary>
internal static class Xml
{
    public static XElement? Path(XElement? e, params string[] names)
    {
        foreach (var n in names)
        {
            if (e is null) return null;
            e = e.Element(n);
        }
        return e;
    }

    /// <summary>The trimmed text of an element, null when absent or empty.</summary>
    public static string? Text(XElement? e, params string[] names)
    {
        var v = Path(e, names)?.Value.Trim();
        return string.IsNullOrEmpty(v) ? null : v;
    }

    /// <summary>ISO date; DILA's 2999-01-01 ("no date") becomes null.</summary>
    public static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", out var d) && d.Year < 2999 ? d : null;

    /// <summary>The mixed HTML content of a CONTENU element as plain text.</summary>
    public static string Content(XElement? e)
    {
        if (e is null) return "";
        var html = string.Concat(e.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting)));
        return HtmlText.ToPlainText(html);
    }
}
