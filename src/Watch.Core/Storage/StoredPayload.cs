using System.Text.Json;
using Watch.Domain;

namespace Watch.Storage;

/// <summary>A stored version's payload read back as the item it was: the JSON of its own type, named in <c>clr_type</c>.</summary>
internal static class StoredPayload
{
    public static WatchItem Read(string itemId, string clrType, byte[] payload)
    {
        var type = typeof(WatchItem).Assembly.GetType(clrType)
            ?? throw new InvalidOperationException($"Stored version of {itemId} has unknown type {clrType}.");
        return (WatchItem)(JsonSerializer.Deserialize(payload, type)
            ?? throw new InvalidOperationException($"Stored version of {itemId} is empty."));
    }
}
