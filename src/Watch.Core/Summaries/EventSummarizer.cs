using System.Text.RegularExpressions;
using Watch.Domain;
using Watch.Relevance;
using Watch.Versions;

namespace Watch.Summaries;

/// <summary>
/// Writes the French message for an event, for a phone: the first line says what happened and to which
/// text and article, then the essentials (authors, outcome, the words that matched), then one link.
/// </summary>
public sealed partial class EventSummarizer
{
    /// <summary>Room left for the excerpt so that the whole HTML stays far below Telegram's 4096 characters.</summary>
    private const int ExcerptChars = 320;

    /// <param name="previous">The item's previous version when the event is a change of content and the kind is
    /// told by a diff (a text's articles); null otherwise.</param>
    public Summary Summarize(WatchItem item, EventKind kind, string? previousStatus, RelevanceResult relevance, WatchItem? previous = null) => item switch
    {
        LegislativeText t when kind == EventKind.ContentChanged && previous is LegislativeText p => TextChangeMessages.Write(p, t, relevance),
        Amendment { Chamber: Chamber.Senat } s => SenatMessages.Write(s, kind, previousStatus, relevance),
        LegislativeText t => SenatMessages.Write(t, kind, previousStatus, relevance),
        SenatDossier d => SenatMessages.Write(d, kind, previousStatus, relevance),
        OfficialText o => OfficialTextMessages.Write(o, kind, previousStatus, relevance),
        Amendment a => Amendment(a, kind, previousStatus, relevance),
        AgendaItem p => AgendaMessages.Write(p, kind, previousStatus, relevance),
        Vote v => VoteMessages.Write(v, kind, previousStatus, relevance),
        Dossier d => DossierMessages.Write(d, kind, previousStatus, relevance),
        _ => Generic(item, kind, previousStatus, relevance),
    };

    public Summary AwaitingDecree(OfficialText law, IReadOnlyList<string> articles, RelevanceResult relevance) =>
        DecreeMessages.Awaiting(law, articles, relevance);

    public Summary DecreePublished(OfficialText decree, IReadOnlyList<DecreeCall> answered, RelevanceResult relevance) =>
        DecreeMessages.Published(decree, answered, relevance);

    private static Summary Amendment(Amendment a, EventKind kind, string? previousStatus, RelevanceResult relevance)
    {
        var where = a.Article is { } article ? $" sur {article.ToFrench()}" : "";
        var headline = kind switch
        {
            EventKind.Created when a.IsDecided => $"{StatusEmoji(a.Status)} {a.Title} {Lower(a.Status)}{where} ({TextLabel(a.TextRef)})",
            EventKind.Created => $"📝 {a.Title} déposé{where} ({TextLabel(a.TextRef)})",
            EventKind.StatusChanged => $"{StatusEmoji(a.Status)} {a.Title} {Lower(a.Status)}{where} ({TextLabel(a.TextRef)})",
            _ => $"✏️ {a.Title} rectifié{where} ({TextLabel(a.TextRef)})",
        };
        return new SummaryBuilder(headline, a.Url)
            .Headline()
            .Labelled("Auteur :", AuthorsShort(a.Authors))
            .Labelled("Sort :", kind == EventKind.StatusChanged && previousStatus is not null ? $"{a.Status} (avant : {previousStatus})" : a.IsDecided ? a.Status : null)
            .Line(a.Dispositif.Length > 0 ? "« " + TelegramHtml.Excerpt(a.Dispositif, ExcerptChars) + " »" : null)
            .Labelled("Pourquoi :", relevance.Explain(max: 3))
            .Build("Voir l'amendement sur le site de l'Assemblée nationale");
    }

    private static Summary Generic(WatchItem item, EventKind kind, string? previousStatus, RelevanceResult relevance)
    {
        var verb = kind switch
        {
            EventKind.Created => "nouveau",
            EventKind.StatusChanged => previousStatus is null ? item.Status : $"{item.Status} (avant : {previousStatus})",
            _ => "modifié",
        };
        return new SummaryBuilder($"🔔 {item.Title} : {verb}", item.Url)
            .Headline()
            .Labelled("Pourquoi :", relevance.Explain(max: 3))
            .Build("Voir la source officielle");
    }

    private static string StatusEmoji(string status) => status switch
    {
        "Adopté" => "🔴",
        "Rejeté" => "⚪",
        _ => "🔘",
    };

    private static string Lower(string status) => status.Length > 0 ? char.ToLowerInvariant(status[0]) + status[1..] : status;

    /// <summary>« Mme Regol, Mme Arrighi, … et M. Thierry » → « Mme Regol et 36 cosignataires ».</summary>
    internal static string AuthorsShort(string authors)
    {
        var names = authors.Split([", ", " et "], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return names.Length switch
        {
            0 => "",
            1 => names[0],
            2 => $"{names[0]} et {names[1]}",
            _ => $"{names[0]} et {names.Length - 1} cosignataires",
        };
    }

    /// <summary>« PIONANR5L17BTC0636 » → « texte de la commission n° 636 », « PRJLANR5L17B0324 » → « projet de loi n° 324 ».</summary>
    internal static string TextLabel(string textRef)
    {
        var m = TextRefPattern().Match(textRef);
        if (!m.Success) return $"texte {textRef}";
        var number = int.Parse(m.Groups["num"].Value);
        if (m.Groups["tc"].Success) return $"texte de la commission n° {number}";
        return m.Groups["type"].Value switch
        {
            "PRJL" => $"projet de loi n° {number}",
            "PION" => $"proposition de loi n° {number}",
            _ => $"texte n° {number}",
        };
    }

    [GeneratedRegex(@"^(?<type>[A-Z]{4})AN[RS]5L\d+B(?<tc>TC)?(?<num>\d+)")]
    private static partial Regex TextRefPattern();
}
