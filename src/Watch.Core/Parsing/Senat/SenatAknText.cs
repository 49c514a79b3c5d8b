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
        var own = OwnStep(steps, name);
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
            WorkflowStep = own?.Index,
            DraftedBy = own?.Organ is { IsCommission: true } commission ? commission.Named : null,
            LastModified = lastModified,
            Articles = version.StoredArticles(),
        };
    }

    /// <summary>A Sénat organ a step names (its TLCOrganization): the Sénat itself, or one of its commissions.</summary>
    private sealed record SenatOrgan(string Href, string ShowAs)
    {
        public bool IsCommission => Href.StartsWith(SenatOrgans + "/commission", StringComparison.Ordinal) && ShowAs.Length > 0;

        /// <summary>« la commission des lois constitutionnelles, … », as a text drawn up by it is said to be.</summary>
        public string Named => $"la {char.ToLowerInvariant(ShowAs[0])}{ShowAs[1..]}";
    }

    private const string SenatOrgans = "/akn/ontology/organizations/fr/senat";

    /// <summary>The &lt;step&gt;s of the workflow, in the order the file lists them, each with the Sénat organ that took it (null: another).</summary>
    private static List<(XElement Step, SenatOrgan? Organ)> Workflow(XDocument document)
    {
        // A step's "by" points at a TLCOrganization; the Sénat's and its commissions' sit under …/organizations/fr/senat.
        var senatOrgans = document.Descendants().Where(e => e.Name.LocalName == "TLCOrganization")
            .Select(o => (Id: "#" + (string?)o.Attribute("eId"), Href: (string?)o.Attribute("href") ?? "", ShowAs: ((string?)o.Attribute("showAs"))?.Trim() ?? ""))
            .Where(o => o.Href.StartsWith(SenatOrgans, StringComparison.Ordinal))
            .GroupBy(o => o.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new SenatOrgan(g.First().Href, g.First().ShowAs), StringComparer.Ordinal);
        return document.Descendants().Where(e => e.Name.LocalName == "step")
            .Select(step => (step, senatOrgans.GetValueOrDefault((string?)step.Attribute("by") ?? "")))
            .ToList();
    }

    /// <summary>The latest dated &lt;step&gt; of the workflow (the last listed among equal dates): "adopté par le Sénat".</summary>
    private static (string? Outcome, DateOnly? Date) LastStep(List<(XElement Step, SenatOrgan? Organ)> steps)
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
    /// link names this file (« /akn/fr/ppl/2024/TA21/fr@ » is tas24-021, « …/ppl/2023/756/fr@ » is ppl23-756), with
    /// the organ that took it; else the last step, whose organ says nothing of this file. The Sénat numbers its
    /// adopted texts (TA) apart from all its other documents, per session.
    /// </summary>
    private static (int Index, SenatOrgan? Organ)? OwnStep(List<(XElement Step, SenatOrgan? Organ)> steps, string name)
    {
        if (steps.Count == 0) return null;
        var file = FileName().Match(name);
        for (var i = 0; file.Success && i < steps.Count; i++)
        {
            var link = VersionLink().Match((string?)steps[i].Step.Attribute("href") ?? "");
            if (steps[i].Organ is not null && link.Success
                && link.Groups["year"].Value[2..] == file.Groups["yy"].Value
                && link.Groups["ta"].Success == file.Groups["prefix"].Value.Equals("tas", StringComparison.OrdinalIgnoreCase)
                && int.Parse(link.Groups["num"].Value, CultureInfo.InvariantCulture) == int.Parse(file.Groups["num"].Value, CultureInfo.InvariantCulture))
                return (i + 1, steps[i].Organ);
        }
        return (steps.Count, null);
    }

    [GeneratedRegex(@"^(?<prefix>[a-z]+)(?<yy>\d{2})-(?<num>\d{1,6})$", RegexOptions.IgnoreCase)]
    private static partial Regex FileName();

    [GeneratedRegex(@"^/akn/fr/[a-z]+/(?<year>\d{4})/(?<ta>TA)?(?<num>\d{1,6})/", RegexOptions.IgnoreCase)]
    private static partial Regex VersionLink();
}
