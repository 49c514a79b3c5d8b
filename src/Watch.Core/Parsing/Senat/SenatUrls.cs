using System.Text.RegularExpressions;

namespace Watch.Parsing.Senat;

/// <summary>Absolute links and keys for www.senat.fr, whose files mix relative, protocol-relative and http links.</summary>
public static partial class SenatUrls
{
    public static readonly Uri Site = new("https://www.senat.fr/");

    /// <summary>
    /// Absolute https link: "/leg/pjl16-587.html" and "//www.senat.fr/…" are resolved against https://www.senat.fr;
    /// http://www.senat.fr links are upgraded to https (the site redirects); other sites are kept as given.
    /// Null for empty links and page anchors ("#timeline-1").
    /// </summary>
    public static string? Absolute(string? href, Uri? baseUri = null)
    {
        var h = href?.Trim();
        if (string.IsNullOrEmpty(h) || h.StartsWith('#') || h.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)) return null;
        if (!Uri.TryCreate(baseUri ?? Site, h, out var uri)) return null;
        if (uri.Scheme == Uri.UriSchemeHttp && uri.Host.EndsWith("senat.fr", StringComparison.OrdinalIgnoreCase))
            uri = new UriBuilder(uri) { Scheme = Uri.UriSchemeHttps, Port = -1 }.Uri;
        return uri.AbsoluteUri;
    }

    /// <summary>An amendment's page: commission amendments (COM-…) live under /amendements/commissions/.</summary>
    public static string AmendmentPage(string session, string textNumber, string baseNumber) =>
        IsCommissionAmendment(baseNumber)
            ? $"https://www.senat.fr/amendements/commissions/{session}/{textNumber}/Amdt_{baseNumber}.html"
            : $"https://www.senat.fr/amendements/{session}/{textNumber}/Amdt_{baseNumber}.html";

    /// <summary>
    /// A commission's amendment: « COM-47 », as the commission exports (<c>jeu_complet_commission_…</c>, links under
    /// /amendements/commissions/) number every row they hold. The export does not say which commission, nor when.
    /// </summary>
    public static bool IsCommissionAmendment(string number) => number.TrimStart().StartsWith("COM-", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads session, text number and amendment number from an amendment page link.</summary>
    public static bool TryParseAmendmentPage(string? url, out string session, out string textNumber, out string number)
    {
        var m = url is null ? Match.Empty : AmendmentPagePattern().Match(url);
        session = m.Success ? m.Groups["session"].Value : "";
        textNumber = m.Success ? m.Groups["text"].Value : "";
        number = m.Success ? m.Groups["num"].Value : "";
        return m.Success;
    }

    /// <summary>"COM-28 rect. bis" → "COM-28": the number without its rectification, stable across versions.</summary>
    public static string BaseNumber(string number)
    {
        var n = number.Trim();
        var i = n.IndexOf(" rect", StringComparison.OrdinalIgnoreCase);
        return i < 0 ? n : n[..i].Trim();
    }

    /// <summary>The signet a dossier page's link names (« …/dossier-legislatif/pjl22-220.html » → « pjl22-220 »), or null for another link.</summary>
    public static string? DossierSignet(string? url) =>
        url is not null && DossierPagePattern().Match(url) is { Success: true } m ? m.Groups["signet"].Value : null;

    [GeneratedRegex(@"/dossier-legislatif/(?<signet>[a-z]+[0-9a-z-]*)(?:\.html)?(?=$|[?#])", RegexOptions.IgnoreCase)]
    private static partial Regex DossierPagePattern();

    [GeneratedRegex(@"/amendements/(?:commissions/)?(?<session>\d{4}-\d{4})/(?<text>\d+)/Amdt_(?<num>[^/]+?)\.html", RegexOptions.IgnoreCase)]
    private static partial Regex AmendmentPagePattern();
}
