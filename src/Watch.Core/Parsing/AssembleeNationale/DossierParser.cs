using System.Text.Json;
using Watch.Domain;

namespace Watch.Parsing.AssembleeNationale;

/// <summary>
/// Parses one dossier législatif of the Assemblée nationale open data (<c>{"dossierParlementaire": {...}}</c>
/// as in <c>Dossiers_Legislatifs.json.zip</c>, or the bare object of <c>/dyn/opendata/{uid}.json</c>).
/// </summary>
public static class DossierParser
{
    public static Dossier Parse(Stream json, string input) => AnDocument.Parse(json, input, Parse);

    public static Dossier Parse(ReadOnlyMemory<byte> json, string input) => AnDocument.Parse(json, input, Parse);

    public static Dossier Parse(JsonElement root, string input)
    {
        var (d, uid) = AnDocument.Unwrap(root, "dossierParlementaire", "titreDossier", "DL", input);
        var legislatureText = AnJson.Str(d, "legislature") ?? throw new ParseException(input, $"dossier {uid} has no legislature.");
        Legislature legislature;
        try
        {
            legislature = Legislature.Parse(legislatureText);
        }
        catch (FormatException e)
        {
            throw new ParseException(input, $"dossier {uid}: {e.Message}", e);
        }

        var title = AnJson.Child(d, "titreDossier") is { } t ? t : throw new ParseException(input, $"dossier {uid} has no titreDossier.");
        var steps = new List<DossierStep>();
        if (AnJson.Child(d, "actesLegislatifs") is { } acts) Flatten(acts, 0, steps, uid, input);

        return new Dossier
        {
            Id = uid,
            Chamber = Chamber.AssembleeNationale,
            Url = AnUrls.Dossier(uid, legislature),
            Legislature = legislature,
            Name = AnJson.Str(title, "titre") ?? throw new ParseException(input, $"dossier {uid} has no titreDossier.titre."),
            TitlePath = AnJson.Str(title, "titreChemin"),
            SenatUrl = AnJson.Str(title, "senatChemin"),
            Procedure = AnJson.Child(d, "procedureParlementaire") is { } p ? AnJson.Str(p, "libelle") : null,
            Steps = steps,
        };
    }

    /// <summary>Depth-first, parents before their children: the order in which the AN lists the path.</summary>
    private static void Flatten(JsonElement actesLegislatifs, int depth, List<DossierStep> steps, string uid, string input)
    {
        foreach (var act in AnJson.Items(actesLegislatifs, "acteLegislatif"))
        {
            steps.Add(StepOf(act, depth, uid, input));
            if (AnJson.Child(act, "actesLegislatifs") is { } children) Flatten(children, depth + 1, steps, uid, input);
        }
    }

    private static DossierStep StepOf(JsonElement act, int depth, string dossierUid, string input)
    {
        var code = AnJson.Str(act, "codeActe") ?? throw new ParseException(input, $"dossier {dossierUid}: an act has no codeActe.");
        var label = AnJson.Child(act, "libelleActe") is { } l ? AnJson.Str(l, "nomCanonique") ?? AnJson.Str(l, "libelleCourt") : null;
        return new DossierStep
        {
            Uid = AnJson.Str(act, "uid") ?? throw new ParseException(input, $"dossier {dossierUid}: act {code} has no uid."),
            Code = code,
            Label = label ?? code,
            Depth = depth,
            Date = AnJson.DateTime(act, "dateActe"),
            OrganeRef = AnJson.Str(act, "organeRef"),
            TexteAssocie = AnJson.Str(act, "texteAssocie"),
            TexteAdopte = AnJson.Str(act, "texteAdopte"),
            TextesAssocies = AnJson.Child(act, "textesAssocies") is { } texts
                ? AnJson.Items(texts, "texteAssocie").Select(x => AnJson.Str(x, "refTexteAssocie")).OfType<string>().ToList()
                : [],
            TexteLoiRef = AnJson.Str(act, "texteLoiRef"),
            Conclusion = AnJson.Child(act, "statutConclusion") is { } s ? AnJson.Str(s, "libelle") : null,
            ReunionRef = AnJson.Str(act, "reunionRef"),
            VoteRefs = AnJson.Child(act, "voteRefs") is { } votes
                ? AnJson.Items(votes, "voteRef").Select(AnJson.Text).OfType<string>().ToList()
                : [],
            DecisionUrl = AnJson.Str(act, "urlConclusion"),
            LawNumber = AnJson.Str(act, "codeLoi"),
            LawTitle = AnJson.Str(act, "titreLoi"),
            JournalOfficiel = AnJson.Child(act, "infoJO") is { } jo
                ? new JournalOfficielPublication(
                    AnJson.Str(jo, "typeJO"), AnJson.Str(jo, "numJO"), AnJson.Date(jo, "dateJO"),
                    AnJson.Str(jo, "urlLegifrance"), AnJson.Str(jo, "referenceNOR"))
                : null,
        };
    }
}
