using Watch.Domain;
using Watch.Relevance;
using Watch.Versions;

namespace Watch.Summaries;

/// <summary>
/// Messages for a dossier législatif of the Assemblée nationale: a new dossier, and each new step of its path
/// (« ➡️ Ecole de la confiance : Conseil constitutionnel, décision le 25 juillet 2019 : Partiellement conforme »).
/// </summary>
internal static class DossierMessages
{
    public static Summary Write(Dossier dossier, EventKind kind, string? previousStatus, RelevanceResult relevance, IReadOnlyDictionary<string, string>? dossiers = null)
    {
        var step = dossier.CurrentStep;
        var stepText = step is null ? null : Describe(step);
        var headline = kind switch
        {
            EventKind.StatusChanged when stepText is not null => $"➡️ {dossier.Name} : {stepText}",
            EventKind.ContentChanged => $"✏️ Dossier renommé : {dossier.Name}",
            _ => $"📂 Dossier législatif : {dossier.Name}",
        };
        return new SummaryBuilder(headline, dossier.Url)
            .Headline()
            .Labelled("Procédure :", dossier.Procedure)
            .Labelled("Dernière étape :", kind == EventKind.StatusChanged ? null : stepText)
            .Labelled("Étape précédente :", kind == EventKind.StatusChanged && previousStatus is not null ? Previous(previousStatus) : null)
            .Labelled("Journal officiel :", step?.JournalOfficiel is { Date: { } jo } j ? $"JO n° {j.Number} du {MessageDates.Date(jo)}" : null)
            .Why(relevance, dossiers)
            .Build("Voir le dossier sur le site de l'Assemblée nationale");
    }

    /// <summary>
    /// One act in French: « 1re lecture à l'Assemblée nationale, décision le 19 février 2019 : adopté »,
    /// « loi n° 2019-791 promulguée le 26 juillet 2019 ».
    /// </summary>
    internal static string Describe(DossierStep step)
    {
        var date = step.Date is { } d ? $" le {MessageDates.Date(d)}" : "";
        if (step.Code == "PROM-PUB")
            return step.LawNumber is { } n ? $"loi n° {n} promulguée{date}" : $"loi promulguée{date}";
        var conclusion = step.Conclusion is { } c ? $" : {c}" : "";
        return $"{Act(step.Code, step.Label)}{date}{conclusion}";
    }

    /// <summary>
    /// The step a dossier left, from the status stored for it (« Décision : adopté (AN1-DEBATS-DEC) », see
    /// <see cref="Dossier.Status"/>), told as <see cref="Describe"/> tells a step: « 1re lecture à l'Assemblée
    /// nationale, décision : adopté ».
    /// </summary>
    internal static string Previous(string status) =>
        Dossier.ReadStatus(status) is var (label, conclusion, code) ? Act(code, label) + (conclusion is null ? "" : $" : {conclusion}") : status;

    /// <summary>
    /// The act's label after its reading, said once: the AN labels a reading's own act with the reading's name
    /// (« Commission Mixte Paritaire ») or names it in the label (« Conclusion du conseil constitutionnel »).
    /// </summary>
    private static string Act(string code, string label)
    {
        var reading = Reading(code);
        label = label.Length > 0 ? char.ToLowerInvariant(label[0]) + label[1..].TrimEnd('.') : code;
        if (reading is null) return label;
        if (label.Equals(reading, StringComparison.OrdinalIgnoreCase)) return reading;
        var named = label.IndexOf(reading, StringComparison.OrdinalIgnoreCase);
        return named >= 0 ? label[..named] + reading + label[(named + reading.Length)..] : $"{reading}, {label}";
    }

    /// <summary>
    /// The reading an act belongs to, from its code's first part (AN1-DEBATS-DEC → AN1). The chambers' sittings on
    /// the CMP's text (CMP-DEBATS-AN, CMP-DEBATS-SN) are each chamber's, not the CMP's.
    /// </summary>
    internal static string? Reading(string code)
    {
        if (code.StartsWith("CMP-DEBATS-AN", StringComparison.Ordinal)) return "lecture du texte de la CMP à l'Assemblée nationale";
        if (code.StartsWith("CMP-DEBATS-SN", StringComparison.Ordinal)) return "lecture du texte de la CMP au Sénat";
        var part = code.Split('-')[0];
        return part switch
        {
            "ANNLEC" => "nouvelle lecture à l'Assemblée nationale",
            "SNNLEC" => "nouvelle lecture au Sénat",
            "ANLDEF" => "lecture définitive à l'Assemblée nationale",
            "CMP" => "commission mixte paritaire",
            "CC" => "Conseil constitutionnel",
            _ when part.Length > 2 && part[..2] is "AN" or "SN" && int.TryParse(part[2..], out var n)
                => $"{(n == 1 ? "1re" : $"{n}e")} lecture {(part[..2] == "AN" ? "à l'Assemblée nationale" : "au Sénat")}",
            _ => null,
        };
    }
}
