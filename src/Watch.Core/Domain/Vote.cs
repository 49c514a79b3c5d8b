using System.Globalization;
using System.Text.Json.Serialization;

namespace Watch.Domain;

/// <summary>
/// A public vote (scrutin) of the Assemblée nationale, uid <c>VTANR5L17V788</c>: what was voted, the result,
/// the totals and each political group's breakdown.
/// </summary>
public sealed record Vote : WatchItem
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

    [JsonIgnore]
    public override IEnumerable<string> TrackingKeys => DossierRef is { } d ? [Id, d] : [Id];

    [JsonIgnore]
    public override IEnumerable<ItemField> Fields => [new(FieldNames.Title, Question)];
}

public sealed record VoteCount(int For, int Against, int Abstentions, int NonVoting);

/// <summary>How one political group (organe <c>PO…</c>) voted: its majority position and its counts.</summary>
public sealed record GroupVote(string OrganeRef, int Members, string? Position, VoteCount Count);
