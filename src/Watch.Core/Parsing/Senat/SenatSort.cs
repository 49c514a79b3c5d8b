using Watch.Domain;

namespace Watch.Parsing.Senat;

/// <summary>
/// Where a Sénat amendment stands, in the <see cref="Domain.Amendment"/> vocabulary shared with the Assemblée:
/// State (Déposé, Discuté, Retiré, or the irrecevabilité as printed), Sort (the outcome, AN words where the
/// meaning is the same: Adopté, Rejeté, Retiré, Tombé, Non soutenu; the Sénat's own label otherwise, e.g.
/// "Satisfait ou sans objet"), SubState (the Sénat label when it was folded, e.g. "Cet amendement est retiré avant séance").
/// </summary>
public readonly record struct SenatSort(string State, string? Sort, string? SubState)
{
    public static SenatSort Of(string? raw)
    {
        var label = raw?.Trim() ?? "";
        if (label.Length == 0) return new(AmendmentStatus.Filed, null, null);
        var lower = label.ToLowerInvariant();
        if (lower.StartsWith("irrecevable")) return new(label, null, label);
        // A ruling that the amendment may be discussed (« Recevable art. 40 C / LOLF »), or that the ruling is
        // awaited (« En attente de recevabilité financière »): not its fate, which the séance decides later.
        if (lower.StartsWith("recevable") || lower.StartsWith("en attente")) return new(AmendmentStatus.Filed, null, label);
        if (lower.Contains("retiré")) return new("Retiré", "Retiré", label == "Retiré" ? null : label);
        if (lower.StartsWith("adopté")) return new(AmendmentStatus.Discussed, "Adopté", label == "Adopté" ? null : label);
        if (lower.StartsWith("rejeté")) return new(AmendmentStatus.Discussed, "Rejeté", label == "Rejeté" ? null : label);
        if (lower.StartsWith("tombé")) return new(AmendmentStatus.Discussed, "Tombé", label == "Tombé" ? null : label);
        if (lower.StartsWith("non soutenu")) return new(AmendmentStatus.Discussed, "Non soutenu", label == "Non soutenu" ? null : label);
        return new(AmendmentStatus.Discussed, label, null);
    }
}
