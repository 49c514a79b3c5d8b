using Watch.Domain;
using Watch.Parsing.AssembleeNationale;
using Watch.Parsing.Senat;
using Watch.Versions;

namespace Watch.Pipeline;

/// <summary>
/// The text before a text in its dossier, in either chamber: a bill's commission text follows the bill, and the text
/// the Sénat received follows the one the Assemblée adopted. Each chamber's chain is stored (the AN's dossier acts, the
/// Sénat's workflow steps); the AN's acts name the Sénat's texts too (<see cref="SenatTextRefs"/>), which joins the two.
/// </summary>
internal sealed class TextChain(IVersionStore store)
{
    /// <summary>
    /// The latest version of the nearest text before <paramref name="text"/>, read in this batch (a bill and the
    /// commission's text read together) or stored; null when none is known.
    /// </summary>
    public async Task<LegislativeText?> EarlierAsync(LegislativeText text, IReadOnlyDictionary<string, LegislativeText> batch, CancellationToken ct)
    {
        IReadOnlyList<string>? senatNames = null; // read once, when the AN's chain first reaches a Sénat text
        foreach (var earlier in await store.EarlierTextsAsync(text.Name, ct))
        {
            if (await ReadAsync(text.SiblingId(earlier), batch, ct) is { } found) return found;
            // The AN's next text after the Sénat's reading follows the Sénat's text.
            if (text.Chamber != Chamber.AssembleeNationale || !SenatTextRefs.IsSenatText(earlier)) continue;
            senatNames ??= await SenatNamesAsync(text, ct);
            foreach (var id in SenatIds(earlier, senatNames))
                if (await ReadAsync(id, batch, ct) is { } senat) return senat;
        }
        return text.Chamber == Chamber.Senat ? await TransmittedAsync(text, batch, ct) : null;
    }

    /// <summary>The stored texts <paramref name="dossier"/> names, in its order: the AN's own, and the Sénat's under their Sénat names.</summary>
    public async Task<List<LegislativeText>> StoredTextsAsync(Dossier dossier, CancellationToken ct)
    {
        var senatNames = await SenatNamesAsync(dossier, ct);
        var texts = new List<LegislativeText>();
        foreach (var textRef in dossier.TextRefs)
        {
            var ids = SenatTextRefs.IsSenatText(textRef) ? SenatIds(textRef, senatNames) : [LegislativeText.AssembleeId(textRef)];
            foreach (var id in ids)
                if (await store.LatestAsync(id, ct) is LegislativeText stored) texts.Add(stored);
        }
        return texts;
    }

    /// <summary>
    /// For a Sénat text with no earlier Sénat text known (the bill the Assemblée transmitted), the nearest AN text before
    /// it in the acts of the AN dossier its <c>url-AN</c> names.
    /// </summary>
    private async Task<LegislativeText?> TransmittedAsync(LegislativeText text, IReadOnlyDictionary<string, LegislativeText> batch, CancellationToken ct)
    {
        if (AnUrls.DossierPageName(text.AssembleeUrl) is not { } dossier || !Dossier.IsId(dossier)) return null;
        var refs = await store.DossierTextsAsync(dossier, ct);
        for (var i = LastIndex(refs, r => SenatTextRefs.Names(r, text.Name)) - 1; i >= 0; i--)
            if (!SenatTextRefs.IsSenatText(refs[i]) && await ReadAsync(LegislativeText.AssembleeId(refs[i]), batch, ct) is { } found) return found;
        return null;
    }

    /// <summary>The texts of the Sénat's dossier that the dossier of <paramref name="anText"/> names, by their Sénat names.</summary>
    private async Task<IReadOnlyList<string>> SenatNamesAsync(LegislativeText anText, CancellationToken ct) =>
        (await store.DossiersOfTextsAsync([anText.Name], ct)).GetValueOrDefault(anText.Name) is { } dossierId
        && await store.LatestAsync(dossierId, ct) is Dossier dossier
            ? await SenatNamesAsync(dossier, ct)
            : [];

    /// <summary>The ids of the Sénat texts among <paramref name="senatNames"/> that the AN's <paramref name="senatRef"/> names.</summary>
    private static IEnumerable<string> SenatIds(string senatRef, IReadOnlyList<string> senatNames) =>
        senatNames.Where(n => SenatTextRefs.Names(senatRef, n)).Select(LegislativeText.SenatId);

    /// <summary>The texts of the Sénat's dossier an AN dossier names (<c>senatChemin</c>), by their Sénat names.</summary>
    private async Task<IReadOnlyList<string>> SenatNamesAsync(Dossier dossier, CancellationToken ct) =>
        SenatUrls.DossierSignet(dossier.SenatUrl) is { } signet ? await store.DossierTextsAsync(SenatDossier.IdOf(signet), ct) : [];

    private async Task<LegislativeText?> ReadAsync(string id, IReadOnlyDictionary<string, LegislativeText> batch, CancellationToken ct) =>
        batch.TryGetValue(id, out var read) ? read : await store.LatestAsync(id, ct) as LegislativeText;

    private static int LastIndex(IReadOnlyList<string> refs, Func<string, bool> match)
    {
        for (var i = refs.Count - 1; i >= 0; i--)
            if (match(refs[i])) return i;
        return -1;
    }
}
