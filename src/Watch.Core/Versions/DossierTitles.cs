using Watch.Domain;

namespace Watch.Versions;

/// <summary>
/// What a reader calls a dossier: its title (« Renforcement de la sûreté dans les transports »), read from the items
/// at hand or from the store. Messages and digests name a bill by it: « DLR5L16N49176 » says nothing to a reader.
/// </summary>
public static class DossierTitles
{
    /// <summary>
    /// The titles of the dossiers among <paramref name="keys"/> (AN dossier ids, Sénat dossier ids or signets) that
    /// are known, by key; the other keys are passed over without a read.
    /// </summary>
    /// <param name="fresh">Items read in the same run, not stored yet: a dossier among them is taken from there.</param>
    public static async Task<Dictionary<string, string>> ReadAsync(IVersionStore store, IEnumerable<string> keys, IEnumerable<WatchItem> fresh, CancellationToken ct)
    {
        // A Sénat item names its dossier twice (« ppl23-756 », « senat:dossier:ppl23-756 »): one read for both.
        var byId = keys.Distinct(StringComparer.Ordinal)
            .Select(key => (Key: key, Id: SenatDossier.IsSignet(key) ? SenatDossier.IdOf(key) : key))
            .Where(k => Dossier.IsId(k.Id) || k.Id.StartsWith(SenatDossier.IdPrefix, StringComparison.Ordinal))
            .GroupBy(k => k.Id, k => k.Key, StringComparer.Ordinal);
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var dossierKeys in byId)
        {
            var dossier = fresh.FirstOrDefault(i => i.Id == dossierKeys.Key) ?? await store.LatestAsync(dossierKeys.Key, ct);
            if (dossier is not { Kind: ItemKind.Dossier }) continue;
            foreach (var key in dossierKeys) titles[key] = dossier.Title;
        }
        return titles;
    }
}
