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
            Url = AnUrls.Amendment(id!.Legislature, uid),
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
            Credits = content is null ? null : CreditsOf(content),
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
    /// heading, its <c>titre</c>, is what it amends. An amendment on an annex (type ANNEXE) names the article that
    /// approves it, and the annex in its <c>titre</c> (« RAPPORT ANNEXÉ », « ÉTAT B »).
    /// </summary>
    private static ArticleRef? ArticleOf(DivisionJson division)
    {
        if (division is { Type: "CHAPITRE", ChapitreAdditionnel: not "true", Titre: { Length: > 0 } heading })
            return ArticleRef.FromDesignation(heading);
        var designation = division.ArticleDesignationCourte ?? division.Titre;
        var additional = division.ArticleAdditionnel == "true" || division.ChapitreAdditionnel == "true"
            || division.AvantAApres is "Avant" or "Après"
            || designation is not null && NamesNewArticle(designation);
        var article = ArticleRef.FromDesignation(designation, additional, division: division.ChapitreAdditionnel == "true");
        return division is { Type: "ANNEXE", Titre: { Length: > 0 } annex } && article is not null ? article with { Annex = annex.Trim() } : article;
    }

    /// <summary>« APRÈS ART. 5 », « AVANT ART. 10 »: an article to add, next to the one named.</summary>
    internal static bool NamesNewArticle(string designation) =>
        designation.StartsWith("APRÈS", StringComparison.OrdinalIgnoreCase) || designation.StartsWith("AVANT", StringComparison.OrdinalIgnoreCase);

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

    /// <summary>
    /// What a credit amendment does to each programme of its table. A finance bill's table gives each change signed;
    /// an amending finance bill's gives it in two columns, credits opened and credits cancelled, either of which the
    /// amendment may raise or lower (of the 17th legislature's 931 rows, 62 are of the first kind, 869 of the second):
    /// the change to the programme is the opened minus the cancelled, as the table's own <c>solde</c> counts it in all
    /// 165 such tables of the corpus. A nil amount is no change; a table with an amount that is not a whole number of
    /// euros is not read at all (no programme), rather than read in part.
    /// </summary>
    private static List<ProgrammeCredit>? CreditsOf(ContenuAuteurJson content)
    {
        if (content.Dispositif is not null) return null;
        // A nil table (« {"@xsi:nil": "true"} ») is read as an empty object: no list of programmes, no credit amendment.
        if ((content.DispositifAmdtCreditPLF ?? content.DispositifAmdtCreditPLFR)?.ListeProgrammes?.Programme is not { } programmes) return null;
        var credits = new List<ProgrammeCredit>();
        foreach (var p in programmes)
        {
            if (p.Libelle is not { } label) continue;
            var signed = p.AutorisationEngagement is not null || p.CreditPaiement is not null;
            if (!TryAmount(signed ? p.AutorisationEngagement : p.AutorisationEngagementSupplementaire, out var aeOpened)
                || !TryAmount(signed ? null : p.AutorisationEngagementAnnule, out var aeCancelled)
                || !TryAmount(signed ? p.CreditPaiement : p.CreditPaiementSupplementaire, out var cpOpened)
                || !TryAmount(signed ? null : p.CreditPaiementAnnule, out var cpCancelled))
                return [];
            credits.Add(new ProgrammeCredit(label, aeOpened - aeCancelled, cpOpened - cpCancelled, Created: p.Action == "création"));
        }
        return credits;
    }

    private static bool TryAmount(string? value, out long euros)
    {
        euros = 0;
        return value is null || long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out euros);
    }
}
