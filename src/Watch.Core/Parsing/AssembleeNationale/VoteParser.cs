using System.Text.Json;
using Watch.Domain;

namespace Watch.Parsing.AssembleeNationale;

/// <summary>
/// Parses one public vote of the Assemblée nationale open data (<c>{"scrutin": {...}}</c> as in
/// <c>Scrutins.json.zip</c>, or the bare object of <c>/dyn/opendata/{uid}.json</c>). The nominative lists
/// are left out: Watch reports the totals and each group's breakdown.
/// </summary>
public static class VoteParser
{
    public static Vote Parse(Stream json, string input) => AnDocument.Parse(json, input, Parse);

    public static Vote Parse(ReadOnlyMemory<byte> json, string input) => AnDocument.Parse(json, input, Parse);

    public static Vote Parse(JsonElement root, string input)
    {
        var (s, uid) = AnDocument.Unwrap(root, "scrutin", "syntheseVote", "VT", input);
        var legislature = AnJson.Str(s, "legislature") is { } l && int.TryParse(l, out var n) && n is > 0 and < 100
            ? new Legislature(n)
            : Legislature.OfUid(uid) ?? throw new ParseException(input, $"scrutin {uid} names no legislature.");
        var number = AnDocument.RequiredInt(s, "numero", input, $"scrutin {uid}");
        var type = Required(s, "typeVote", uid, input);
        var result = Required(s, "sort", uid, input);
        var synthesis = Required(s, "syntheseVote", uid, input);
        var objet = AnJson.Child(s, "objet");

        return new Vote
        {
            Id = uid,
            Chamber = Chamber.AssembleeNationale,
            Url = AnUrls.Scrutin(legislature, number),
            Legislature = legislature,
            Number = number,
            Date = AnJson.Date(s, "dateScrutin") ?? throw new ParseException(input, $"scrutin {uid} has no valid dateScrutin."),
            TypeCode = AnJson.Str(type, "codeTypeVote") ?? throw new ParseException(input, $"scrutin {uid} has no typeVote.codeTypeVote."),
            TypeLabel = AnJson.Str(type, "libelleTypeVote") ?? "",
            ResultCode = AnJson.Str(result, "code") ?? throw new ParseException(input, $"scrutin {uid} has no sort.code."),
            ResultLabel = AnJson.Str(result, "libelle") ?? "",
            Question = AnJson.Str(s, "titre") ?? throw new ParseException(input, $"scrutin {uid} has no titre."),
            Subject = objet is { } o ? AnJson.Str(o, "libelle") : null,
            DossierRef = objet is { } o2 ? DossierRefOf(o2) : null,
            SeanceRef = AnJson.Str(s, "seanceRef"),
            OrganeRef = AnJson.Str(s, "organeRef"),
            Requesters = AnJson.Child(s, "demandeur") is { } d && AnJson.Str(d, "texte") is { } who
                ? who.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [],
            Totals = CountOf(Required(synthesis, "decompte", uid, input), input, $"scrutin {uid} syntheseVote.decompte"),
            Voters = AnDocument.RequiredInt(synthesis, "nombreVotants", input, $"scrutin {uid} syntheseVote"),
            Cast = AnDocument.RequiredInt(synthesis, "suffragesExprimes", input, $"scrutin {uid} syntheseVote"),
            Required = AnDocument.OptionalInt(synthesis, "nbrSuffragesRequis", input, $"scrutin {uid} syntheseVote"),
            Groups = GroupsOf(s, uid, input),
        };
    }

    /// <summary>
    /// <c>dossierLegislatif</c> is nil in every 17th-legislature vote seen; the schema allows a plain uid or an
    /// object carrying one, so both are read.
    /// </summary>
    private static string? DossierRefOf(JsonElement objet)
    {
        if (AnJson.Child(objet, "dossierLegislatif") is not { } d) return null;
        return d.ValueKind == JsonValueKind.String ? AnJson.Text(d) : AnJson.Str(d, "dossierRef") ?? AnJson.Str(d, "uid");
    }

    private static List<GroupVote> GroupsOf(JsonElement s, string uid, string input)
    {
        var groups = new List<GroupVote>();
        if (AnJson.Child(s, "ventilationVotes", "organe", "groupes") is not { } list) return groups;
        foreach (var g in AnJson.Items(list, "groupe"))
        {
            var organe = AnJson.Str(g, "organeRef") ?? throw new ParseException(input, $"scrutin {uid}: a group of ventilationVotes has no organeRef.");
            var where = $"scrutin {uid} group {organe}";
            var vote = Required(g, "vote", uid, input);
            groups.Add(new GroupVote(
                organe,
                AnDocument.OptionalInt(g, "nombreMembresGroupe", input, where) ?? 0,
                AnJson.Str(vote, "positionMajoritaire"),
                CountOf(Required(vote, "decompteVoix", uid, input), input, where)));
        }
        return groups;
    }

    private static VoteCount CountOf(JsonElement count, string input, string where) => new(
        AnDocument.RequiredInt(count, "pour", input, where),
        AnDocument.RequiredInt(count, "contre", input, where),
        AnDocument.RequiredInt(count, "abstentions", input, where),
        AnDocument.OptionalInt(count, "nonVotants", input, where) ?? 0);

    private static JsonElement Required(JsonElement parent, string name, string uid, string input) =>
        AnJson.Child(parent, name) ?? throw new ParseException(input, $"scrutin {uid} has no {name}.");
}
