using Watch.Parsing.Senat;
using System.IO.Compression;
using System.Text.Json;
using Watch.Domain;
using AngleSharp.Html.Parser;
using Watch.Parsing.AssembleeNationale;

namespace Watch.Parsing;

/// <summary>
/// Reads items from files as the institutions publish them, recognising the format from the content
/// (not the extension): AN open-data JSON (amendments, agenda meetings, votes, dossiers législatifs), the AN's
/// earlier amendments (eliasse XML, old-site pages), Sénat Ameli CSV, Akoma Ntoso and DILA XML, JORF daily archives
/// (.tar.gz), PISTE Légifrance answers (an article, a Journal officiel text), bill text and Sénat dossier HTML pages,
/// and zips of them. Used by
/// <c>watch classify</c> and by tests.
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
        if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) || StartsLikeZip(path))
        {
            foreach (var entry in ZipEntries(path)) yield return entry;
            yield break;
        }
        yield return (path, () => ReadCapped(path));
    }

    private static IEnumerable<(string, Func<byte[]>)> ZipEntries(string path)
    {
        // Checks the signature first: a ".zip" that is an HTML page says so instead of "bad archive".
        // Not disposed here: callers may list the entries first and read them afterwards (watch classify
        // does), so the archive stays open as long as its readers live; the CLI is short-lived.
        var zip = Archives.OpenZip(path, path);
        foreach (var entry in Archives.Files(zip))
        {
            // Dossiers_Legislatifs.json.zip also holds each text's metadata (json/document/PRJL….json):
            // not an item Watch reads, and not an error either.
            if (("/" + entry.FullName).Contains("/document/", StringComparison.Ordinal)) continue;
            var name = $"{path}!{entry.FullName}";
            yield return (name, () => Archives.ReadEntry(entry, name, MaxFileBytes));
        }
    }

    private static bool StartsLikeZip(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using var file = File.OpenRead(path);
        return Archives.LooksLikeZip(head[..file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)]);
    }

    private static byte[] ReadCapped(string path)
    {
        var length = new FileInfo(path).Length;
        if (length > MaxFileBytes) throw new ParseException(path, $"file of {length} bytes exceeds the {MaxFileBytes}-byte limit.");
        return File.ReadAllBytes(path);
    }

    /// <summary>Parses one document into the items it holds, or says clearly why it cannot.</summary>
    public static IReadOnlyList<WatchItem> Parse(byte[] bytes, string name)
    {
        var start = FirstSignificantByte(bytes);
        if (start < 0) throw new ParseException(name, "empty file.");
        return bytes[start] switch
        {
            0x1F when bytes.Length > start + 1 && bytes[start + 1] == 0x8B =>
                [.. Legifrance.JorfArchiveReader.Read(new MemoryStream(bytes, writable: false), name, Legifrance.ArchiveLimits.Default)],
            (byte)'{' => ParseJson(bytes, name),
            (byte)'<' when IsHtml(bytes, start) => ParseHtml(bytes, name),
            (byte)'<' => ParseXml(bytes, name),
            (byte)'s' or (byte)'S' when IsSenatCsv(bytes, start) =>
                Senat.SenatAmendmentCsv.Read(new MemoryStream(bytes, writable: false), name).ToList<WatchItem>(),
            _ => throw new ParseException(name, "unrecognised format (expected AN open-data or PISTE Légifrance JSON, a Sénat Ameli CSV, Akoma Ntoso, DILA or AN eliasse XML, a JORF .tar.gz, a bill, AN amendment or Sénat dossier HTML page, or a zip of them)."),
        };
    }

    private static bool IsHtml(byte[] bytes, int start)
    {
        var head = bytes.AsSpan(start);
        return StartsIgnoringCase(head, "<!doctype html"u8) || StartsIgnoringCase(head, "<html"u8);

        static bool StartsIgnoringCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> prefix) =>
            text.Length >= prefix.Length && System.Text.Ascii.EqualsIgnoreCase(text[..prefix.Length], prefix);
    }

    /// <summary>
    /// An HTML page: a Sénat dossier législatif page, an amendment's page on the AN's old site, or a bill text of
    /// either chamber's site, kept under the file's name (the AN's uid for a /dyn/opendata/{uid}.html page).
    /// </summary>
    private static IReadOnlyList<WatchItem> ParseHtml(byte[] bytes, string name)
    {
        var html = TextDecoding.Decode(bytes);
        if (html.Contains("title-dosleg", StringComparison.Ordinal))
            return [SenatDossierPageParser.Parse(html, name)];
        // An amendment's page on the AN's old site has articles of the text it amends in its words, but is no text.
        if (html.Contains("NUM_AMTXT", StringComparison.Ordinal))
        {
            var page = new HtmlParser().ParseDocument(html);
            if (LegacyAmendment.IsPage(page)) return [LegacyAmendment.FromPage(page, name)];
        }
        var stem = Path.GetFileName(name.Split('!')[^1]).Split('.')[0];
        try
        {
            return [Texts.BillPage.From(Texts.TextVersionReader.Read(new MemoryStream(bytes, writable: false), name), stem)];
        }
        catch (Texts.TextFormatException e)
        {
            throw new ParseException(name, $"HTML page that is neither a Sénat dossier page nor a bill text: {e.Reason}", e);
        }
    }

    /// <summary>A Sénat Ameli export starts with its "sep=" line.</summary>
    private static bool IsSenatCsv(byte[] bytes, int start) =>
        bytes.AsSpan(start).StartsWith("sep="u8) || bytes.AsSpan(start).StartsWith("SEP="u8);

    /// <summary>
    /// XML by its root: a DILA TEXTE_VERSION (a JORF/LEGI text without its article files) or ARTICLE (one article,
    /// shown as a one-article text), a Sénat Akoma Ntoso bill, or an AN eliasse amendment. HTML pages and DTDs are refused by <see cref="CheckedXml"/>.
    /// </summary>
    private static IReadOnlyList<WatchItem> ParseXml(byte[] bytes, string name)
    {
        var document = CheckedXml.Load(new MemoryStream(bytes, writable: false), name);
        switch (Legifrance.DilaXmlReader.ReadOrNull(document, name, out var root))
        {
            case Legifrance.DilaTextVersion version:
                return [Legifrance.DilaTextAssembler.Assemble(version.Text, [])];
            case Legifrance.DilaArticle { Article: var article }:
                return [OneArticleText(article)];
        }
        // The AN's open data has an <amendement> too, in its namespace: eliasse's has none.
        if (document.Root!.Name == "amendement") return [LegacyAmendment.FromEliasse(document.Root, name)];
        if (root == "akomaNtoso")
        {
            var file = Path.GetFileName(name.Split('!')[^1]);
            var stem = file.EndsWith(".akn.xml", StringComparison.OrdinalIgnoreCase) ? file[..^8] : Path.GetFileNameWithoutExtension(file);
            try
            {
                return [SenatAknText.Read(bytes, stem, new Uri($"https://www.senat.fr/akomantoso/{Uri.EscapeDataString(stem)}.akn.xml"), null)];
            }
            catch (Texts.TextFormatException e)
            {
                throw new ParseException(name, e.Reason, e);
            }
        }
        throw new ParseException(name, $"XML document with root <{root}>: expected a DILA TEXTE_VERSION or ARTICLE, a Sénat Akoma Ntoso text or an AN eliasse amendment.");
    }

    /// <summary>One article (a DILA ARTICLE file, a PISTE article answer) shown as a one-article text.</summary>
    private static OfficialText OneArticleText(OfficialArticle article) => new()
    {
        Id = article.Id,
        Chamber = Chamber.JournalOfficiel,
        Url = article.Url,
        Nature = "ARTICLE",
        Origin = article.Origin,
        Cid = article.TextCid,
        ShortTitle = article.TextTitle is { } t ? $"{t}, article {article.Number}" : $"Article {article.Number}",
        State = article.State,
        InForceFrom = article.StartDate,
        InForceUntil = article.EndDate,
        Articles = [article],
        Citations = Legifrance.LawCitations.Extract(article.Content),
    };

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
            if (root.ValueKind != JsonValueKind.Object)
                throw new ParseException(name, $"JSON document of an unknown kind (a {root.ValueKind}, not an object).");
            return KindOf(root) switch
            {
                "amendement" => [AmendmentParser.Parse(bytes, name)],
                "reunion" => [.. AgendaParser.Parse(root, name).Points],
                "scrutin" => [VoteParser.Parse(root, name)],
                "dossierParlementaire" => [DossierParser.Parse(root, name)],
                "listArticle" or "article" => [.. Legifrance.PisteArticleParser.Parse(root, name).Select(OneArticleText)],
                "jorf" => [Legifrance.PisteJorfParser.Text(root, name)],
                _ => throw new ParseException(name,
                    "JSON document of an unknown kind (neither an AN \"amendement\", \"reunion\", \"scrutin\" or \"dossierParlementaire\", nor a PISTE article or Journal officiel text)."),
            };
        }
    }

    /// <summary>
    /// The dataset of an AN document: its root key in the dumps, or, for the bare object served per unit
    /// (<c>/dyn/opendata/{uid}.json</c>), its uid's prefix. A PISTE answer: an article (<c>getArticle</c>'s
    /// <c>article</c>, or <c>listArticle</c>), or a Journal officiel text (<c>consult/jorf</c>: a nature and its
    /// articles or sections).
    /// </summary>
    private static string? KindOf(JsonElement root)
    {
        foreach (var key in (ReadOnlySpan<string>)["amendement", "reunion", "scrutin", "dossierParlementaire"])
            if (root.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Object) return key;
        switch (AnJson.Str(root, "uid"))
        {
            case { } uid when uid.StartsWith("AMAN", StringComparison.Ordinal): return "amendement";
            case { } uid when uid.StartsWith("RU", StringComparison.Ordinal): return "reunion";
            case { } uid when uid.StartsWith("VT", StringComparison.Ordinal): return "scrutin";
            case { } uid when uid.StartsWith("DL", StringComparison.Ordinal): return "dossierParlementaire";
        }
        if (root.TryGetProperty("article", out var article) && article.ValueKind == JsonValueKind.Object) return "article";
        if (root.TryGetProperty("listArticle", out var list) && list.ValueKind == JsonValueKind.Array) return "listArticle";
        if (root.TryGetProperty("nature", out _) && (root.TryGetProperty("articles", out _) || root.TryGetProperty("sections", out _))) return "jorf";
        return null;
    }

    private static int FirstSignificantByte(byte[] bytes)
    {
        var i = bytes.Length - TextDecoding.WithoutBom(bytes).Length;
        for (; i < bytes.Length; i++)
            if (bytes[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return i;
        return -1;
    }
}
