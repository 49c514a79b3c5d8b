using System.Text.Json.Serialization;

namespace Watch.Domain;

/// <summary>
/// One version of a bill as a chamber publishes it: a Sénat Akoma Ntoso text (…/akomantoso/pjl22-220.akn.xml,
/// …/tas24-021.akn.xml), with its articles and the links the file gives to its dossier and to the Assemblée.
/// Id is <c>senat:texte:{name}</c> where name is the file's ("pjl22-220", "tas24-021").
/// </summary>
public sealed record LegislativeText : WatchItem
{
    public override ItemKind Kind => ItemKind.Text;

    /// <summary>The id of an Assemblée text by its uid (<c>PIONANR5L17BTC0636</c>), the name dossiers and amendments use for it.</summary>
    public static string AssembleeId(string uid) => $"an:texte:{uid}";

    /// <summary>The id of a Sénat text by its file name (<c>tas24-021</c>).</summary>
    public static string SenatId(string name) => $"senat:texte:{name}";

    /// <summary>The id of a text of <paramref name="chamber"/> by the name that chamber gives it.</summary>
    public static string IdOf(Chamber chamber, string name) => chamber == Chamber.Senat ? SenatId(name) : AssembleeId(name);

    /// <summary>The id of another text of the same chamber, by its <see cref="Name"/>.</summary>
    public string SiblingId(string name) => IdOf(Chamber, name);

    /// <summary>The file's name without extension: "pjl22-220" (bill, session 2022-2023, n° 220), "tas24-021" (texte adopté).</summary>
    public required string Name { get; init; }

    /// <summary>The short title (FRBRalias "intitule-court"), or the full title when there is none.</summary>
    public required string ShortTitle { get; init; }

    /// <summary>The document title (&lt;docTitle&gt;): "Proposition de loi tendant à renforcer…".</summary>
    public string? FullTitle { get; init; }

    /// <summary>The Sénat dossier signet (FRBRalias "signet-dossier-legislatif-senat"), e.g. "ppl23-756".</summary>
    public string? DossierSignet { get; init; }

    /// <summary>The dossier page on senat.fr (FRBRalias "url-senat").</summary>
    public string? DossierUrl { get; init; }

    /// <summary>The same dossier on the Assemblée nationale site (FRBRalias "url-AN").</summary>
    public string? AssembleeUrl { get; init; }

    /// <summary>
    /// Who drew the text up, as its AN page's cover says (« la commission mixte paritaire »), or the Sénat commission
    /// whose workflow step the file is (« la commission des lois constitutionnelles, … »: the text is then named « texte
    /// de la commission »); null when the text does not say.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DraftedBy { get; init; }

    /// <summary>The last step of the text's workflow ("adopté par le Sénat"), with its date.</summary>
    public string? Stage { get; init; }
    public DateOnly? StageDate { get; init; }

    /// <summary>
    /// Where a Sénat text stands in its dossier's workflow (1 = the first step), which orders the dossier's texts
    /// whatever order they are read in; null when the file has no workflow.
    /// </summary>
    public int? WorkflowStep { get; init; }

    /// <summary>When the Sénat's index last listed a change of the file (lastModifiedDateTime, Paris time).</summary>
    public DateTimeOffset? LastModified { get; init; }

    public required IReadOnlyList<LegislativeArticle> Articles { get; init; }

    [JsonIgnore]
    public override string Title => ShortTitle;

    [JsonIgnore]
    public override string? Status => Stage;

    /// <summary>The text's own articles: a changed alinéa is a new version worth an event; the index date is not.</summary>
    [JsonIgnore]
    public override string Substance =>
        string.Join("\n\n", Articles.Select(a => $"{a.Label}\n{a.Text}"));

    /// <summary>
    /// How its amendments name it (<see cref="Amendment.TextRef"/>), and so the text part of its articles' keys: the AN's
    /// uid is its name; a Sénat bill is named by session and number (« pjl17-583 » → « senat:2017-2018:583 »).
    /// </summary>
    [JsonIgnore]
    public string AmendedAs => Chamber == Chamber.Senat && SenatTextNumber.TryParse(Name, out var bill) ? bill.Key : Name;

    [JsonIgnore]
    public override IEnumerable<string> TrackingKeys =>
        new[] { Id, Name, AmendedAs, DossierSignet, DossierSignet is null ? null : SenatDossier.IdOf(DossierSignet) }
            .Where(k => !string.IsNullOrEmpty(k)).Distinct()!;

    [JsonIgnore]
    public override IEnumerable<ItemField> Fields =>
    [
        new(FieldNames.Title, FullTitle is null || FullTitle == ShortTitle ? ShortTitle : $"{ShortTitle}\n{FullTitle}"),
        new(FieldNames.Body, string.Join("\n", Articles.Select(a => a.Text).Where(t => t.Length > 0))),
    ];
}

/// <summary>
/// One article of a <see cref="LegislativeText"/>: its number as normalised by the text parsers ("1", "7 bis"),
/// the headings above it, the mark printed next to it ("nouveau", "Supprimé") and its alinéas, one per line.
/// </summary>
public sealed record LegislativeArticle(string Number, string Label, IReadOnlyList<string> SectionPath, string? Mark, string Text);
