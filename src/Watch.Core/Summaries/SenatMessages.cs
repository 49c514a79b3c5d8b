using System.Text.RegularExpressions;
using Watch.Domain;
using Watch.Relevance;
using Watch.Versions;

namespace Watch.Summaries;

/// <summary>
/// Messages for the Sénat's items: its texts (« 📄 Sénat — Surveillance des individus condamnés (PPL) :
/// adopté par le Sénat »), its dossiers, and its amendments (linked to senat.fr, numbered COM-12 or 12).
/// </summary>
internal static partial class SenatMessages
{
    private const int ExcerptChars = 320;

    public static Summary Write(LegislativeText text, EventKind kind, string? previousStatus, RelevanceResult relevance)
    {
        var stage = text.Stage is { } s ? $" : {s}" : "";
        var headline = kind switch
        {
            EventKind.StatusChanged => $"➡️ Sénat — {text.ShortTitle}{stage}",
            EventKind.ContentChanged => $"✏️ Sénat — nouvelle version du texte « {text.ShortTitle} »",
            _ => $"📄 Sénat — {text.ShortTitle}{stage}",
        };
        var articles = text.Articles.Count(a => a.Text.Length > 0);
        return new SummaryBuilder(headline, text.Url)
            .Headline()
            .Line(text.FullTitle is { } full && full != text.ShortTitle ? TelegramHtml.Excerpt(full, 200) : null)
            .Labelled("Étape :", kind == EventKind.StatusChanged && previousStatus is not null ? $"{text.Stage} (avant : {previousStatus})" : null)
            .Labelled("Date :", text.StageDate is { } d ? FrenchDate(d) : null)
            .Labelled("Articles :", articles > 0 ? articles.ToString() : null)
            .Labelled("Pourquoi :", relevance.Explain(max: 3))
            .Build(text.DossierUrl is not null ? "Voir le dossier sur le site du Sénat" : "Voir le texte sur le site du Sénat");
    }

    public static Summary Write(SenatDossier dossier, EventKind kind, string? previousStatus, RelevanceResult relevance)
    {
        var lastDocument = dossier.Steps.LastOrDefault(st => st.Done && st.Documents.Count > 0)?.Documents[^1].Text;
        var headline = kind switch
        {
            EventKind.StatusChanged when dossier.Status is { } status => $"➡️ {dossier.Name} (Sénat) : {status}",
            EventKind.ContentChanged => $"🆕 Du nouveau au dossier « {dossier.Name} » (Sénat)",
            _ => $"📂 Dossier législatif du Sénat : {dossier.Name}",
        };
        var next = dossier.Steps.FirstOrDefault(st => !st.Done);
        return new SummaryBuilder(headline, dossier.Url)
            .Headline()
            .Labelled("Procédure :", dossier.Procedure)
            .Labelled("Étape :", kind == EventKind.StatusChanged ? previousStatus is null ? null : $"avant : {previousStatus}" : dossier.Status)
            .Labelled("Dernier document :", kind == EventKind.ContentChanged ? lastDocument : null)
            .Labelled("À venir :", next is null ? null : next.Date is { } nd ? $"{next.Label} ({FrenchDate(nd)})" : next.Label)
            .Labelled("Pourquoi :", relevance.Explain(max: 3))
            .Build("Voir le dossier sur le site du Sénat");
    }

    public static Summary Write(Amendment a, EventKind kind, string? previousStatus, RelevanceResult relevance)
    {
        var where = a.Article is { } article ? $" sur {article.ToFrench()}" : "";
        var text = TextLabel(a.TextRef);
        var headline = kind switch
        {
            EventKind.Created when a.IsDecided => $"{StatusEmoji(a.Status)} Sénat — {a.Title} {Lower(a.Status)}{where} ({text})",
            EventKind.Created => $"📝 Sénat — {a.Title} déposé{where} ({text})",
            EventKind.StatusChanged => $"{StatusEmoji(a.Status)} Sénat — {a.Title} {Lower(a.Status)}{where} ({text})",
            _ => $"✏️ Sénat — {a.Title} rectifié{where} ({text})",
        };
        return new SummaryBuilder(headline, a.Url)
            .Headline()
            .Labelled("Auteur :", EventSummarizer.AuthorsShort(a.Authors))
            .Labelled("Au nom de :", a.GroupRef)
            .Labelled("Sort :", kind == EventKind.StatusChanged && previousStatus is not null ? $"{a.Status} (avant : {previousStatus})" : a.IsDecided ? a.Status : null)
            .Line(a.Dispositif.Length > 0 ? "« " + TelegramHtml.Excerpt(a.Dispositif, ExcerptChars) + " »" : null)
            .Labelled("Pourquoi :", relevance.Explain(max: 3))
            .Build("Voir l'amendement sur le site du Sénat");
    }

    /// <summary>« senat:2017-2018:583 » → « texte n° 583 (2017-2018) ».</summary>
    internal static string TextLabel(string textRef) =>
        SenatTextRef().Match(textRef) is { Success: true } m ? $"texte n° {m.Groups["num"].Value} ({m.Groups["session"].Value})" : $"texte {textRef}";

    private static string StatusEmoji(string status) => status switch
    {
        "Adopté" => "🔴",
        "Rejeté" => "⚪",
        _ => "🔘",
    };

    private static string Lower(string status) => status.Length > 0 ? char.ToLowerInvariant(status[0]) + status[1..] : status;

    private static readonly string[] Months =
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

    internal static string FrenchDate(DateOnly d) => $"{(d.Day == 1 ? "1er" : d.Day.ToString())} {Months[d.Month - 1]} {d.Year}";

    [GeneratedRegex(@"^senat:(?<session>\d{4}-\d{4}):(?<num>\d+)$")]
    private static partial Regex SenatTextRef();
}
