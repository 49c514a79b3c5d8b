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
    /// <summary>A published law has articles that call for a décret not yet published.</summary>
    AwaitingDecree,
    /// <summary>A décret applying an awaited law article was published.</summary>
    DecreePublished,
}

/// <summary>
/// An event as stored, with the topics it matched and the identifiers (item, text, dossier, article)
/// of its item, which decide who follows it.
/// </summary>
public sealed record WatchEvent(
    long Id,
    string ItemId,
    ItemKind ItemKind,
    EventKind Kind,
    DateTimeOffset At,
    IReadOnlyList<string> Topics,
    string Reason,
    string? PreviousStatus,
    IReadOnlyList<string> Keys)
{
    /// <summary>What a subscription can name to receive this event: its topics and the identifiers of its item.</summary>
    public IReadOnlyCollection<string> Followable => [.. Topics, .. Keys];
}
