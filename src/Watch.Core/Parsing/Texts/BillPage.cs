using Watch.Domain;

namespace Watch.Parsing.Texts;

/// <summary>
/// A bill text as either chamber's site publishes it in HTML (the Assemblée's <c>/dyn/opendata/{uid}.html</c> and
/// old <c>.asp</c> pages, the Sénat's <c>/leg/…html</c>), kept as a <see cref="LegislativeText"/> under the name its
/// chamber gives it: the AN uid amendments (<c>texteLegislatifRef</c>) and dossiers (<c>texteAssocie</c>) use, the
/// Sénat's file name.
/// </summary>
public static class BillPage
{
    /// <param name="expected">The chamber whose page this must be, when the caller knows it.</param>
    /// <exception cref="TextFormatException">Not an HTML bill page, one without any article, or another chamber's.</exception>
    public static LegislativeText Read(byte[] bytes, string name, Uri url, Chamber? expected = null)
    {
        var version = TextVersionReader.Read(new MemoryStream(bytes, writable: false), url.AbsoluteUri);
        var text = From(version, name, url);
        return expected is null || text.Chamber == expected
            ? text
            : throw new TextFormatException(url.AbsoluteUri, $"attendu une page {Of(expected.Value)}, reçu une page {Of(text.Chamber)}.");
    }

    /// <param name="url">The page's address; by default the chamber's public address for <paramref name="name"/>.</param>
    /// <exception cref="TextFormatException">A version read from anything but a chamber's HTML page.</exception>
    public static LegislativeText From(TextVersion version, string name, Uri? url = null)
    {
        var chamber = version.Format switch
        {
            TextFormat.AssembleeHtml => Chamber.AssembleeNationale,
            TextFormat.SenatHtml => Chamber.Senat,
            _ => throw new TextFormatException(version.Source, $"attendu une page HTML de l'Assemblée nationale ou du Sénat, reçu {version.Format}."),
        };
        url ??= chamber == Chamber.Senat
            ? new Uri($"https://www.senat.fr/leg/{Uri.EscapeDataString(name)}.html")
            : new Uri($"https://www.assemblee-nationale.fr/dyn/opendata/{Uri.EscapeDataString(name)}.html");
        // The AN's current pages are titled with their uid only; the parser then found the title on the cover.
        var title = version.Title.Length > 0 && version.Title != name ? version.Title : name;
        return new LegislativeText
        {
            Id = LegislativeText.IdOf(chamber, name),
            Chamber = chamber,
            Url = url.AbsoluteUri,
            Name = name,
            ShortTitle = title,
            FullTitle = title == name ? null : title,
            DraftedBy = version.DraftedBy,
            Articles = version.StoredArticles(),
        };
    }

    private static string Of(Chamber chamber) => chamber == Chamber.Senat ? "du Sénat" : "de l'Assemblée nationale";
}
