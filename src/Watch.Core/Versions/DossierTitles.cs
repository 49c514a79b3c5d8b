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
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            var id = SenatDossier.IsSignet(key) ? SenatDossier.IdOf(key) : key;
            if (!Dossier.IsId(id) && !id.StartsWith(SenatDossier.IdPrefix, StringComparison.Ordinal)) continue;
            var dossier = fresh.FirstOrDefault(i => i.Id == id) ?? await store.LatestAsync(id, ct);
            if (dossier is { Kind: ItemKind.Dossier }) titles[key] = dossier.Title;
        }
        return titles;
    }
}
