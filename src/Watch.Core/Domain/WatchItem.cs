using System.Text.Json.Serialization;

namespace Watch.Domain;

/// <summary>
/// One text field of an item as relevance sees it: its name (which decides its weight) and its plain text.
/// </summary>
public sealed record ItemField(string Name, string Text);

/// <summary>
/// Anything Watch follows. Each kind is its own record; what they share is what the pipeline needs:
/// a stable id, the fields relevance reads, the official link, and the content that decides whether a
/// new version is a change worth an event.
/// </summary>
public abstract record WatchItem
{
    public required string Id { get; init; }
    public required Chamber Chamber { get; init; }
    public abstract ItemKind Kind { get; }
    public required string Url { get; init; }

    /// <summary>Identifiers a user may track directly (dossier, text, article).</summary>
    [JsonIgnore]
    public virtual IEnumerable<string> TrackingKeys => [Id];

    /// <summary>Text fields for relevance, in plain text (HTML already stripped).</summary>
    [JsonIgnore]
    public abstract IEnumerable<ItemField> Fields { get; }

    /// <summary>A short French label for messages and tables (« Amendement n° 85 »).</summary>
    [JsonIgnore]
    public virtual string Title => Id;

    /// <summary>Where the item stands (an amendment's fate, a vote's result); a change is an event.</summary>
    [JsonIgnore]
    public virtual string? Status => null;

    /// <summary>The content whose change is an event; metadata outside it (dates, chronotags) is not.</summary>
    [JsonIgnore]
    public virtual string Substance => string.Join("\n", Fields.Select(f => f.Text));
}

/// <summary>The fields an item is classified on, named as the watchlist's weights name them (config/watchlist.json).</summary>
public static class FieldNames
{
    public const string Title = "titre";
    public const string Dispositif = "dispositif";
    public const string ExposeSommaire = "exposeSommaire";
    public const string Article = "article";
    public const string Body = "texte";

    /// <summary>The field as a reader names it: « exposé sommaire », not the AN's JSON key.</summary>
    public static string Label(string field) => field == ExposeSommaire ? "exposé sommaire" : field;
}

