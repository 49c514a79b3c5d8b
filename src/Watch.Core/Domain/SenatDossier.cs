using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Watch.Domain;

/// <summary>
/// A Sénat dossier législatif, as its page on www.senat.fr lists it
/// (<c>https://www.senat.fr/dossier-legislatif/pjl16-587.html</c>).
/// </summary>
public sealed partial record SenatDossier : WatchItem
{
    public override ItemKind Kind => ItemKind.Dossier;

    /// <summary>How every Sénat dossier id starts: its page's item, and the key relevant items lend it (see <see cref="IdOf"/>).</summary>
    public const string IdPrefix = "senat:dossier:";

    public static string IdOf(string signet) => IdPrefix + signet;

    /// <summary>
    /// Whether a key is a dossier's signet as its items carry it (« pjl22-220 », « ppl23-756 », « ppr21-480 »): a bill's
    /// or a resolution's, never a text the Sénat adopted (« tas24-021 »), which its texts carry too.
    /// </summary>
    public static bool IsSignet(string key) => SignetPattern().IsMatch(key);

    [GeneratedRegex(@"^(?:pjl|ppl|ppr)\d{2}-\d+$")]
    private static partial Regex SignetPattern();

    /// <summary>The signet of the dossier a key names, as a signet or as a dossier's id (<see cref="IdOf"/>); null for any other key.</summary>
    public static string? SignetOf(string key) =>
        IsSignet(key) ? key : key.StartsWith(IdPrefix, StringComparison.Ordinal) && IsSignet(key[IdPrefix.Length..]) ? key[IdPrefix.Length..] : null;

    /// <summary>The Sénat's key for the dossier ("pjl16-587": bill, session 2016-2017, text n° 587).</summary>
    public required string Signet { get; init; }

    /// <summary>The short name in the page heading ("Sécurité intérieure et lutte contre le terrorisme").</summary>
    public required string Name { get; init; }

    /// <summary>The full title ("Projet de loi renforçant la sécurité intérieure…").</summary>
    public string? LongTitle { get; init; }

    /// <summary>The procedure line under the title ("procédure accélérée engagée par le Gouvernement le 28 juin 2017").</summary>
    public string? Procedure { get; init; }

    /// <summary>The law the dossier became, once promulgated ("2016-1428").</summary>
    public string? LawNumber { get; init; }

    /// <summary>The "Objet du texte" box, plain text.</summary>
    public string? Summary { get; init; }

    /// <summary>The dossier's Atom feed (…/dossierleg/rss/dosleg{signet}.xml), absolute.</summary>
    public string? FeedUrl { get; init; }

    /// <summary>The same dossier on the Assemblée nationale site, when the page links it.</summary>
    public string? AssembleeDossierUrl { get; init; }

    /// <summary>Légifrance ids (JORFTEXT…) the page links to, typically the promulgated law.</summary>
    public IReadOnlyList<string> JorfTextIds { get; init; } = [];

    public IReadOnlyList<SenatDossierStep> Steps { get; init; } = [];

    /// <summary>"Cette page a été générée le …".</summary>
    public DateOnly? GeneratedOn { get; init; }

    [JsonIgnore]
    public override string Title => Name;

    /// <summary>The last step reached (« 1ère lecture - Assemblée - travaux de commission »).</summary>
    [JsonIgnore]
    public override string? Status => Steps.LastOrDefault(s => s.Done)?.Label;

    [JsonIgnore]
    public override IEnumerable<string> TrackingKeys => [Id, Signet];

    [JsonIgnore]
    public override IEnumerable<ItemField> Fields =>
    [
        new(FieldNames.Title, LongTitle is null ? Name : $"{Name}\n{LongTitle}"),
        new(FieldNames.Body, Summary ?? ""),
    ];

    /// <summary>A new document in any step is a change worth an event, not only a new title.</summary>
    [JsonIgnore]
    public override string Substance =>
        string.Join("\n", Fields.Select(f => f.Text)
            .Concat(Steps.SelectMany(s => s.Documents.Select(d => $"{s.Label}: {d.Text}"))));
}

/// <summary>
/// One step of the dossier's timeline ("1ère lecture - Sénat", "1ère lecture - Sénat - séance publique",
/// "CMP - travaux de commission").
/// <see cref="Done"/> is false for the steps the page announces as future ("Séance publique à venir").
/// </summary>
public sealed record SenatDossierStep(string Label, DateOnly? Date, bool Done, IReadOnlyList<SenatDossierDocument> Documents);

/// <summary>One line of a step (a text, a report, the amendments, a debate), with its first link if any.</summary>
public sealed record SenatDossierDocument(string Text, string? Url);
