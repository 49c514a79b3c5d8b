using System.Text.Json.Serialization;

namespace Watch.Parsing.AssembleeNationale;

/// <summary>
/// The part of an AN amendment file (<c>{"amendement": {...}}</c>, or the bare object of the per-unit endpoint)
/// that Watch reads, named as the AN names it. Deserialised in one forward pass over the bytes: a 130,000-file
/// dump is read here, and everything else in a file (representations, cosignatories, …) is skipped unread.
/// Every text is read through <see cref="AnJson.TextConverter"/>, the HTML fragments through
/// <see cref="AnJson.PlainTextConverter"/> as plain text; a nil object (<c>{"@xsi:nil":"true"}</c>)
/// reads as an object whose members are all null.
/// </summary>
internal sealed class AmendementJson
{
    /// <summary>The dumps' wrapper; null in the bare object, whose members are then this object's own.</summary>
    public AmendementJson? Amendement { get; set; }
    public string? Uid { get; set; }
    public IdentificationJson? Identification { get; set; }
    public string? ExamenRef { get; set; }
    public string? TexteLegislatifRef { get; set; }
    public string? AmendementParentRef { get; set; }
    public SignatairesJson? Signataires { get; set; }
    public PointeurFragmentTexteJson? PointeurFragmentTexte { get; set; }
    public CorpsJson? Corps { get; set; }
    public CycleDeVieJson? CycleDeVie { get; set; }
}

internal sealed class IdentificationJson
{
    public string? NumeroLong { get; set; }
    public string? NumeroOrdreDepot { get; set; }
}

internal sealed class SignatairesJson
{
    [JsonConverter(typeof(AnJson.PlainTextConverter))] public string? Libelle { get; set; }
    public AuteurJson? Auteur { get; set; }
}

internal sealed class AuteurJson
{
    public string? TypeAuteur { get; set; }
    public string? GroupePolitiqueRef { get; set; }
}

internal sealed class PointeurFragmentTexteJson
{
    public DivisionJson? Division { get; set; }
}

internal sealed class DivisionJson
{
    /// <summary>ARTICLE, ANNEXE, CHAPITRE (a heading: chapitre, titre, partie), TITRE (the bill's own title).</summary>
    public string? Type { get; set; }
    public string? Titre { get; set; }
    public string? ArticleDesignationCourte { get; set; }
    public string? ArticleAdditionnel { get; set; }
    public string? ChapitreAdditionnel { get; set; }
    [JsonPropertyName("avant_A_Apres")] public string? AvantAApres { get; set; }
}

internal sealed class CorpsJson
{
    public ContenuAuteurJson? ContenuAuteur { get; set; }
}

internal sealed class ContenuAuteurJson
{
    [JsonConverter(typeof(AnJson.PlainTextConverter))] public string? Dispositif { get; set; }
    [JsonConverter(typeof(AnJson.PlainTextConverter))] public string? ExposeSommaire { get; set; }
    public DispositifAmdtCreditPlfJson? DispositifAmdtCreditPLF { get; set; }
    /// <summary>The same table in an amending finance bill (loi de finances rectificative, de fin de gestion).</summary>
    public DispositifAmdtCreditPlfJson? DispositifAmdtCreditPLFR { get; set; }
}

/// <summary>A budget « credit » amendment's table of programmes, in place of a dispositif.</summary>
internal sealed class DispositifAmdtCreditPlfJson
{
    public ListeProgrammesJson? ListeProgrammes { get; set; }
}

internal sealed class ListeProgrammesJson
{
    [JsonConverter(typeof(AnJson.ListConverter<ProgrammeJson>))]
    public List<ProgrammeJson>? Programme { get; set; }
}

/// <summary>
/// One programme's row: a finance bill's amendment writes each change signed (<c>autorisationEngagement</c>,
/// <c>creditPaiement</c>); an amending finance bill's writes it in the bill's two columns, credits opened
/// (<c>…Supplementaire</c>) and credits cancelled (<c>…Annule</c>), each of which the amendment may raise or lower.
/// </summary>
internal sealed class ProgrammeJson
{
    public string? Libelle { get; set; }
    /// <summary>« modification », or « création » for a programme the amendment creates.</summary>
    public string? Action { get; set; }
    public string? AutorisationEngagement { get; set; }
    public string? CreditPaiement { get; set; }
    public string? AutorisationEngagementSupplementaire { get; set; }
    public string? CreditPaiementSupplementaire { get; set; }
    public string? AutorisationEngagementAnnule { get; set; }
    public string? CreditPaiementAnnule { get; set; }
}

internal sealed class CycleDeVieJson
{
    public string? DateDepot { get; set; }
    public string? DatePublication { get; set; }
    public string? DateSort { get; set; }
    public string? Sort { get; set; }
    public EtatDesTraitementsJson? EtatDesTraitements { get; set; }
}

internal sealed class EtatDesTraitementsJson
{
    public string? Etat { get; set; }
    public string? SousEtat { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, Converters = [typeof(AnJson.TextConverter)])]
[JsonSerializable(typeof(AmendementJson))]
internal sealed partial class AmendmentJsonContext : JsonSerializerContext;
