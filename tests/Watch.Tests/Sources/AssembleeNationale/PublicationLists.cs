using System.Text;

namespace Watch.Tests.Sources.AssembleeNationale;

/// <summary>The AN's daily publication list as a loopback site serves it to the amendments and texts sources.</summary>
internal static class PublicationLists
{
    /// <summary>Today in Paris, the day of the list the sources read first.</summary>
    public static string Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime).ToString("yyyy-MM-dd");

    /// <summary>Today's list, its <c>date;URL</c> lines pointing at each file's XML as on the real lists (here, on the site).</summary>
    public static void Announce(LoopbackSite site, params string[] uids) => site.Serve($"dyn/opendata/list-publication/publication_{Today}",
        Encoding.UTF8.GetBytes(string.Concat(uids.Select(uid => $"{Today}T08:00:00;{new Uri(site.BaseUrl, $"dyn/opendata/{uid}.xml")}\n"))), "text/plain");
}
