using System.Globalization;

namespace Watch.Sources.AssembleeNationale;

/// <summary>
/// Where the Assemblée nationale's open-data dumps are (data.assemblee-nationale.fr), and the limits applied
/// to them. Paths are relative to <see cref="BaseUrl"/>; <c>{legislature}</c> is replaced by <see cref="Legislature"/>.
/// </summary>
public sealed class AnOpenDataOptions
{
    public const string Section = "Sources:AssembleeNationale:OpenData";

    /// <summary>Root of the repository of dumps (a loopback server in tests).</summary>
    public Uri BaseUrl { get; set; } = new("https://data.assemblee-nationale.fr/static/openData/repository/");

    public int Legislature { get; set; } = 17;

    public string DossiersPath { get; set; } = "{legislature}/loi/dossiers_legislatifs/Dossiers_Legislatifs.json.zip";
    public string AgendaPath { get; set; } = "{legislature}/vp/reunions/Agenda.json.zip";
    public string ScrutinsPath { get; set; } = "{legislature}/loi/scrutins/Scrutins.json.zip";
    public string AmendmentsPath { get; set; } = "{legislature}/loi/amendements_div_legis/Amendements.json.zip";

    /// <summary>Largest archive downloaded (streamed to a temporary file); the whole legislature's amendments are a few hundred MB.</summary>
    public long MaxArchiveBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Largest single entry read; the biggest AN objects (long dossiers, votes with every name) are well under 1 MB.</summary>
    public long MaxEntryBytes { get; set; } = 16 * 1024 * 1024;

    public Uri Url(string path)
    {
        // Without the trailing slash, a relative path would replace the base's last segment.
        var root = BaseUrl.AbsoluteUri.EndsWith('/') ? BaseUrl : new Uri(BaseUrl.AbsoluteUri + "/");
        return new Uri(root, path.Replace("{legislature}", Legislature.ToString(CultureInfo.InvariantCulture)));
    }
}
