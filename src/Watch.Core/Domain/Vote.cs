using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Watch.Domain;

/// <summary>
/// A public vote (scrutin) of the Assemblée nationale, uid <c>VTANR5L17V788</c>: what was voted, the result,
/// the totals and each political group's breakdown.
/// </summary>
public sealed partial record Vote : WatchItem
{
    public override ItemKind Kind => ItemKind.Vote;
    public required Legislature Legislature { get; init; }
    public required int Number { get; init; }
    public required DateOnly Date { get; init; }

    /// <summary>SPO (scrutin public ordinaire), SPS (solennel) or MOC (motion de censure).</summary>
    public required string TypeCode { get; init; }
    public required string TypeLabel { get; init; }

    /// <summary>The result's code, "adopté" or "rejeté", and its sentence ("l'Assemblée nationale a adopté").</summary>
    public required string ResultCode { get; init; }
    public required string ResultLabel { get; init; }

    [JsonIgnore]
    public bool Adopted => ResultCode == "adopté";

    /// <summary>What was put to the vote: "l'ensemble de la proposition de loi relative à la sûreté dans les transports (première lecture)."</summary>
    public required string Question { get; init; }

    /// <summary><c>objet.libelle</c>; in the 17th legislature's data it repeats <c>titre</c>.</summary>
    public string? Subject { get; init; }

    /// <summary>
    /// <c>objet.dossierLegislatif</c>. The schema has it but the AN leaves it empty (nil in all 3,861 votes of the
    /// 17th legislature so far): the votes source then fills it in through <see cref="SeanceRef"/> and the agenda
    /// (<c>SeanceDossiers</c>).
    /// </summary>
    public string? DossierRef { get; init; }

    /// <summary>
    /// The texts of <see cref="DossierRef"/> the Assemblée amended in the reading voted (as deposited, as the commission
    /// adopted it), one of which its séance examined: set by the votes source for a vote on an amendment, whose number
    /// only tells it apart on its text; each reading numbers its amendments from 1 again. Null otherwise, and then not
    /// written, so that the votes stored before it keep their hash.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? ReadingTexts { get; init; }

    /// <summary>The sitting (<c>RUANR5L17S…</c>) during which the vote took place.</summary>
    public string? SeanceRef { get; init; }

    public string? OrganeRef { get; init; }

    /// <summary>Who asked for the public vote, one line each ("Président du groupe « Droite Républicaine »").</summary>
    public IReadOnlyList<string> Requesters { get; init; } = [];

    public required VoteCount Totals { get; init; }
    public required int Voters { get; init; }
    public required int Cast { get; init; }
    public int? Required { get; init; }

    /// <summary>Per political group (<c>ventilationVotes</c>), in the AN's order.</summary>
    public required IReadOnlyList<GroupVote> Groups { get; init; }

    [JsonIgnore]
    public override string Title => $"Scrutin n° {Number.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>"adopté" or "rejeté".</summary>
    [JsonIgnore]
    public override string? Status => ResultCode;

    /// <summary>
    /// The reading the question names last, as the dossier's acts code it: « (première lecture) » is AN1, « (deuxième
    /// lecture) » AN2, « (nouvelle lecture) » ANNLEC, « (lecture définitive) » ANLDEF; null when it names none (a
    /// proposition de résolution is read once) or another.
    /// </summary>
    [JsonIgnore]
    public string? Reading => Readings().Matches(Question) is { Count: > 0 } found
        ? ReadingCodes.GetValueOrDefault(found[^1].Groups["reading"].Value)
        : null;

    private static readonly Dictionary<string, string> ReadingCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["première lecture"] = "AN1",
        ["deuxième lecture"] = "AN2",
        ["troisième lecture"] = "AN3",
        ["nouvelle lecture"] = "ANNLEC",
        ["lecture définitive"] = "ANLDEF",
    };

    /// <summary>
    /// The amendment or sub-amendment put to the vote, as the question names it: « l'amendement n° 229 de Mme Nosbé à
    /// l'article premier… », « le sous-amendement n° 3963 … à l'amendement n° 1047 … » (the sub-amendment), « l'amendement
    /// de suppression n° 13 … »; numbered in the second series when the question says « (seconde délibération) ». Null for
    /// a vote on an article, a whole text or a motion. 3,316 of the 17th legislature's 3,861 votes name one.
    /// </summary>
    [JsonIgnore]
    public VotedAmendment? Amendment => AmendmentVoted().Match(Question) is { Success: true } m
        && long.TryParse(m.Groups["number"].ValueSpan, CultureInfo.InvariantCulture, out var number)
            ? new VotedAmendment(number, Question.Contains("(seconde délibération)", StringComparison.OrdinalIgnoreCase) ? 2 : 1)
            : null;

    /// <summary>
    /// The keys the voted amendment may have (<see cref="Domain.Amendment.VotedAs"/>), one per text of its reading: its
    /// séance examined one of them, and each numbers its own amendments.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<string> AmendmentKeys => Amendment is { } voted && OrganeRef is { } organ && ReadingTexts is { } texts
        ? texts.Select(text => Domain.Amendment.VoteKey(text, organ, voted.Deliberation, voted.Number.ToString(CultureInfo.InvariantCulture))).ToList()
        : [];

    [JsonIgnore]
    public override IEnumerable<string> TrackingKeys => DossierRef is { } d ? [Id, d] : [Id];

    /// <summary>The question's start up to the number voted on; the AN once wrote « n° de 2102 », and « sous-amendmeent ».</summary>
    [GeneratedRegex(@"^\s*(?:l['’]\s*|le\s+|les\s+)(?:sous-)?amend\p{L}*\b.{0,40}?n°\s*(?:de\s+)?(?<number>\d{1,9})\b", RegexOptions.IgnoreCase)]
    private static partial Regex AmendmentVoted();

    /// <summary>A parenthesis naming a reading, « ( première lecture) » included; which one is looked up in <see cref="ReadingCodes"/>.</summary>
    [GeneratedRegex(@"\(\s*(?<reading>[^()]*\blecture\b[^()]*?)\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex Readings();

    [JsonIgnore]
    public override IEnumerable<ItemField> Fields => [new(FieldNames.Title, Question)];
}

/// <summary>The number of the amendment a vote is on, in its séance's series for <paramref name="Deliberation"/> (1, or 2 for a seconde délibération).</summary>
public sealed record VotedAmendment(long Number, int Deliberation);

public sealed record VoteCount(int For, int Against, int Abstentions, int NonVoting);

/// <summary>How one political group (organe <c>PO…</c>) voted: its majority position and its counts.</summary>
public sealed record GroupVote(string OrganeRef, int Members, string? Position, VoteCount Count);
