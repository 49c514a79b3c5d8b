namespace Watch.Summaries;

/// <summary>Assemblée nationale organs as messages name them, for agenda points and amendments alike.</summary>
internal static class AnOrgans
{
    /// <summary>
    /// The séance publique, one organ per legislature: the 15th's is the organ of the Assemblée's sittings in the recorded
    /// dossiers of that legislature (their AN…-DEBATS acts); the 16th's the organ of that legislature's séance amendments
    /// (« AMANR5L16PO791932B1680P1D1N… », the 2024 budget in séance, as the AN's site serves them); the 17th's the organ
    /// of every amendment numbered without a commission prefix in its dump (13,903 of 26,257 in the recorded corpus).
    /// </summary>
    private static readonly HashSet<string> Seances = new(StringComparer.Ordinal) { "PO717460", "PO791932", "PO838901" };

    /// <summary>
    /// The permanent commissions, whose organ refs do not change between legislatures (checked against the
    /// prefixes of their amendments in the 17th legislature's dump: CL, CF, AS, CE, CD, AC, DN, AE).
    /// Special commissions are created per bill and keep the generic wording.
    /// </summary>
    private static readonly Dictionary<string, string> Commissions = new(StringComparer.Ordinal)
    {
        ["PO59051"] = "commission des lois",
        ["PO59048"] = "commission des finances",
        ["PO420120"] = "commission des affaires sociales",
        ["PO419610"] = "commission des affaires économiques",
        ["PO419865"] = "commission du développement durable",
        ["PO419604"] = "commission des affaires culturelles et de l'éducation",
        ["PO59046"] = "commission de la défense",
        ["PO59047"] = "commission des affaires étrangères",
    };

    /// <summary>« commission des lois » for a permanent commission's organ ref, otherwise null.</summary>
    public static string? Commission(string organRef) => Commissions.GetValueOrDefault(organRef);

    /// <summary>« en séance publique », « en commission des lois », or null for an organ not known.</summary>
    public static string? Where(string organRef) =>
        Seances.Contains(organRef) ? "en séance publique" : Commission(organRef) is { } name ? $"en {name}" : null;
}
