using AngleSharp.Html.Parser;

namespace Watch.Parsing.Senat;

/// <summary>
/// One dossier listed on "Liste chronologique des textes récents"
/// (<c>https://www.senat.fr/dossiers-legislatifs/textes-recents.html</c>). <see cref="Date"/> is the date the
/// page files it under: the sitting day for <see cref="UpcomingSitting"/> entries (first day of "4, 5 et 6 juin"),
/// the dossier's last change otherwise. <see cref="Tentative"/> is the page's "(éventuellement)".
/// </summary>
public sealed record SenatRecentText(string Title, string Signet, string Url, DateOnly? Date, string DateLabel, bool UpcomingSitting, bool Tentative);

public static class SenatRecentTextsParser
{
    public static IReadOnlyList<SenatRecentText> Parse(Stream html, string input)
    {
        using var copy = new MemoryStream();
        html.CopyTo(copy);
        return Parse(TextDecoding.Decode(copy.GetBuffer().AsSpan(0, (int)copy.Length)), input);
    }

    public static IReadOnlyList<SenatRecentText> Parse(string html, string input)
    {
        var doc = new HtmlParser().ParseDocument(html);
        var result = new List<SenatRecentText>();
        var sections = doc.QuerySelectorAll("h2.title-02").Where(h => h.NextElementSibling?.LocalName == "ul").ToList();
        if (sections.Count == 0) throw new ParseException(input, "no dated list under an <h2 class=\"title-02\">: not the Sénat's recent texts page.");

        foreach (var h2 in sections)
        {
            var upcoming = h2.TextContent.Contains("prochainement", StringComparison.OrdinalIgnoreCase);
            foreach (var day in h2.NextElementSibling!.Children.Where(c => c.LocalName == "li"))
            {
                var label = SenatDossierPageParser.Clean(string.Concat(day.ChildNodes.TakeWhile(n => n is not AngleSharp.Dom.IElement { LocalName: "ul" }).Select(n => n.TextContent))) ?? "";
                var date = FrenchDates.Parse(label);
                foreach (var li in day.QuerySelectorAll("li"))
                {
                    var a = li.QuerySelector("a[href*='/dossier-legislatif/']");
                    if (a is null || SenatUrls.DossierSignet(a.GetAttribute("href")) is not { } signet) continue;
                    result.Add(new SenatRecentText(
                        SenatDossierPageParser.Clean(a.TextContent) ?? "",
                        signet,
                        SenatUrls.Absolute(a.GetAttribute("href"))!,
                        date, label, upcoming,
                        li.TextContent.Contains("éventuellement", StringComparison.OrdinalIgnoreCase)));
                }
            }
        }
        return result;
    }
}
