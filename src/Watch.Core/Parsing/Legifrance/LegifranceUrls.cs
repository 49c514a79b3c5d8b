namespace Watch.Parsing.Legifrance;

/// <summary>Public Légifrance links for DILA ids, as the site spells them since its 2020 redesign.</summary>
public static class LegifranceUrls
{
    public const string Site = "https://www.legifrance.gouv.fr";

    /// <summary>A text: JORF → /jorf/id/JORFTEXT…; a code → /codes/texte_lc/LEGITEXT…; other LEGI texts → /loda/id/LEGITEXT….</summary>
    public static string Text(string id, string? nature = null) =>
        id.StartsWith("JORF", StringComparison.Ordinal) ? $"{Site}/jorf/id/{id}"
        : IsCode(nature) ? $"{Site}/codes/texte_lc/{id}"
        : $"{Site}/loda/id/{id}";

    /// <summary>An article: JORF → /jorf/article_jo/JORFARTI…; a code's → /codes/article_lc/LEGIARTI…; otherwise /loda/article_lc/….</summary>
    public static string Article(string id, string? textNature = null) =>
        id.StartsWith("JORF", StringComparison.Ordinal) ? $"{Site}/jorf/article_jo/{id}"
        : IsCode(textNature) || textNature is null ? $"{Site}/codes/article_lc/{id}"
        : $"{Site}/loda/article_lc/{id}";

    private static bool IsCode(string? nature) => string.Equals(nature, "CODE", StringComparison.OrdinalIgnoreCase);
}
