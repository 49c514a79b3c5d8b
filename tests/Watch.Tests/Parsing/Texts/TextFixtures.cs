using Watch.Domain;
using Watch.Parsing.Texts;

namespace Watch.Tests.Parsing.Texts;

/// <summary>Real recorded bill texts copied under fixtures/ (see /work/shared/fixtures/README.md for provenance).</summary>
internal static class TextFixtures
{
    /// <summary>
    /// Under the tests' fixtures/, or under the host's replay/ for the two AN bill pages that
    /// <c>watch bench diff</c> also reads: they are kept once, there.
    /// </summary>
    public static string PathOf(string relative)
    {
        var fixture = Path.Combine([AppContext.BaseDirectory, "fixtures", .. relative.Split('/')]);
        return File.Exists(fixture) ? fixture : Path.Combine([AppContext.BaseDirectory, "replay", .. relative.Split('/')]);
    }

    public static TextVersion Read(string relative) => TextVersionReader.Read(PathOf(relative));

    /// <summary>A recorded text as the AN's open data would name it, under <paramref name="name"/> (its uid).</summary>
    public static LegislativeText AsAssemblee(TextVersion version, string name) => new()
    {
        Id = LegislativeText.AssembleeId(name),
        Chamber = Chamber.AssembleeNationale,
        Url = $"https://www.assemblee-nationale.fr/dyn/opendata/{name}.html",
        Name = name,
        ShortTitle = version.Title.Length > 0 ? version.Title : name,
        Articles = version.StoredArticles(),
    };

    public const string Pion1890 = "an/textes/pion1890.asp.html";
    public const string Ta0376 = "an/textes/ta0376.asp.html";
    public const string Pl0269 = "an/textes/pl0269.html";
    public const string R0575 = "an/textes/r0575-a0.html";
    /// <summary>The LOPPSI 2 bill as filed (AN n° 1697, 2009): its last articles, signature and rapport annexé, in verbatim slices.</summary>
    public const string Pl1697Excerpt = "an/textes/pl1697-excerpt.asp.html";
    public const string Pjl17063 = "senat/textes/pjl17-063.html";
    /// <summary>The current AN page format (/dyn/opendata/{uid}.html): CMP text, trimmed to five articles by its recorder.</summary>
    public const string Prjlan3046 = "an/dyn-opendata/PRJLANR5L17BTC3046.html";
    public const string Tas24021 = "senat/akn/tas24-021.akn.xml";
    public const string LawFactoryDir = "an/lawfactory-derived/ppl11-290/";
    public const string Step0 = LawFactoryDir + "00_1erelecture_assemblee_depot.texte.json";
    public const string Step1 = LawFactoryDir + "01_1erelecture_assemblee_commission.texte.json";
    public const string Step2 = LawFactoryDir + "02_1erelecture_assemblee_hemicycle.texte.json";
    public const string Step3 = LawFactoryDir + "03_1erelecture_senat_depot.texte.json";
}
