using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace Watch.Parsing.Texts;

/// <summary>
/// Reads one version of a bill from any of the forms Watch meets: AN or Sénat HTML page, Sénat Akoma Ntoso
/// XML, La Fabrique de la Loi JSON, plain text. The format is told by the content, not by the file name
/// (the institutions' extensions lie: ".asp" pages, ".html" with no HTML). Anything else is a
/// <see cref="TextFormatException"/> naming the file and the reason.
/// </summary>
public static class TextVersionReader
{
    /// <summary>Larger than any bill ever published (the PLF with its annexes is ~10 MB); guards against reading a disk image.</summary>
    private const long MaxBytes = 64L * 1024 * 1024;

    public static TextVersion Read(string path)
    {
        var name = Path.GetFileName(path);
        FileStream stream;
        try
        {
            stream = File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new TextFormatException(name, $"fichier illisible ({Reason(e)}).", e);
        }
        using (stream) return Read(stream, name);
    }

    /// <param name="stream">The file's bytes, read to the end.</param>
    /// <param name="fileNameHint">Shown in error messages and kept as <see cref="TextVersion.Source"/>.</param>
    public static TextVersion Read(Stream stream, string fileNameHint)
    {
        var bytes = ReadAll(stream, fileNameHint);
        if (bytes.Length == 0) throw new TextFormatException(fileNameHint, "fichier vide.");
        if (Array.IndexOf(bytes, (byte)0) >= 0)
            throw new TextFormatException(fileNameHint, "fichier binaire (octets nuls) : ni HTML, ni XML, ni JSON, ni texte.");

        var text = TextDecoding.Decode(bytes);
        var head = text.AsSpan().TrimStart();

        if (LooksLikeXml(head) && !IsXhtml(text))
            return ReadXml(text, fileNameHint);
        if (head.StartsWith("{") || head.StartsWith("["))
            return ReadJson(text, fileNameHint);
        if (LooksLikeHtml(text))
            return HtmlTextParser.Parse(text, fileNameHint, IsSenat(text) ? TextFormat.SenatHtml : TextFormat.AssembleeHtml);
        if (head.StartsWith("<", StringComparison.Ordinal))
            throw new TextFormatException(fileNameHint, "balisage inconnu : ni page HTML, ni XML Akoma Ntoso.");
        if (PlainTextParser.Looks(text))
            return PlainTextParser.Parse(text, fileNameHint);
        throw new TextFormatException(fileNameHint,
            "format inconnu : ni page HTML de l'Assemblée ou du Sénat, ni Akoma Ntoso, ni JSON La Fabrique de la Loi, ni texte avec des lignes « Article … ».");
    }

    private static TextVersion ReadXml(string text, string source)
    {
        XDocument document;
        try
        {
            using var reader = SafeXml.CreateReader(new StringReader(text));
            document = XDocument.Load(reader);
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            throw new TextFormatException(source, "XML avec une DTD (<!DOCTYPE>) : refusé, une DTD peut appeler des entités externes.", e);
        }
        catch (XmlException e)
        {
            throw new TextFormatException(source, $"XML mal formé, ligne {e.LineNumber}, position {e.LinePosition} : {e.Message}", e);
        }

        if (document.Root?.Name.LocalName != "akomaNtoso")
            throw new TextFormatException(source, $"XML dont la racine est <{document.Root?.Name.LocalName}> : seul Akoma Ntoso (<akomaNtoso>) est lu.");
        return AkomaNtosoTextParser.Parse(document, source);
    }

    private static TextVersion ReadJson(string text, string source)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            if (!LawFactoryTextParser.Looks(json.RootElement))
                throw new TextFormatException(source, "JSON sans liste \"articles\" : ce n'est pas un texte au format La Fabrique de la Loi.");
            return LawFactoryTextParser.Parse(json.RootElement, source);
        }
        catch (JsonException e)
        {
            throw new TextFormatException(source, $"JSON mal formé, ligne {e.LineNumber + 1} : {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            // A property of the wrong JSON kind (a number where text was expected).
            throw new TextFormatException(source, $"JSON inattendu : {e.Message}", e);
        }
    }

    /// <summary>An XML prolog, a DTD or the AKN root first; a DTD goes to the XML reader so that it is refused there, loudly.</summary>
    private static bool LooksLikeXml(ReadOnlySpan<char> head) =>
        head.StartsWith("<?xml", StringComparison.Ordinal)
        || head.StartsWith("<akomaNtoso", StringComparison.Ordinal)
        || (head.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase) && !head.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase));

    private static bool IsXhtml(string text) =>
        text.AsSpan(0, Math.Min(text.Length, 4096)).Contains("<html", StringComparison.OrdinalIgnoreCase);

    private static bool LooksLikeHtml(string text)
    {
        var head = text.AsSpan(0, Math.Min(text.Length, 4096));
        return head.Contains("<html", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<!doctype html", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<body", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsSenat(string text) =>
        text.Contains("id=\"wysiwyg\"", StringComparison.OrdinalIgnoreCase)
        || text.AsSpan(0, Math.Min(text.Length, 20_000)).Contains("www.senat.fr", StringComparison.OrdinalIgnoreCase);

    private static byte[] ReadAll(Stream stream, string source)
    {
        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                    throw new TextFormatException(source, $"fichier de plus de {MaxBytes / (1024 * 1024)} Mo : trop gros pour un texte de loi.");
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
        catch (IOException e)
        {
            throw new TextFormatException(source, $"lecture interrompue ({e.Message}).", e);
        }
    }

    private static string Reason(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "introuvable",
        UnauthorizedAccessException => "accès refusé",
        _ => e.Message,
    };
}
