using Watch.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Watch.Domain;
using Watch.Parsing.Legifrance;
using Watch.Parsing.Senat;
using Watch.Parsing.Texts;

namespace Watch.Parsing.Senat;

/// <summary>
/// Turns one Sénat Akoma Ntoso file into a <see cref="LegislativeText"/>: the articles as the text parser reads
/// them, the FRBR aliases that link it to its dossier and to the Assemblée, the last workflow step and its own.
/// </summary>
public static partial class SenatAknText
{
    /// <param name="url">The file's official address (www.senat.fr), kept as the item's link when the file names no dossier page.</param>
    /// <exception cref="Parsing.ParseException">HTML served instead, a DTD, malformed or cut-off XML.</exception>
    /// <exception cref="TextFormatException">Well-formed XML that is not an Akoma Ntoso text with articles.</exception>
    public static LegislativeText Read(byte[] bytes, string name, Uri url, DateTimeOffset? lastModified)
    {
        var input = url.AbsoluteUri;
        var document = CheckedXml.Load(new MemoryStream(bytes, writable: false), input);
        if (document.Root?.Name.LocalName != "akomaNtoso")
            throw new TextFormatException(input, $"racine <{document.Root?.Name.LocalName}> : ce n'est pas un texte Akoma Ntoso.");
        var version = AkomaNtosoTextParser.Parse(document, input);
        string? Meta(string key) => version.Metadata.TryGetValue(key, out var v) && v.Trim().Length > 0 ? v.Trim() : null;

        var steps = Workflow(document);
        var (stage, stageDate) = LastStep(steps);
        var dossierUrl = SenatUrls.Absolute(Meta("url-senat"));
        var fullTitle = version.Title.Length > 0 ? version.Title : null;
        return new LegislativeText
        {
            Id = LegislativeText.SenatId(name),
            Chamber = Chamber.Senat,
            Url = dossierUrl ?? url.AbsoluteUri,
            Name = name,
            ShortTitle = Meta("intitule-court") ?? fullTitle ?? name,
            FullTitle = fullTitle,
            DossierSignet = Meta("signet-dossier-legislatif-senat"),
            DossierUrl = dossierUrl,
            AssembleeUrl = Meta("url-AN"),
            Stage = stage,
            StageDate = stageDate,
            WorkflowStep = OwnStep(steps, name),
            LastModified = lastModified,
            Articles = version.StoredArticles(),
        };
    }

    /// <summary>The &lt;step&gt;s of the workflow, in the order the file lists them, each with whether a Sénat organ took it.</summary>
    private static List<(XElement Step, bool BySenat)> Workflow(XDocument document)
    {
        // A step's "by" points at a TLCOrganization; the Sénat's and its commissions' sit under …/organizations/fr/senat.
        var senatOrgans = document.Descendants().Where(e => e.Name.LocalName == "TLCOrganization")
            .Where(o => ((string?)o.Attribute("href"))?.StartsWith("/akn/ontology/organizations/fr/senat", StringComparison.Ordinal) == true)
            .Select(o => "#" + (string?)o.Attribute("eId"))
            .ToHashSet(StringComparer.Ordinal);
        return document.Descendants().Where(e => e.Name.LocalName == "step")
            .Select(step => (step, senatOrgans.Contains((string?)step.Attribute("by") ?? "")))
            .ToList();
    }

    /// <summary>The latest dated &lt;step&gt; of the workflow (the last listed among equal dates): "adopté par le Sénat".</summary>
    private static (string? Outcome, DateOnly? Date) LastStep(List<(XElement Step, bool BySenat)> steps)
    {
        (string? Outcome, DateOnly? Date) last = (null, null);
        foreach (var (step, _) in steps)
        {
            var outcome = ((string?)step.Attribute("outcome"))?.Trim();
            if (string.IsNullOrEmpty(outcome)) continue;
            DateOnly? date = DateOnly.TryParseExact((string?)step.Attribute("date"), "yyyy-MM-dd", out var d) ? d : null;
            if (last.Outcome is null || date is null || last.Date is null || date >= last.Date) last = (outcome, date ?? last.Date);
        }
        return last;
    }

    /// <summary>
    /// Where the file stands in its dossier's workflow (1 = the first step): the step taken by the Sénat whose version
    /// link names this file (« /akn/fr/ppl/2024/TA21/fr@ » is tas24-021, « …/ppl/2023/756/fr@ » is ppl23-756),
    /// else the last step. The Sénat numbers its adopted texts (TA) apart from all its other documents, per session.
    /// </summary>
    private static int? OwnStep(List<(XElement Step, bool BySenat)> steps, string name)
    {
        if (steps.Count == 0) return null;
        var file = FileName().Match(name);
        for (var i = 0; file.Success && i < steps.Count; i++)
        {
            var link = VersionLink().Match((string?)steps[i].Step.Attribute("href") ?? "");
            if (steps[i].BySenat && link.Success
                && link.Groups["year"].Value[2..] == file.Groups["yy"].Value
                && link.Groups["ta"].Success == file.Groups["prefix"].Value.Equals("tas", StringComparison.OrdinalIgnoreCase)
                && int.Parse(link.Groups["num"].Value, CultureInfo.InvariantCulture) == int.Parse(file.Groups["num"].Value, CultureInfo.InvariantCulture))
                return i + 1;
        }
        return steps.Count;
    }

    [GeneratedRegex(@"^(?<prefix>[a-z]+)(?<yy>\d{2})-(?<num>\d{1,6})$", RegexOptions.IgnoreCase)]
    private static partial Regex FileName();

    [GeneratedRegex(@"^/akn/fr/[a-z]+/(?<year>\d{4})/(?<ta>TA)?(?<num>\d{1,6})/", RegexOptions.IgnoreCase)]
    private static partial Regex VersionLink();
}
