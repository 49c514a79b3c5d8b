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
    public static Summary Write(Dossier dossier, EventKind kind, string? previousStatus, RelevanceResult relevance)
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
            .Labelled("Étape précédente :", kind == EventKind.StatusChanged ? previousStatus : null)
            .Labelled("Journal officiel :", step?.JournalOfficiel is { Date: { } jo } j ? $"JO n° {j.Number} du {MessageDates.Date(jo)}" : null)
            .Labelled("Pourquoi :", relevance.Explain(max: 3))
            .Build("Voir le dossier sur le site de l'Assemblée nationale");
    }

    /// <summary>
    /// One act in French: « 1re lecture à l'Assemblée nationale, décision le 19 février 2019 : adopté »,
    /// « loi n° 2019-791 promulguée le 26 juillet 2019 ».
    /// </summary>
    internal static string Describe(DossierStep step)
    {
        var date = step.Date is { } d ? $" le {MessageDates.Date(MessageDates.ParisDay(d))}" : "";
        if (step.Code == "PROM-PUB")
            return step.LawNumber is { } n ? $"loi n° {n} promulguée{date}" : $"loi promulguée{date}";
        var reading = Reading(step.Code);
        var label = step.Label.Length > 0 ? char.ToLowerInvariant(step.Label[0]) + step.Label[1..].TrimEnd('.') : step.Code;
        var conclusion = step.Conclusion is { } c ? $" : {c}" : "";
        return reading is null ? $"{label}{date}{conclusion}" : $"{reading}, {label}{date}{conclusion}";
    }

    /// <summary>The reading an act belongs to, from its code's first part (AN1-DEBATS-DEC → AN1).</summary>
    internal static string? Reading(string code)
    {
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
