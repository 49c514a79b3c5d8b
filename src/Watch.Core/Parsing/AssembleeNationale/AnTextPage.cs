using Watch.Domain;
using Watch.Parsing.Texts;

namespace Watch.Parsing.AssembleeNationale;

/// <summary>
/// One bill text of the Assemblée as its site publishes it (<c>/dyn/opendata/{uid}.html</c>): the page read by
/// the text parser, kept as a <see cref="LegislativeText"/> under the text's uid, the identifier amendments
/// (<c>texteLegislatifRef</c>) and dossiers (<c>texteAssocie</c>, <c>texteAdopte</c>) use for it.
/// </summary>
public static class AnTextPage
{
    /// <exception cref="TextFormatException">Not an HTML bill page, or one without any article.</exception>
    public static LegislativeText Read(byte[] bytes, string uid, Uri url)
    {
        var version = TextVersionReader.Read(new MemoryStream(bytes, writable: false), url.AbsoluteUri);
        return From(version, uid, url);
    }

    /// <exception cref="TextFormatException">A version read from anything but an AN page.</exception>
    public static LegislativeText From(TextVersion version, string uid, Uri url)
    {
        if (version.Format is not TextFormat.AssembleeHtml)
            throw new TextFormatException(url.AbsoluteUri, $"attendu une page HTML de l'Assemblée nationale, reçu {version.Format}.");
        var title = version.Title.Length > 0 && version.Title != uid ? version.Title : uid;
        return new LegislativeText
        {
            Id = LegislativeText.AssembleeId(uid),
            Chamber = Chamber.AssembleeNationale,
            Url = url.AbsoluteUri,
            Name = uid,
            ShortTitle = title,
            FullTitle = title == uid ? null : title,
            Articles = version.StoredArticles(),
        };
    }
}
