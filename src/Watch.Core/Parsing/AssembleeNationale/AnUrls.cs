using System.Text.RegularExpressions;
using Watch.Domain;

namespace Watch.Parsing.AssembleeNationale;

/// <summary>
/// Public pages of the Assemblée nationale site for open-data identifiers. The AN has no public page per
/// agenda meeting (<c>/dyn/17/reunions/{uid}</c> answers 404), so agenda items link to their dossier.
/// </summary>
public static partial class AnUrls
{
    private const string Root = "https://www.assemblee-nationale.fr";
    private const string Site = Root + "/dyn";

    /// <summary>
    /// A dossier's page, under the legislature its uid encodes (<c>DLR5L16N49176</c> → 16), which is the one
    /// the AN site files it under even while a later legislature examines it.
    /// </summary>
    public static string Dossier(string dossierUid, Legislature fallback) =>
        $"{Site}/{Legislature.OfUid(dossierUid) ?? fallback}/dossiers/{dossierUid}";

    public static string Amendment(Legislature legislature, string uid) => $"{Site}/{legislature}/amendements/{uid}";

    /// <summary>A page of the old site by its path (« /14/amendements/0996/CION_LOIS/CL4.asp »), as its own links give it.</summary>
    public static string OldSite(string path) => new Uri(new Uri(Root), path).AbsoluteUri;

    public static string Scrutin(Legislature legislature, int number) => $"{Site}/{legislature}/scrutins/{number}";

    public static string Organe(Legislature legislature, string organeRef) => $"{Site}/{legislature}/organes/{organeRef}";

    /// <summary>The AN's open-data JSON of one object (the bare form the parsers also accept).</summary>
    public static string OpenData(string uid) => $"{Site}/opendata/{uid}.json";

    /// <summary>
    /// The name a dossier link of the old site ends with: the dossier's uid (<c>…/17/dossiers/DLR5L17N50351.asp</c>)
    /// or, for older dossiers, its slug (<c>…/15/dossiers/securite_interieure_lutte_terrorisme.asp</c>), whatever anchor
    /// follows it (<c>transparence_vie_publique_pjl.asp#vie_publique_transparence</c>); null for another link.
    /// </summary>
    public static string? DossierPageName(string? url) =>
        url is not null && DossierPagePattern().Match(url) is { Success: true } m ? m.Groups["name"].Value : null;

    [GeneratedRegex(@"/dossiers/(?<name>[A-Za-z0-9_]+)(?:\.asp)?/?(?:[?#].*)?$")]
    private static partial Regex DossierPagePattern();

}
