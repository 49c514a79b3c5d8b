using System.Text.Json;
using Watch.Domain;

namespace Watch.Parsing.AssembleeNationale;

/// <summary>
/// Parses one amendment of the Assemblée nationale open data (the per-file JSON of
/// <c>Amendements.json.zip</c>, or the bare object served by <c>/dyn/opendata/{uid}.json</c>).
/// </summary>
public static class AmendmentParser
{
    public static Amendment Parse(ReadOnlyMemory<byte> json, string input) => AnDocument.Parse(json, input, Parse);

    public static Amendment Parse(Stream json, string input) => AnDocument.Parse(json, input, Parse);

    public static Amendment Parse(JsonElement root, string input)
    {
        var a = AnJson.Unwrap(root, "amendement", "uid", input);
        var uid = AnJson.Str(a, "uid") ?? throw new ParseException(input, "amendment has no uid.");
        if (!AmendmentId.TryParse(uid, out var id)) throw new ParseException(input, $"'{uid}' is not an amendment uid.");

        var division = AnJson.Child(a, "pointeurFragmentTexte", "division");
        var cycle = AnJson.Child(a, "cycleDeVie");
        var treatment = cycle is { } c ? AnJson.Child(c, "etatDesTraitements") : null;
        var author = AnJson.Child(a, "signataires", "auteur");
        var content = AnJson.Child(a, "corps", "contenuAuteur");

        return new Amendment
        {
            Id = uid,
            Chamber = Chamber.AssembleeNationale,
            Url = $"https://www.assemblee-nationale.fr/dyn/{id!.Legislature}/amendements/{uid}",
            Number = NumberOf(a) ?? throw new ParseException(input, $"amendment {uid} has no number (identification.numeroLong)."),
            TextRef = AnJson.Str(a, "texteLegislatifRef") ?? throw new ParseException(input, $"amendment {uid} has no texteLegislatifRef."),
            ExaminationRef = AnJson.Str(a, "examenRef"),
            ParentRef = AnJson.Str(a, "amendementParentRef"),
            Article = division is { } d ? ArticleOf(d) : null,
            Authors = HtmlText.ToPlainText(AnJson.Child(a, "signataires") is { } signatories ? AnJson.Str(signatories, "libelle") : null),
            AuthorType = author is { } au ? AnJson.Str(au, "typeAuteur") : null,
            GroupRef = author is { } au2 ? AnJson.Str(au2, "groupePolitiqueRef") : null,
            Dispositif = content is { } ct ? DispositifOf(ct) : "",
            ExposeSommaire = content is { } ce ? HtmlText.ToPlainText(AnJson.Str(ce, "exposeSommaire")) : "",
            State = treatment is { } t ? AnJson.Label(t, "etat") ?? "" : "",
            SubState = treatment is { } t2 ? AnJson.Label(t2, "sousEtat") : null,
            Sort = cycle is { } c2 ? AnJson.Label(c2, "sort") : null,
            DepositDate = cycle is { } c3 ? AnJson.Date(c3, "dateDepot") : null,
            PublicationDate = cycle is { } c4 ? AnJson.Date(c4, "datePublication") : null,
            DecisionDate = cycle is { } c5 ? AnJson.DateTime(c5, "dateSort") : null,
        };
    }

    private static string? NumberOf(JsonElement a) =>
        AnJson.Child(a, "identification") is { } ident ? AnJson.Str(ident, "numeroLong") ?? AnJson.Str(ident, "numeroOrdreDepot") : null;

    /// <summary>
    /// The amended article; « additional » when the amendment creates an article or a chapter next to it rather than
    /// change it. <c>articleAdditionnel</c> alone misses some: sub-amendments to a new article and amendments on a
    /// chapter's heading say « APRÈS ART. 5 » / « AVANT ART. 10 » with it false.
    /// </summary>
    private static ArticleRef? ArticleOf(JsonElement division)
    {
        var designation = AnJson.Str(division, "articleDesignationCourte") ?? AnJson.Str(division, "titre");
        var additional = AnJson.Str(division, "articleAdditionnel") == "true" || AnJson.Str(division, "chapitreAdditionnel") == "true"
            || AnJson.Str(division, "avant_A_Apres") is "Avant" or "Après"
            || designation is not null && (designation.StartsWith("APRÈS", StringComparison.OrdinalIgnoreCase) || designation.StartsWith("AVANT", StringComparison.OrdinalIgnoreCase));
        return ArticleRef.FromDesignation(designation, additional);
    }

    /// <summary>
    /// Budget "credit" amendments carry a table of programmes (<c>dispositifAmdtCreditPLF</c>) instead of
    /// a dispositif: its programme labels are the text worth classifying.
    /// </summary>
    private static string DispositifOf(JsonElement content)
    {
        if (AnJson.Str(content, "dispositif") is { } html) return HtmlText.ToPlainText(html);
        if (AnJson.Child(content, "dispositifAmdtCreditPLF") is not { } credits) return "";
        var labels = new List<string>();
        foreach (var programme in AnJson.Child(credits, "listeProgrammes") is { } list ? AnJson.Items(list, "programme") : [])
            if (AnJson.Str(programme, "libelle") is { } label) labels.Add(label);
        return string.Join("\n", labels);
    }
}
