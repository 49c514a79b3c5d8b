using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Watch.Domain;

/// <summary>An amendment (AN open data or Sénat Ameli), as filed and as its fate is decided.</summary>
public sealed partial record Amendment : WatchItem
{
    public override ItemKind Kind => ItemKind.Amendment;
    public required string Number { get; init; }
    public required string TextRef { get; init; }
    public string? ExaminationRef { get; init; }
    public string? ParentRef { get; init; }
    public ArticleRef? Article { get; init; }
    public required string Authors { get; init; }
    public string? AuthorType { get; init; }
    public string? GroupRef { get; init; }
    public required string Dispositif { get; init; }

    /// <summary>
    /// For a budget « credit » amendment, whose text is a table of programmes: the change it makes to each programme
    /// of the table, in its order (unchanged ones included). Null for any other amendment, and then left out of the
    /// stored payload, whose hash tells whether an item changed. <see cref="Dispositif"/> keeps the programmes' labels.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ProgrammeCredit>? Credits { get; init; }

    public required string ExposeSommaire { get; init; }
    public required string State { get; init; }
    public string? SubState { get; init; }
    public string? Sort { get; init; }
    public DateOnly? DepositDate { get; init; }
    public DateOnly? PublicationDate { get; init; }
    public DateTimeOffset? DecisionDate { get; init; }

    /// <summary>
    /// A Sénat amendment's dossier (« pjl22-220 »), as its text's discussion list names it: whoever follows the
    /// dossier follows its amendments on every text. An AN amendment's dossier is known by its text instead.
    /// </summary>
    public string? DossierSignet { get; init; }

    /// <summary>
    /// Where the amendment stands in its life: the <c>sort</c> once decided, otherwise the state when
    /// the state itself is final (irrecevable, retiré), otherwise "Déposé".
    /// </summary>
    [JsonIgnore]
    public override string Status => AmendmentStatus.Of(this);

    [JsonIgnore]
    public override string Substance => Dispositif;

    /// <summary>
    /// « Amendement n° 85 », « Sous-amendement n° 1023 à l'amendement n° 769 » (or without the parent's number when
    /// it cannot be told), « Amendement COM-47 » at the Sénat.
    /// </summary>
    [JsonIgnore]
    public override string Title =>
        Chamber == Chamber.Senat ? $"Amendement {Number}"
        : ParentRef is null ? $"Amendement n° {Number}"
        : ParentNumber is { } parent ? $"Sous-amendement n° {Number} à l'amendement n° {parent}"
        : $"Sous-amendement n° {Number}";

    /// <summary>
    /// The number of the amendment a sub-amendment amends, as displayed (« 769 », « CE555 »), which its file does not
    /// give: an AN amendment's number is its series' prefix (« CL », « II- », none in séance) then its uid's N-number,
    /// and a sub-amendment is in its parent's series. Checked on the 17th legislature's corpus: all 26,257 numbers
    /// follow it (a « (Rect) » mark aside), all 1,870 sub-amendments' parents are in their series, and it gives the
    /// number of each of the 1,692 parents present (73 of them rectified: « CE555 (Rect) » is n° CE555). Null when
    /// this amendment's own number does not follow the rule or the parent is in another series. An amendment from before
    /// the open data names its parent by number (<see cref="AnLegacyText"/>).
    /// </summary>
    [JsonIgnore]
    public string? ParentNumber =>
        ParentRef is { } legacy && AnLegacyText.AmendmentNumber(legacy) is { } number ? number
        : ParentRef is { } parentRef && AmendmentId.TryParse(Id, out var own) && AmendmentId.TryParse(parentRef, out var parent)
        && own!.Series == parent!.Series && SeriesNumber().Match(Number) is { Success: true } m
        && long.TryParse(m.Groups["order"].Value, out var order) && order == own.Order
            ? m.Groups["prefix"].Value + parent.Order.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : null;

    /// <summary>
    /// The AN organ that examines the amendment (PO838901, the séance publique of the 17th legislature; PO59051, the
    /// commission des lois), when its <c>examenRef</c> (« EXANR5L17PO59051B0134P0D1 ») and its uid name the same
    /// one. They disagree in 1,345 of the 26,257 recorded files of the 17th legislature, e.g. a special commission's
    /// amendments (CS1, uid PO849474…) whose examenRef names the commission des affaires économiques (PO419610):
    /// then no organ is known. Null for the Sénat.
    /// </summary>
    [JsonIgnore]
    public string? ExaminingOrgan =>
        ExaminationRef is { } exam && ExaminationOrgan().Match(exam) is { Success: true } m
        && AmendmentId.TryParse(Id, out var id) && id!.Organ == m.Groups["organ"].Value
            ? id.Organ
            : null;

    [JsonIgnore]
    public bool IsDecided => Status != AmendmentStatus.Filed;

    [JsonIgnore]
    public override IEnumerable<string> TrackingKeys =>
    [
        Id, TextRef, .. AmendedKeys,
        .. DossierSignet is { } signet ? [signet, SenatDossier.IdOf(signet)] : Array.Empty<string>(),
    ];

    /// <summary>
    /// The keys of what it amends: its article (« PIONANR5L17B0134#7 »), and the text's annex too when it amends one
    /// (« PRJLANR5L17BTC1573#1 » and « …#annexe » for its rapport annexé); none when no article is named.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<string> AmendedKeys => Article is { Number: { } number } article
        ? [ArticleRef.Key(TextRef, number), .. article.TextAnnex is { } annex ? [ArticleRef.Key(TextRef, annex)] : Array.Empty<string>()]
        : [];

    /// <summary>
    /// How a public vote on it names it (<see cref="Vote.AmendmentKeys"/>): by its number on the text its séance examined,
    /// in its délibération, before its organ. Its uid holds the organ and the délibération, and its <see cref="TextRef"/>
    /// the text: the uid's own text part is another text's in a seconde délibération (« …B1573P0D2N000003 » amends
    /// PRJLANR5L17BTC1573). The number is the one displayed, its rectification mark aside: a series' prefix (« CL12 »,
    /// a finance bill part's « I-2194 ») keeps it apart from the séance's bare numbers, which votes name. Null for the
    /// Sénat, whose votes Watch does not read.
    /// </summary>
    [JsonIgnore]
    public string? VotedAs => AmendmentId.TryParse(Id, out var id) && SeriesNumber().Match(Number) is { Success: true } m
        ? VoteKey(TextRef, id.Organ, id.Deliberation, m.Groups["prefix"].Value + m.Groups["order"].Value)
        : null;

    /// <summary>« amendement n° 229 sur PRJLANR5L17BTC1573 (PO838901) », « … (PO838901, délibération 2) ».</summary>
    public static string VoteKey(string textRef, string organ, int deliberation, string number) =>
        $"amendement n° {number} sur {textRef} ({organ}{(deliberation > 1 ? $", délibération {deliberation}" : "")})";

    /// <summary>The parts of a <see cref="VoteKey"/>, for a message to name them; null for any other key.</summary>
    public static (string Number, string TextRef, string Organ, int Deliberation)? ReadVoteKey(string key) =>
        VoteKeyParts().Match(key) is { Success: true } m
            ? (m.Groups["number"].Value, m.Groups["text"].Value, m.Groups["organ"].Value, m.Groups["deliberation"].Success ? int.Parse(m.Groups["deliberation"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) : 1)
            : null;

    [GeneratedRegex(@"^amendement n° (?<number>\S+) sur (?<text>\S+) \((?<organ>PO\d+)(?:, délibération (?<deliberation>\d))?\)$")]
    private static partial Regex VoteKeyParts();

    [JsonIgnore]
    public override IEnumerable<ItemField> Fields =>
    [
        new(FieldNames.Dispositif, Dispositif),
        new(FieldNames.ExposeSommaire, ExposeSommaire),
        new(FieldNames.Article, Article?.Designation ?? ""),
    ];

    /// <summary>« CL30 », « II-3199 », « 237 (Rect) »: the series' prefix, then the N-number.</summary>
    [GeneratedRegex(@"^(?<prefix>[A-Z]*-?)(?<order>\d{1,18})(?: \(.*Rect\))?$")]
    private static partial Regex SeriesNumber();

    [GeneratedRegex(@"^EXANR5L\d+(?<organ>PO\d+)B")]
    private static partial Regex ExaminationOrgan();
}

/// <summary>
/// What a credit amendment does to one budget programme, in euros: its change to the programme's autorisations
/// d'engagement (<paramref name="Commitments"/>, AE) and crédits de paiement (<paramref name="Payments"/>, CP), negative
/// when it takes credits away. In an amending finance bill it is the net of the bill's two columns: credits opened
/// minus credits cancelled. <paramref name="Created"/>: a programme the amendment creates.
/// </summary>
public sealed record ProgrammeCredit(string Programme, long Commitments, long Payments, bool Created = false)
{
    [JsonIgnore]
    public bool Changes => Commitments != 0 || Payments != 0;
}

public static class AmendmentStatus
{
    public const string Filed = "Déposé";

    /// <summary>The AN's state of an amendment examined (its <c>sort</c> says how), which the Sénat's outcomes are read into.</summary>
    public const string Discussed = "Discuté";

    public static string Of(Amendment a)
    {
        if (!string.IsNullOrWhiteSpace(a.Sort)) return a.Sort!;
        if (a.State.StartsWith("Irrecevable", StringComparison.OrdinalIgnoreCase)) return "Irrecevable";
        if (a.State.StartsWith("Retiré", StringComparison.OrdinalIgnoreCase)) return "Retiré";
        if (a.SubState is "Tombé" or "Non soutenu" or "Retiré" or "Adopté" or "Rejeté") return a.SubState;
        return Filed;
    }
}
