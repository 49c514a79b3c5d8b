using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Watch.Domain;

/// <summary>
/// A dossier législatif of the Assemblée nationale (<c>DLR5L17N…</c>): the bill's title, its procedure and
/// every act of its path through both chambers, flattened in document order.
/// </summary>
public sealed partial record Dossier : WatchItem
{
    /// <summary>Whether a key is an AN dossier's id (« DLR5L17N50351 »).</summary>
    public static bool IsId(string key) => AnId().IsMatch(key);

    [GeneratedRegex(@"^DLR5L\d+N\d+$")]
    private static partial Regex AnId();

    public override ItemKind Kind => ItemKind.Dossier;
    public required Legislature Legislature { get; init; }
    /// <summary>The dossier's title (<c>titreDossier.titre</c>), e.g. "Ecole de la confiance".</summary>
    public required string Name { get; init; }

    /// <summary>The slug of the old AN dossier pages (<c>titreChemin</c>), e.g. "ecole_de_la_confiance".</summary>
    public string? TitlePath { get; init; }

    /// <summary>The Sénat's page for the same dossier (<c>senatChemin</c>), when the Sénat has seen it.</summary>
    public string? SenatUrl { get; init; }

    /// <summary>"Projet de loi ordinaire", "Proposition de loi ordinaire", "Projet de loi de finances"…</summary>
    public string? Procedure { get; init; }

    public required IReadOnlyList<DossierStep> Steps { get; init; }

    /// <summary>Every text the acts refer to (deposited, adopted, associated, promulgated), first seen first.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> TextRefs => Steps.SelectMany(s => s.TextRefs).Distinct().ToList();

    /// <summary>The publication of the law in the Journal officiel, once promulgated.</summary>
    [JsonIgnore]
    public DossierStep? Promulgation => Steps.LastOrDefault(s => s.Code == "PROM-PUB");

    /// <summary>
    /// The latest dated act (the last one listed among those of the same date). Document order is not
    /// chronological: the Sénat's rapporteur can be named before the bill reaches it.
    /// </summary>
    [JsonIgnore]
    public DossierStep? CurrentStep
    {
        get
        {
            DossierStep? current = null;
            foreach (var step in Steps)
                if (step.Date is { } date && (current is null || date >= current.Date)) current = step;
            return current;
        }
    }

    [JsonIgnore]
    public override string Title => Name;

    /// <summary>
    /// Where the dossier stands: « Décision : adopté (AN1-DEBATS-DEC) », « Promulgation d'une loi (PROM-PUB) ». Stored
    /// with each version, and read back by <see cref="ReadStatus"/> to tell the step a dossier left.
    /// </summary>
    [JsonIgnore]
    public override string? Status => CurrentStep is { } s
        ? s.Conclusion is { } c ? $"{s.Label} : {c} ({s.Code})" : $"{s.Label} ({s.Code})"
        : null;

    /// <summary>A <see cref="Status"/> back into its act's label, conclusion and code; null for any other text.</summary>
    public static (string Label, string? Conclusion, string Code)? ReadStatus(string status) =>
        StoredStatus().Match(status) is { Success: true } m
            ? (m.Groups["label"].Value, m.Groups["conclusion"].Success ? m.Groups["conclusion"].Value : null, m.Groups["code"].Value)
            : null;

    [GeneratedRegex(@"^(?<label>.*?)(?: : (?<conclusion>.*))? \((?<code>[A-Z0-9]+(?:-[A-Z0-9]+)*)\)$")]
    private static partial Regex StoredStatus();

    [JsonIgnore]
    public override IEnumerable<string> TrackingKeys => [Id, .. TextRefs];

    [JsonIgnore]
    public override IEnumerable<ItemField> Fields => [new(FieldNames.Title, Name)];
}

/// <summary>
/// One act of a dossier (<c>acteLegislatif</c>). Acts nest (AN1 → AN1-COM → AN1-COM-FOND → AN1-COM-FOND-RAPPORT);
/// <see cref="Depth"/> keeps the nesting after flattening, 0 being a reading (AN1, SN1, CMP, CC, PROM…).
/// Grouping acts carry no date; the dated leaves are the events.
/// </summary>
public sealed record DossierStep
{
    public required string Uid { get; init; }

    /// <summary>AN1-DEPOT, AN1-COM-FOND, AN1-DEBATS-DEC, SN1-DEPOT, CMP-DEC, CC-CONCLUSION, PROM-PUB…</summary>
    public required string Code { get; init; }

    public required string Label { get; init; }
    public required int Depth { get; init; }
    public DateTimeOffset? Date { get; init; }
    public string? OrganeRef { get; init; }

    /// <summary>The text this act deposits or reports on (<c>texteAssocie</c>).</summary>
    public string? TexteAssocie { get; init; }

    /// <summary>The text a commission adopted (<c>texteAdopte</c>), e.g. PRJLANR5L15BTC1629.</summary>
    public string? TexteAdopte { get; init; }

    /// <summary>Texts attached to a decision (<c>textesAssocies</c>), e.g. the texte adopté BTA.</summary>
    public IReadOnlyList<string> TextesAssocies { get; init; } = [];

    /// <summary>The promulgated text (<c>texteLoiRef</c>) of a PROM-PUB act.</summary>
    public string? TexteLoiRef { get; init; }

    /// <summary>The outcome of a decision act: "adopté", "modifié", "Accord", "Partiellement conforme"…</summary>
    public string? Conclusion { get; init; }

    public string? ReunionRef { get; init; }
    public IReadOnlyList<string> VoteRefs { get; init; } = [];

    /// <summary>The Conseil constitutionnel decision (<c>urlConclusion</c>) of a CC-CONCLUSION act.</summary>
    public string? DecisionUrl { get; init; }

    /// <summary>The law's number (<c>codeLoi</c>, e.g. "2019-791") and title of a PROM-PUB act.</summary>
    public string? LawNumber { get; init; }
    public string? LawTitle { get; init; }

    public JournalOfficielPublication? JournalOfficiel { get; init; }

    [JsonIgnore]
    public IEnumerable<string> TextRefs
    {
        get
        {
            if (TexteAssocie is not null) yield return TexteAssocie;
            if (TexteAdopte is not null) yield return TexteAdopte;
            foreach (var t in TextesAssocies) yield return t;
            if (TexteLoiRef is not null) yield return TexteLoiRef;
        }
    }
}

/// <summary>Where a promulgated law was published (<c>infoJO</c>).</summary>
public sealed record JournalOfficielPublication(string? Type, string? Number, DateOnly? Date, string? LegifranceUrl, string? Nor);
