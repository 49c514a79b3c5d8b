using Watch.Domain;

namespace Watch.Versions;

/// <summary>What happened to an item between two stored versions.</summary>
public enum EventKind
{
    /// <summary>First time Watch sees a relevant item (an amendment is filed, a text is published).</summary>
    Created,
    /// <summary>An amendment's fate changed (adopté, rejeté, tombé, irrecevable…).</summary>
    StatusChanged,
    /// <summary>The substance changed (an amendment's dispositif was rectified, a text's articles changed).</summary>
    ContentChanged,
}

/// <summary>
/// An event as stored: it carries the item version it was computed from, so a summary can be
/// rendered again (for another channel, for the digest) without going back to the source.
/// </summary>
public sealed record WatchEvent(
    long Id,
    string ItemId,
    ItemKind ItemKind,
    EventKind Kind,
    DateTimeOffset At,
    IReadOnlyList<string> Topics,
    string Reason,
    string? PreviousStatus);
