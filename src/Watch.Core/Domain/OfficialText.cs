using System.Text.Json.Serialization;

namespace Watch.Domain;

/// <summary>
/// A text of the Journal officiel (JORF fonds: JORFTEXT…) or a consolidated text of Légifrance (LEGI fonds:
/// LEGITEXT…): a loi, a décret, an arrêté, a décision of the Conseil constitutionnel, a délibération of the CNIL…
/// </summary>
public sealed record OfficialText : WatchItem
{
    public override ItemKind Kind => ItemKind.OfficialText;

    /// <summary>The DILA nature, upper case as published: LOI, LOI_ORGANIQUE, DECRET, ARRETE, DECISION, DELIBERATION, CODE…</summary>
    public required string Nature { get; init; }

    /// <summary>"2023-380" for the loi n° 2023-380; null for codes and unnumbered arrêtés.</summary>
    public string? Number { get; init; }

    /// <summary>The NOR code ("SPOX2228518L"), when the text has one.</summary>
    public string? Nor { get; init; }

    /// <summary>The chronological id shared by all versions of the text (CID).</summary>
    public string? Cid { get; init; }

    /// <summary>JORF or LEGI.</summary>
    public required string Origin { get; init; }

    public DateOnly? PublicationDate { get; init; }

    /// <summary>The date of the text itself (signature), DATE_TEXTE.</summary>
    public DateOnly? SignatureDate { get; init; }

    /// <summary>TITRE, only the nature, number and date ("LOI n° 2023-380 du 19 mai 2023"); from PISTE, the full title.</summary>
    public required string ShortTitle { get; init; }

    /// <summary>TITREFULL, when it differs from the short title: with the subject ("LOI n° 2023-380 du 19 mai 2023 relative aux jeux Olympiques et Paralympiques de 2024 et portant diverses autres dispositions (1)").</summary>
    public string? FullTitle { get; init; }

    /// <summary>ETAT of this version (VIGUEUR, ABROGE, MODIFIE…), when published.</summary>
    public string? State { get; init; }

    public DateOnly? InForceFrom { get; init; }

    /// <summary>Null when the version has no end (DILA writes 2999-01-01).</summary>
    public DateOnly? InForceUntil { get; init; }

    public string Visas { get; init; } = "";
    public string Signatories { get; init; } = "";
    public string Nota { get; init; } = "";

    public IReadOnlyList<OfficialArticle> Articles { get; init; } = [];

    /// <summary>Laws the text cites (visas and articles), in order of first mention, each once.</summary>
    public IReadOnlyList<LawCitation> Citations { get; init; } = [];

    /// <summary>A loi, organique or constitutionnelle included: what décrets apply and later texts cite by its number.</summary>
    [JsonIgnore]
    public bool IsLaw => Nature is "LOI" or "LOI_ORGANIQUE" or "LOI_CONSTIT";

    [JsonIgnore]
    public override string Title => ShortTitle;

    [JsonIgnore]
    public override string? Status => State;

    [JsonIgnore]
    public override IEnumerable<string> TrackingKeys =>
        new[] { Id, Cid, Nor, Number is null ? null : $"{Nature.ToLowerInvariant()}:{Number}" }
            .Where(k => !string.IsNullOrEmpty(k)).Distinct()!;

    [JsonIgnore]
    public override IEnumerable<ItemField> Fields =>
    [
        new(FieldNames.Title, FullTitle ?? ShortTitle),
        new(FieldNames.Body, string.Join("\n", new[] { Visas }.Concat(Articles.Select(a => a.Content)).Where(t => t.Length > 0))),
    ];
}

/// <summary>
/// One article as DILA publishes it (JORFARTI… in the JORF, LEGIARTI… for a consolidated version),
/// whether read from the XML dumps or from the PISTE API.
/// </summary>
public sealed record OfficialArticle
{
    public required string Id { get; init; }

    /// <summary>The article number as printed ("1", "L121-1", "Annexe 2-4"); empty for an unnumbered article.</summary>
    public required string Number { get; init; }

    public required string Url { get; init; }

    /// <summary>JORF or LEGI.</summary>
    public required string Origin { get; init; }

    public string? State { get; init; }
    public DateOnly? StartDate { get; init; }

    /// <summary>Null when the version has no end (2999-01-01 in the XML, 32472144000000 ms in PISTE).</summary>
    public DateOnly? EndDate { get; init; }

    /// <summary>The text the article belongs to (CONTEXTE/TEXTE@cid).</summary>
    public string? TextCid { get; init; }

    public string? TextTitle { get; init; }

    /// <summary>The headings above the article, outermost first ("Chapitre I : …", "Section I : …").</summary>
    public IReadOnlyList<string> Context { get; init; } = [];

    /// <summary>The article's text, plain, one paragraph per line.</summary>
    public required string Content { get; init; }

    public string Nota { get; init; } = "";

    /// <summary>Other versions of the same article (VERSIONS/LIEN_ART), this one included.</summary>
    public IReadOnlyList<OfficialArticleVersion> Versions { get; init; } = [];
}

public sealed record OfficialArticleVersion(string Id, string? Number, string? State, DateOnly? StartDate, DateOnly? EndDate);

/// <summary>
/// A law cited by a text: « loi n° 2023-380 du 19 mai 2023 » is (2023-380, null),
/// « article 10 de la loi n° 2023-380 » is (2023-380, "10").
/// </summary>
public sealed record LawCitation(string Number, string? ArticleNumber)
{
    public override string ToString() =>
        ArticleNumber is null ? $"loi n° {Number}" : $"article {ArticleNumber} de la loi n° {Number}";
}
