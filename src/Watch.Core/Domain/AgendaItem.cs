using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Watch.Domain;

/// <summary>What kind of meeting an Assemblée nationale <c>reunion</c> is (its <c>xsi:type</c>).</summary>
public enum MeetingKind
{
    /// <summary>A public sitting of the whole Assembly (<c>seance_type</c>).</summary>
    Seance,

    /// <summary>A commission, mission or delegation meeting (<c>reunionCommission_type</c>).</summary>
    Commission,

    /// <summary>A meeting of a study group or friendship group (<c>reunionInitParlementaire_type</c>).</summary>
    ParliamentaryInitiative,
}

/// <summary>
/// One meeting of the Assemblée nationale agenda (<c>reunion</c>, uid <c>RUANR5L17…</c>) with all its points.
/// Séances and about a fifth of commission meetings list points (<c>pointsODJ</c>); the other commission
/// meetings only have a free-text convocation, kept in <see cref="Convocation"/>.
/// </summary>
public sealed record Reunion
{
    public required string Uid { get; init; }
    public required Legislature Legislature { get; init; }
    public required MeetingKind MeetingKind { get; init; }
    public required DateTimeOffset Start { get; init; }
    public DateTimeOffset? End { get; init; }

    /// <summary>The organ that meets: PO838901 for the séance publique of the 17th legislature, PO59051 for the commission des lois.</summary>
    public string? OrganeRef { get; init; }

    /// <summary>Confirmé, Annulé, Supprimé or Eventuel, as the AN writes it.</summary>
    public required string State { get; init; }

    public string? Location { get; init; }
    public string? CompteRenduRef { get; init; }

    /// <summary>The convocation's items (<c>ODJ.convocationODJ.item</c>), in order.</summary>
    public IReadOnlyList<string> Convocation { get; init; } = [];

    /// <summary>Every point of the order of the day, including those that name no dossier.</summary>
    public required IReadOnlyList<AgendaItem> Points { get; init; }

    /// <summary>The points that name at least one dossier législatif: the agenda items Watch follows.</summary>
    [JsonIgnore]
    public IReadOnlyList<AgendaItem> Items => Points.Where(p => p.DossierRefs.Count > 0).ToList();

    [JsonIgnore]
    public bool IsCancelled => AgendaStates.IsCancelled(State);
}

/// <summary>
/// One point of a meeting's order of the day (<c>pointODJ</c>), or its convocation when it lists no point, carrying
/// its meeting's facts so it stands alone in the pipeline. Id is <c>{reunionUid}#{pointUid}</c>.
/// </summary>
public sealed partial record AgendaItem : WatchItem
{
    public override ItemKind Kind => ItemKind.AgendaItem;

    public static string IdOf(string reunionUid, string pointUid) => IdPrefix(reunionUid) + pointUid;

    /// <summary>What the ids of one meeting's points start with.</summary>
    public static string IdPrefix(string reunionUid) => reunionUid + "#";

    /// <summary>The point of a meeting whose agenda is only its convocation, in free text.</summary>
    public const string ConvocationPoint = "convocation";

    public required string ReunionUid { get; init; }
    public required string PointUid { get; init; }
    public required MeetingKind MeetingKind { get; init; }
    public required DateTimeOffset Start { get; init; }
    public string? OrganeRef { get; init; }
    public string? Location { get; init; }

    /// <summary>The meeting's state (Confirmé, Annulé, Supprimé, Eventuel).</summary>
    public required string MeetingState { get; init; }

    /// <summary>The point's own state: a confirmed séance often keeps points that were moved away (Supprimé).</summary>
    public required string State { get; init; }

    /// <summary>What is examined: "Suite de la discussion de la proposition de loi … relative au renforcement de la sûreté dans les transports".</summary>
    public required string Subject { get; init; }

    /// <summary>"Discussion", "Suite de la discussion", "Examen", "Vote solennel", "Amendements (Art. 88)"…</summary>
    public string? PointType { get; init; }

    public required IReadOnlyList<string> DossierRefs { get; init; }

    /// <summary>True when the meeting or the point was cancelled or removed from the agenda.</summary>
    [JsonIgnore]
    public bool IsCancelled => AgendaStates.IsCancelled(MeetingState) || AgendaStates.IsCancelled(State);

    /// <summary>« Séance publique du 11/02/2025 à 21:30 », « Réunion de commission du 27/11/2024 à 09:00 ».</summary>
    [JsonIgnore]
    public override string Title =>
        $"{MeetingKind switch { MeetingKind.Seance => "Séance publique", MeetingKind.Commission => "Réunion de commission", _ => "Réunion" }} du {Start.ToString("dd/MM/yyyy 'à' HH:mm", CultureInfo.InvariantCulture)}";

    /// <summary>The point's state, unless the whole meeting was cancelled: then the meeting's.</summary>
    [JsonIgnore]
    public override string? Status => AgendaStates.IsCancelled(MeetingState) ? MeetingState : State;

    /// <summary>What is examined and when: a point moved to another time is a change worth an event.</summary>
    [JsonIgnore]
    public override string Substance => $"{Subject}\n{Start.ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture)}";

    [JsonIgnore]
    public override IEnumerable<string> TrackingKeys => [Id, .. DossierRefs];

    /// <summary>
    /// The AN texts the item names by number, as a convocation names what it examines (« … au renforcement de la
    /// cybersécurité (n° 1112) », « … des amendements … (n° 1364) »): each number as any text of the meeting's legislature
    /// may bear it, a bill or résolution as deposited (« PRJLANR5L17B1112 ») or the commission's text (« …BTC1364 »),
    /// since the number does not say which. Most commission meetings list no points, so no dossier: this is how they
    /// name their bill.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<string> NamedTexts => TextsNamedIn(Subject);

    /// <summary>The texts one line of <see cref="Subject"/> names by number (see <see cref="NamedTexts"/>).</summary>
    public IReadOnlyList<string> TextsNamedIn(string line) => Legislature.OfUid(ReunionUid) is { } legislature
        ? [.. TextNumbers(line).Distinct().SelectMany(number => TextUids(legislature, number))]
        : [];

    /// <summary>
    /// The numbers <paramref name="text"/> gives texts in parentheses: « (n° 1112) », « (n°287) », « ( n° 519) », « (n° 481
    /// rect.) », « (n° 324 – seconde partie) », « (n°s 1907 et 1999) »; not what follows them (« (n° 287 – texte adopté n° 533
    /// A0) » is n° 287, « (n° 1603 2ème rect.) » n° 1603). A number counts only where a kind of text is named before it or on
    /// its line (« … la proposition de loi … (n° 1112) », « Pour un féminisme universel (n° 1381) : examen de la proposition
    /// de résolution européenne … », « Nomination de rapporteurs sur les propositions de résolutions européennes de :
    /// - M. Dominique Potier … (n°287) »), and not for a petition: a convocation also numbers the
    /// résolutions the Assemblée adopted (« celle appelant au renforcement du soutien à l'Ukraine (n° 70) ») and the
    /// petitions it received (« (n° 3014) »), in series of their own.
    /// </summary>
    public static IEnumerable<int> TextNumbers(string text)
    {
        var clauseStart = 0;
        foreach (Match m in NumberedTexts().Matches(text))
        {
            clauseStart = Math.Max(clauseStart, text.LastIndexOf('\n', Math.Max(m.Index - 1, 0)) + 1);
            var lineEnd = text.IndexOf('\n', m.Index) is var end and >= 0 ? end : text.Length;
            var named = TextKind().IsMatch(text.AsSpan(0, lineEnd)) && !Petition().IsMatch(text.AsSpan(clauseStart, m.Index - clauseStart));
            clauseStart = m.Index + m.Length;
            if (!named) continue;
            foreach (Capture number in m.Groups["number"].Captures)
                yield return int.Parse(number.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Whether a line names something by a number in parentheses, a text or not (see <see cref="TextNumbers"/>).</summary>
    public static bool NamesByNumber(string line) => NumberedTexts().IsMatch(line);

    private static IEnumerable<string> TextUids(Legislature legislature, int number) =>
        from kind in new[] { "PRJL", "PION", "PNRE" }
        from stage in new[] { "B", "BTC" }
        select $"{kind}ANR5L{legislature}{stage}{number.ToString("D4", CultureInfo.InvariantCulture)}";

    [GeneratedRegex(@"\(\s*n(?:°s?|os)\s*°?\s*(?<number>\d{1,5})(?:\s*(?:,|et)\s*(?<number>\d{1,5}))*(?![\d-])", RegexOptions.IgnoreCase)]
    private static partial Regex NumberedTexts();

    [GeneratedRegex(@"\b(?:projets?|propositions?)\s+de\s+(?:loi|résolution)", RegexOptions.IgnoreCase)]
    private static partial Regex TextKind();

    [GeneratedRegex(@"\bpétition", RegexOptions.IgnoreCase)]
    private static partial Regex Petition();

    [JsonIgnore]
    public override IEnumerable<ItemField> Fields => [new(FieldNames.Title, Subject)];
}

public static class AgendaStates
{
    public const string Confirmed = "Confirmé";
    public const string Cancelled = "Annulé";
    public const string Removed = "Supprimé";
    public const string Tentative = "Eventuel";

    public static bool IsCancelled(string state) => state is Cancelled or Removed;
}
