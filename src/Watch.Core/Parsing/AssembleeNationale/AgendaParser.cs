using System.Text.Json;
using System.Text.RegularExpressions;
using Watch.Domain;

namespace Watch.Parsing.AssembleeNationale;

/// <summary>
/// Parses one meeting of the Assemblée nationale agenda (<c>{"reunion": {...}}</c> as in <c>Agenda.json.zip</c>,
/// or the bare object of <c>/dyn/opendata/{uid}.json</c>) into a <see cref="Reunion"/> and its points.
/// </summary>
public static partial class AgendaParser
{
    public static Reunion Parse(Stream json, string input) => AnDocument.Parse(json, input, Parse);

    public static Reunion Parse(ReadOnlyMemory<byte> json, string input) => AnDocument.Parse(json, input, Parse);

    public static Reunion Parse(JsonElement root, string input)
    {
        var (r, uid) = AnDocument.Unwrap(root, "reunion", "timeStampDebut", "RU", input);
        var legislature = Legislature.OfUid(uid) ?? throw new ParseException(input, $"'{uid}' names no legislature (RU…R5L<n>…).");
        var kind = KindOf(AnJson.Str(r, "@xsi:type"), uid, input);
        var start = AnJson.DateTime(r, "timeStampDebut") ?? throw new ParseException(input, $"reunion {uid} has no valid timeStampDebut.");
        var state = AnJson.Child(r, "cycleDeVie") is { } c ? AnJson.Str(c, "etat") : null;
        if (state is null) throw new ParseException(input, $"reunion {uid} has no cycleDeVie.etat.");
        var organe = AnJson.Str(r, "organeReuniRef");
        var location = AnJson.Child(r, "lieu") is { } l ? AnJson.Str(l, "libelleLong") ?? AnJson.Str(l, "lieuRef") : null;
        var odj = AnJson.Child(r, "ODJ");

        var convocation = odj is { } oc && AnJson.Child(oc, "convocationODJ") is { } conv
            ? AnJson.Items(conv, "item").Select(AnJson.Text).OfType<string>().ToList()
            : [];

        AgendaItem Item(string pointUid, string subject, string? pointType, IReadOnlyList<string> dossiers, string pointState) => new()
        {
            Id = AgendaItem.IdOf(uid, pointUid),
            Chamber = Chamber.AssembleeNationale,
            Url = dossiers.Count > 0 ? AnUrls.Dossier(dossiers[0], legislature)
                : organe is not null ? AnUrls.Organe(legislature, organe)
                : AnUrls.OpenData(uid),
            ReunionUid = uid,
            PointUid = pointUid,
            MeetingKind = kind,
            Start = start,
            OrganeRef = organe,
            Location = location,
            MeetingState = state,
            State = pointState,
            Subject = subject,
            PointType = pointType,
            DossierRefs = dossiers,
        };

        var points = new List<AgendaItem>();
        var pointList = odj is { } o ? AnJson.Child(o, "pointsODJ") : null;
        foreach (var point in pointList is { } pl ? AnJson.Items(pl, "pointODJ") : [])
        {
            var pointUid = AnJson.Str(point, "uid") ?? throw new ParseException(input, $"reunion {uid}: a point of the order of the day has no uid.");
            var dossiers = AnJson.Child(point, "dossiersLegislatifsRefs") is { } refs
                ? AnJson.Items(refs, "dossierRef").Select(AnJson.Text).OfType<string>().ToList()
                : [];
            points.Add(Item(pointUid,
                // Written like the amendments' HTML: some accents are entities (« a&#768; »).
                HtmlText.ToPlainText(AnJson.Str(point, "objet") ?? throw new ParseException(input, $"reunion {uid}: point {pointUid} has no objet.")),
                AnJson.Str(point, "typePointODJ"),
                dossiers,
                // A point without its own life cycle shares the meeting's.
                AnJson.Child(point, "cycleDeVie") is { } pc ? AnJson.Str(pc, "etat") ?? state : state));
        }
        points.RemoveAll(Replaced(points).Contains);
        // A committee's convocation, in free text, says what its points do not: most meetings list no points, and those
        // that do title them « Examen du texte » and list no hearing (« Audition … du président de la CNCTR »). Its lines
        // are an item of their own, judged on their words, but for those naming a text by its number (« … (n° 538) »),
        // which a point names by its dossier. A cancelled meeting's points have lost their dossiers (« Examen du texte »,
        // Annulé): its lines are then all that says which bill's examination was cancelled. A cancelled meeting may keep
        // only its summary (resumeODJ): its item then stays, cancelled, rather than vanish.
        var pointsNameDossiers = points.Any(p => p.DossierRefs.Count > 0);
        var lines = (convocation.Count > 0 ? convocation : Summary(odj))
            .SelectMany(c => c.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(line => !pointsNameDossiers || !AgendaItem.NamesByNumber(line))
            .Select(HtmlText.ToPlainText)
            .ToList();
        if (lines.Count > 0) points.Add(Item(AgendaItem.ConvocationPoint, string.Join("\n", lines), null, [], state));

        return new Reunion
        {
            Uid = uid,
            Legislature = legislature,
            MeetingKind = kind,
            Start = start,
            End = AnJson.DateTime(r, "timeStampFin"),
            OrganeRef = organe,
            State = state,
            Location = location,
            CompteRenduRef = AnJson.Str(r, "compteRenduRef"),
            Convocation = convocation,
            Points = points,
        };
    }

    /// <summary>
    /// The points the AN replaced: it marks a point Supprimé and adds a new one, numbered after it (« …PT49192 » →
    /// « …PT49405 »), of the same words or the same followed by the text's number, its dossier now named, for the same
    /// debate, which stays on the agenda; the old point is not told as removed. Only a one-to-one match counts: a
    /// commission's four points « Examen du texte » removed beside one kept are four texts, not one replaced; and a
    /// point kept from before the one removed did not replace it (the organic bill's examination, removed beside the
    /// ordinary bill's, was held another day). A removed point naming another dossier than the new one's is not it.
    /// </summary>
    private static HashSet<AgendaItem> Replaced(List<AgendaItem> points)
    {
        var words = points.ToDictionary(p => p, p => string.Join(' ', FrenchText.Words(p.Subject)));
        var dead = points.Where(p => p.IsCancelled).ToList();
        var live = points.Where(p => !p.IsCancelled).ToList();
        bool Continues(AgendaItem old, AgendaItem now) =>
            PointNumber(now) > PointNumber(old)
            && (words[now] == words[old] || words[now].StartsWith(words[old] + " ", StringComparison.Ordinal))
            && (old.DossierRefs.Count == 0 || old.DossierRefs.SequenceEqual(now.DossierRefs));
        return dead.Where(old => dead.Count(other => words[other] == words[old]) == 1 && live.Count(now => Continues(old, now)) == 1).ToHashSet();
    }

    /// <summary>The number a point's uid ends with (« RUANR5L17S2025IDS29211PT49405 » → 49405); -1 when it has none.</summary>
    private static long PointNumber(AgendaItem point) =>
        PointSuffix().Match(point.PointUid) is { Success: true } m && long.TryParse(m.Groups[1].Value, out var n) ? n : -1;

    [GeneratedRegex(@"PT(\d+)$")]
    private static partial Regex PointSuffix();

    private static List<string> Summary(JsonElement? odj) =>
        odj is { } o && AnJson.Child(o, "resumeODJ") is { } summary ? AnJson.Items(summary, "item").Select(AnJson.Text).OfType<string>().ToList() : [];

    private static MeetingKind KindOf(string? xsiType, string uid, string input) => xsiType switch
    {
        "seance_type" => MeetingKind.Seance,
        "reunionCommission_type" => MeetingKind.Commission,
        "reunionInitParlementaire_type" => MeetingKind.ParliamentaryInitiative,
        null => throw new ParseException(input, $"reunion {uid} has no @xsi:type (séance or commission)."),
        _ => throw new ParseException(input, $"reunion {uid} has an unknown @xsi:type '{xsiType}'."),
    };
}
