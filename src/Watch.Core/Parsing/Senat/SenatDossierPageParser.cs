using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Watch.Domain;

namespace Watch.Parsing.Senat;

/// <summary>
/// Reads a Sénat dossier législatif page (<c>https://www.senat.fr/dossier-legislatif/{signet}.html</c>): name and
/// title, the "Objet du texte" box, the feed link, the Assemblée's dossier link, and the timeline, each step with
/// the documents listed under it. Pages declare iso-8859-1 but are sometimes UTF-8: bytes go through
/// <see cref="TextDecoding"/>, never through the declared charset.
/// </summary>
public static partial class SenatDossierPageParser
{
    public static SenatDossier Parse(Stream html, string input)
    {
        using var copy = new MemoryStream();
        html.CopyTo(copy);
        return Parse(TextDecoding.Decode(copy.GetBuffer().AsSpan(0, (int)copy.Length)), input);
    }

    public static SenatDossier Parse(string html, string input)
    {
        var doc = new HtmlParser().ParseDocument(html);
        var name = Clean(doc.QuerySelector("h1.title-dosleg")?.TextContent)
            ?? throw new ParseException(input, "no <h1 class=\"title-dosleg\">: not a Sénat dossier législatif page.");

        var feed = doc.QuerySelector("link[rel=alternate][type='application/atom+xml']")?.GetAttribute("href")
            ?? doc.QuerySelector("a.link-rss")?.GetAttribute("href");
        var signet = Signet(doc, feed, input)
            ?? throw new ParseException(input, "the page names no dossier signet (feed link, contact subject or file name).");

        var (longTitle, procedure) = Subtitle(doc.QuerySelector("h2.subtitle-01"));
        // A promulgated law's page lists under its title the law, the Conseil constitutionnel's decision and the
        // procedure (« Procédure accélérée engagée par le Gouvernement le 24 avril 2013 »), which is then not in the title.
        var facts = doc.QuerySelectorAll("h2.subtitle-01 + ul.list-disc-03 > li").Select(li => Clean(li.TextContent)).OfType<string>().ToList();
        procedure ??= facts.FirstOrDefault(f => f.StartsWith("Procédure accélérée", StringComparison.OrdinalIgnoreCase));
        var timeline = doc.QuerySelector("#box-timeline");

        return new SenatDossier
        {
            Id = SenatDossier.IdOf(signet),
            Chamber = Chamber.Senat,
            Url = $"https://www.senat.fr/dossier-legislatif/{signet}.html",
            Signet = signet,
            Name = name,
            LongTitle = longTitle,
            Procedure = procedure,
            LawNumber = facts.Select(f => PromulgatedLaw().Match(f)).FirstOrDefault(m => m.Success)?.Groups["n"].Value,
            Summary = Summary(doc),
            FeedUrl = SenatUrls.Absolute(feed),
            AssembleeDossierUrl = doc.QuerySelectorAll("a[href*='assemblee-nationale.fr']")
                .Select(a => a.GetAttribute("href")).FirstOrDefault(h => h is not null && h.Contains("/dossiers/", StringComparison.Ordinal)),
            JorfTextIds = (timeline?.QuerySelectorAll("a[href]") ?? Enumerable.Empty<IElement>())
                .Select(a => JorfText().Match(a.GetAttribute("href")!)).Where(m => m.Success).Select(m => m.Value).Distinct().ToList(),
            Steps = Steps(doc, timeline),
            GeneratedOn = Generated().Match(doc.Body?.TextContent ?? "") is { Success: true } g ? FrenchDates.Parse(g.Groups["date"].Value) : null,
        };
    }

    private static string? Signet(IDocument doc, string? feed, string input)
    {
        if (feed is not null && FeedSignet().Match(feed) is { Success: true } f) return f.Groups["s"].Value;
        foreach (var a in doc.QuerySelectorAll("a[href^='mailto:']"))
            if (MailSignet().Match(a.GetAttribute("href")!) is { Success: true } m) return m.Groups["s"].Value;
        return FileSignet().Match(input) is { Success: true } n ? n.Groups["s"].Value : null;
    }

    /// <summary>"Projet de loi renforçant…&amp;nbsp;:&lt;br&gt;&lt;small&gt;procédure accélérée…&lt;/small&gt;".</summary>
    private static (string? Title, string? Procedure) Subtitle(IElement? h2)
    {
        if (h2 is null) return (null, null);
        var small = h2.QuerySelector("small");
        var procedure = Clean(small?.TextContent);
        var title = Clean(string.Concat(h2.ChildNodes.Where(n => n != small).Select(n => n.TextContent)));
        return (title?.TrimEnd(':', ' ', '\u00A0').Trim(), procedure);
    }

    /// <summary>The "Objet du texte" box without its heading and its press link.</summary>
    private static string? Summary(IDocument doc)
    {
        var box = doc.QuerySelector("#main .scroll");
        if (box is null) return null;
        var clone = (IElement)box.Clone(deep: true);
        foreach (var h in clone.QuerySelectorAll("h3").ToList()) h.Remove();
        foreach (var a in clone.QuerySelectorAll("a[href*='espace_presse']").ToList())
            (a.ParentElement is { } p && p != clone && p.TextContent.Trim() == a.TextContent.Trim() ? p : a).Remove();
        return Clean(HtmlText.ToPlainText(clone.InnerHtml), keepLines: true);
    }

    /// <summary>
    /// The timeline strip (#block-timeline) names each step ("22 juin 2017 | 1ère lecture - Sénat") and links the
    /// steps already reached to their block (#timeline-N) in #box-timeline, which lists the documents.
    /// Only a reading's first step names its chamber; the steps after it (« 1ère lecture - travaux de commission »)
    /// would read as the Sénat's wherever the page is the Sénat's, so they take it: « 1ère lecture - Assemblée -
    /// travaux de commission ».
    /// </summary>
    private static List<SenatDossierStep> Steps(IDocument doc, IElement? timeline)
    {
        var steps = new List<SenatDossierStep>();
        (string Reading, string Opening)? chamber = null;
        foreach (var a in doc.QuerySelectorAll("#block-timeline ul.list-timeline li a[title]"))
        {
            var parts = a.GetAttribute("title")!.Split('|', StringSplitOptions.TrimEntries);
            var date = FrenchDates.Parse(parts[0]);
            var label = string.Join(" - ", (date is null ? parts : parts[1..]).Where(p => p.Length > 0));
            if (ChamberStep().Match(label) is { Success: true } opening)
                chamber = (opening.Groups["reading"].Value, label);
            else if (chamber is { } c && label.StartsWith(c.Reading, StringComparison.Ordinal))
                label = $"{c.Opening} - {label[c.Reading.Length..]}";
            var anchor = a.GetAttribute("href");
            var done = anchor is not null && anchor.StartsWith("#timeline-", StringComparison.Ordinal);
            var block = done ? timeline?.QuerySelector(anchor!) : null;
            steps.Add(new SenatDossierStep(label, date, done, block is null ? [] : Documents(block)));
        }
        return steps;
    }

    /// <summary>The innermost list items of a step: one per document, with its first real link.</summary>
    private static List<SenatDossierDocument> Documents(IElement block) =>
        block.QuerySelectorAll("li")
            .Where(li => li.QuerySelector("li") is null)
            .Select(li => new SenatDossierDocument(
                Clean(li.TextContent) ?? "",
                SenatUrls.Absolute(li.QuerySelectorAll("a[href]").Select(x => x.GetAttribute("href")).FirstOrDefault(h => h is not null && !h.StartsWith('#')))))
            .Where(d => d.Text.Length > 0)
            .ToList();

    internal static string? Clean(string? s, bool keepLines = false)
    {
        if (s is null) return null;
        var t = s.Replace('\u00A0', ' ');
        t = keepLines ? Regex.Replace(t, @"[ \t\r]+", " ") : Regex.Replace(t, @"\s+", " ");
        t = t.Trim();
        return t.Length == 0 ? null : t;
    }

    /// <summary>« Loi n° 2013-906  du 11 octobre 2013 », « Loi organique n° 2015-911 du 24 juillet 2015 ».</summary>
    [GeneratedRegex(@"^Loi(?: organique)? n°\s*(?<n>\d{4}-\d+)\b")]
    private static partial Regex PromulgatedLaw();

    [GeneratedRegex(@"dosleg(?<s>[a-z]+[0-9a-z-]*?)\.(?:xml|rss)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FeedSignet();

    [GeneratedRegex(@"\((?<s>[a-z]+\d{2}-\d+)\)", RegexOptions.IgnoreCase)]
    private static partial Regex MailSignet();

    [GeneratedRegex(@"(?<s>[a-z]+\d{2}-\d+)(?:\.html)?$", RegexOptions.IgnoreCase)]
    private static partial Regex FileSignet();

    /// <summary>« 1ère lecture - Assemblée », « nouv. lect. - Sénat »; the reading with its « - ».</summary>
    [GeneratedRegex(@"^(?<reading>.+ - )(?:Sénat|Assemblée)$")]
    private static partial Regex ChamberStep();

    [GeneratedRegex(@"JORFTEXT\d{12}")]
    private static partial Regex JorfText();

    [GeneratedRegex(@"Cette page a été générée le (?<date>\d{1,2}(?:er)? \p{L}+ \d{4})")]
    private static partial Regex Generated();
}

/// <summary>French dates as the Sénat prints them: "22 juin 2017", "1er juillet 2013", "4, 5 et 6 juin 2019" (first day).</summary>
public static partial class FrenchDates
{
    private static readonly string[] Months =
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

    public static DateOnly? Parse(string? text)
    {
        if (text is null) return null;
        var m = Pattern().Match(text.Replace('\u00A0', ' '));
        if (!m.Success) return null;
        var month = Array.IndexOf(Months, m.Groups["month"].Value.ToLowerInvariant().Replace("fevrier", "février").Replace("aout", "août").Replace("decembre", "décembre")) + 1;
        var day = int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture);
        var year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
        return month > 0 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    [GeneratedRegex(@"\b(?<day>\d{1,2})(?:er)?(?:\s*(?:,|et)\s*\d{1,2})*\s+(?<month>janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre)\s+(?<year>\d{4})\b", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
