using Watch.Parsing;
using System.Xml.Linq;
using Watch.Domain;
using Watch.Parsing.Legifrance;
using Watch.Parsing.Senat;
using Watch.Parsing.Texts;

namespace Watch.Parsing.Senat;

/// <summary>
/// Turns one Sénat Akoma Ntoso file into a <see cref="LegislativeText"/>: the articles as the text parser reads
/// them, the FRBR aliases that link it to its dossier and to the Assemblée, and the last workflow step.
/// </summary>
public static class SenatAknText
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

        var (stage, stageDate) = LastStep(document);
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
            LastModified = lastModified,
            Articles = version.StoredArticles(),
        };
    }

    /// <summary>The latest dated &lt;step&gt; of the workflow (the last listed among equal dates): "adopté par le Sénat".</summary>
    private static (string? Outcome, DateOnly? Date) LastStep(XDocument document)
    {
        (string? Outcome, DateOnly? Date) last = (null, null);
        foreach (var step in document.Descendants().Where(e => e.Name.LocalName == "step"))
        {
            var outcome = ((string?)step.Attribute("outcome"))?.Trim();
            if (string.IsNullOrEmpty(outcome)) continue;
            DateOnly? date = DateOnly.TryParseExact((string?)step.Attribute("date"), "yyyy-MM-dd", out var d) ? d : null;
            if (last.Outcome is null || date is null || last.Date is null || date >= last.Date) last = (outcome, date ?? last.Date);
        }
        return last;
    }
}
