using System.Text.Json;
using Watch.Domain;

namespace Watch.Parsing.AssembleeNationale;

/// <summary>
/// Parses one amendment of the Assemblée nationale open data (the per-file JSON of
/// <c>Amendements.json.zip</c>, or the bare object served by <c>/dyn/opendata/{uid}.json</c>).
/// </summary>
public static class AmendmentParser
{
    public static Amendment Parse(ReadOnlyMemory<byte> json, string input)
    {
        var root = Read(json.Span, input);
        var a = root.Amendement ?? root;
        if (root.Amendement is null && root.Uid is null)
            throw AnJson.NotADocument(input, "amendement", "uid");
        var uid = a.Uid ?? throw new ParseException(input, "amendment has no uid.");
        if (!AmendmentId.TryParse(uid, out var id)) throw new ParseException(input, $"'{uid}' is not an amendment uid.");

        var content = a.Corps?.ContenuAuteur;
        var treatment = a.CycleDeVie?.EtatDesTraitements;
        return new Amendment
        {
            Id = uid,
            Chamber = Chamber.AssembleeNationale,
            Url = $"https://www.assemblee-nationale.fr/dyn/{id!.Legislature}/amendements/{uid}",
            Number = a.Identification?.NumeroLong ?? a.Identification?.NumeroOrdreDepot
                ?? throw new ParseException(input, $"amendment {uid} has no number (identification.numeroLong)."),
            TextRef = a.TexteLegislatifRef ?? throw new ParseException(input, $"amendment {uid} has no texteLegislatifRef."),
            ExaminationRef = a.ExamenRef,
            ParentRef = a.AmendementParentRef,
            Article = a.PointeurFragmentTexte?.Division is { } division ? ArticleOf(division) : null,
            Authors = a.Signataires?.Libelle ?? "",
            AuthorType = a.Signataires?.Auteur?.TypeAuteur,
            GroupRef = a.Signataires?.Auteur?.GroupePolitiqueRef,
            Dispositif = content is null ? "" : DispositifOf(content),
            ExposeSommaire = content?.ExposeSommaire ?? "",
            State = treatment?.Etat ?? "",
            SubState = treatment?.SousEtat,
            Sort = a.CycleDeVie?.Sort,
            DepositDate = AnJson.Date(a.CycleDeVie?.DateDepot),
            PublicationDate = AnJson.Date(a.CycleDeVie?.DatePublication),
            DecisionDate = AnJson.DateTime(a.CycleDeVie?.DateSort),
        };
    }

    private static AmendementJson Read(ReadOnlySpan<byte> json, string input)
    {
        try
        {
            var start = new Utf8JsonReader(json);
            if (start.Read() && start.TokenType != JsonTokenType.StartObject) throw AnJson.NotAnObject(input, "amendement", start.TokenType.ToString());
            return JsonSerializer.Deserialize(json, AmendmentJsonContext.Default.AmendementJson) ?? throw AnJson.NotAnObject(input, "amendement", "null");
        }
        catch (JsonException e)
        {
            throw new ParseException(input, $"malformed JSON ({e.Message})", e);
        }
    }

    /// <summary>
    /// The amended article; « additional » when the amendment creates an article or a chapter next to it rather than
    /// change it. <c>articleAdditionnel</c> alone misses some: sub-amendments to a new article and amendments on a
    /// chapter's heading say « APRÈS ART. 5 » / « AVANT ART. 10 » with it false. An amendment on a heading itself
    /// (« Supprimer la division et l'intitulé du chapitre II ») is filed before the article the heading opens: the
    /// heading, its <c>titre</c>, is what it amends.
    /// </summary>
    private static ArticleRef? ArticleOf(DivisionJson division)
    {
        if (division is { Type: "CHAPITRE", ChapitreAdditionnel: not "true", Titre: { Length: > 0 } heading })
            return ArticleRef.FromDesignation(heading);
        var designation = division.ArticleDesignationCourte ?? division.Titre;
        var additional = division.ArticleAdditionnel == "true" || division.ChapitreAdditionnel == "true"
            || division.AvantAApres is "Avant" or "Après"
            || designation is not null && (designation.StartsWith("APRÈS", StringComparison.OrdinalIgnoreCase) || designation.StartsWith("AVANT", StringComparison.OrdinalIgnoreCase));
        return ArticleRef.FromDesignation(designation, additional, division: division.ChapitreAdditionnel == "true");
    }

    /// <summary>
    /// Budget "credit" amendments carry a table of programmes (<c>dispositifAmdtCreditPLF</c>, <c>…PLFR</c>) instead of
    /// a dispositif: its programme labels are the text worth classifying.
    /// </summary>
    private static string DispositifOf(ContenuAuteurJson content)
    {
        if (content.Dispositif is { } text) return text;
        var table = content.DispositifAmdtCreditPLF ?? content.DispositifAmdtCreditPLFR;
        var programmes = table?.ListeProgrammes?.Programme ?? [];
        return string.Join("\n", programmes.Select(p => p.Libelle).OfType<string>());
    }
}
