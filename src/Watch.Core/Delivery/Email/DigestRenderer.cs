using System.Text;
using Microsoft.Extensions.Options;
using Watch.Domain;
using Watch.Relevance;
using Watch.Summaries;
using Watch.Versions;

namespace Watch.Delivery.Email;

/// <summary>The events of one dossier or text in a digest, oldest first.</summary>
public sealed record DigestGroup(string Key, string Label, IReadOnlyList<StoredEvent> Events);

/// <summary>A mail's subject and its two bodies, which say the same thing.</summary>
public sealed record RenderedEmail(string Subject, string Html, string Text);

/// <summary>
/// Writes the French mails of the email channel: the weekly digest (events grouped by dossier or text,
/// each with its summary and one official link) and the double opt-in confirmation. HTML and plain text
/// are built side by side from the same lines; every value is escaped in the HTML.
/// </summary>
public sealed class DigestRenderer(IOptions<WatchlistOptions> watchlist)
{
    public const string Others = "Autres";

    /// <param name="titles">The titles of the events' dossiers that are known, by group key (see <see cref="DossierTitles"/>).</param>
    public RenderedEmail Digest(IReadOnlyList<StoredEvent> events, DateOnly from, DateOnly to, IReadOnlyCollection<string> follows, Uri unsubscribe,
        IReadOnlyDictionary<string, string> titles)
    {
        var subject = Subject(events.Count, from, to);
        var intro = events.Count == 0
            ? $"Aucun événement {Period(from, to)} sur les sujets que vous suivez : {FollowLabels(follows)}."
            : $"{Count(events.Count)} {Period(from, to)} sur les sujets que vous suivez : {FollowLabels(follows)}.";
        var html = new StringBuilder();
        var text = new StringBuilder();

        HtmlStart(html, subject);
        html.Append("<h1 style=\"font-size:22px;margin:0 0 8px 0\">Watch — veille surveillance</h1>\n");
        html.Append("<p style=\"margin:0 0 16px 0\">").Append(Escape(intro)).Append("</p>\n");
        text.Append("Watch — veille surveillance\n\n").Append(intro).Append("\n\n");

        foreach (var group in Group(events, titles))
        {
            html.Append("<h2 style=\"font-size:18px;margin:24px 0 8px 0;padding-bottom:4px;border-bottom:1px solid #cccccc\">")
                .Append(Escape(group.Label)).Append("</h2>\n<ul style=\"list-style:none;margin:0;padding:0\">\n");
            text.Append("== ").Append(group.Label).Append(" ==\n\n");
            foreach (var stored in group.Events)
                AppendEvent(html, text, stored.Summary);
            html.Append("</ul>\n");
        }

        var unsubscribeUrl = unsubscribe.AbsoluteUri;
        html.Append("<hr style=\"border:none;border-top:1px solid #cccccc;margin:24px 0 8px 0\">\n")
            .Append("<p style=\"font-size:14px;color:#555555\">Vous recevez ce courriel parce que votre adresse est abonnée au résumé hebdomadaire de Watch. ")
            .Append("<a href=\"").Append(Escape(unsubscribeUrl)).Append("\">Se désabonner</a> (un clic suffit).</p>\n");
        text.Append("-- \nVous recevez ce courriel parce que votre adresse est abonnée au résumé hebdomadaire de Watch.\n")
            .Append("Se désabonner : ").Append(unsubscribeUrl).Append('\n');
        HtmlEnd(html);
        return new RenderedEmail(subject, html.ToString(), text.ToString());
    }

    public RenderedEmail Confirmation(Uri confirm, IReadOnlyCollection<string> follows)
    {
        const string subject = "Watch — confirmez votre abonnement à la veille surveillance";
        var lines = new[]
        {
            "Bonjour,",
            $"Quelqu'un (vous, sans doute) a demandé à recevoir chaque semaine par courriel le résumé de la veille législative de Watch sur : {FollowLabels(follows)}.",
            "Pour confirmer cet abonnement, suivez ce lien :",
        };
        var after = "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : sans confirmation, vous ne recevrez rien.";

        var html = new StringBuilder();
        HtmlStart(html, subject);
        foreach (var line in lines) html.Append("<p>").Append(Escape(line)).Append("</p>\n");
        html.Append("<p><a href=\"").Append(Escape(confirm.AbsoluteUri)).Append("\">Confirmer mon abonnement</a></p>\n");
        html.Append("<p>").Append(Escape(after)).Append("</p>\n");
        HtmlEnd(html);

        var text = string.Join("\n\n", lines) + "\n" + confirm.AbsoluteUri + "\n\n" + after + "\n";
        return new RenderedEmail(subject, html.ToString(), text);
    }

    /// <summary>« Watch — veille surveillance : 12 événements du 17 au 23 novembre 2026 ».</summary>
    public static string Subject(int count, DateOnly from, DateOnly to) =>
        $"Watch — veille surveillance : {(count == 0 ? "aucun événement" : Count(count))} {Period(from, to)}";

    /// <summary>« du 17 au 23 novembre 2026 », « du 28 novembre au 4 décembre 2026 », « le 1er décembre 2026 ».</summary>
    public static string Period(DateOnly from, DateOnly to)
    {
        if (from == to) return $"le {Day(from)} {Months[from.Month - 1]} {from.Year}";
        if (from.Year != to.Year) return $"du {Day(from)} {Months[from.Month - 1]} {from.Year} au {Day(to)} {Months[to.Month - 1]} {to.Year}";
        if (from.Month != to.Month) return $"du {Day(from)} {Months[from.Month - 1]} au {Day(to)} {Months[to.Month - 1]} {to.Year}";
        return $"du {Day(from)} au {Day(to)} {Months[to.Month - 1]} {to.Year}";
    }

    /// <summary>
    /// Groups by dossier when the event names one (AN <c>DLR…</c>, Sénat <c>pjl22-220</c>), otherwise by text
    /// (the text itself for a text, the text it amends for an amendment), otherwise under « Autres », last.
    /// Groups come in the order of their first event.
    /// </summary>
    public static IReadOnlyList<DigestGroup> Group(IEnumerable<StoredEvent> events, IReadOnlyDictionary<string, string> titles) =>
        events.OrderBy(e => e.Event.Id)
            .GroupBy(e => GroupKey(e.Event))
            .OrderBy(g => g.Key == Others ? 1 : 0)
            .Select(g => new DigestGroup(g.Key, GroupLabel(g.Key, titles), g.ToList()))
            .ToList();

    public static string GroupKey(WatchEvent e)
    {
        if (e.Keys.FirstOrDefault(k => Dossier.IsId(k) || SenatDossier.IsSignet(k)) is { } dossier) return dossier;
        if (e.ItemKind is ItemKind.Text or ItemKind.OfficialText) return e.ItemId;
        return e.Keys.FirstOrDefault(k => k != e.ItemId && !k.Contains('#')) ?? Others;
    }

    internal static string GroupLabel(string key, IReadOnlyDictionary<string, string> titles)
    {
        if (key == Others) return Others;
        var senat = SenatDossier.IsSignet(key);
        if (titles.TryGetValue(key, out var title)) return $"{title} (dossier législatif, {(senat ? "Sénat" : "Assemblée nationale")})";
        if (senat) return $"Dossier législatif {key} (Sénat)";
        if (Dossier.IsId(key)) return $"Dossier législatif {key} (Assemblée nationale)";
        if (TextNames.IsAssemblee(key)) return $"{Capitalize(TextNames.Assemblee(key))} ({key})";
        if (SenatTextNumber.TryParseKey(key, out _)) return $"{Capitalize(TextNames.SenatAmended(key))} du Sénat";
        if (key.StartsWith("JORFTEXT", StringComparison.Ordinal)) return $"Journal officiel, texte {key}";
        return $"Texte {key}";
    }

    /// <summary>A followed value as a reader knows it: a topic's label, or the identifier itself.</summary>
    public string FollowLabel(string value) =>
        watchlist.Value.Topics.FirstOrDefault(t => t.Id == value) is { } topic && topic.Label.Length > 0 ? topic.Label : value;

    private string FollowLabels(IReadOnlyCollection<string> follows) =>
        follows.Count == 0 ? "aucun sujet" : string.Join(" ; ", follows.Select(FollowLabel));

    /// <summary>
    /// One event from its plain-text summary (headline, lines, link): the text part keeps it as is, the HTML
    /// part escapes each line, so nothing stored can inject markup into a mail.
    /// </summary>
    private static void AppendEvent(StringBuilder html, StringBuilder text, Summary summary)
    {
        var lines = summary.PlainText.Replace("\r\n", "\n").Split('\n').ToList();
        if (lines.Count > 0 && lines[0].Trim() == summary.Headline.Trim()) lines.RemoveAt(0);
        while (lines.Count > 0 && (string.IsNullOrWhiteSpace(lines[^1]) || lines[^1].Trim() == summary.Url)) lines.RemoveAt(lines.Count - 1);

        html.Append("<li style=\"margin:0 0 16px 0\">\n<p style=\"margin:0;font-weight:bold\">").Append(Escape(summary.Headline)).Append("</p>\n");
        if (lines.Count > 0)
            html.Append("<p style=\"margin:4px 0\">").Append(string.Join("<br>\n", lines.Select(Escape))).Append("</p>\n");
        if (IsWebLink(summary.Url))
            html.Append("<p style=\"margin:4px 0\"><a href=\"").Append(Escape(summary.Url)).Append("\">Voir sur ")
                .Append(Escape(new Uri(summary.Url).Host)).Append("</a></p>\n");
        html.Append("</li>\n");

        text.Append("• ").Append(summary.Headline).Append('\n');
        foreach (var line in lines) text.Append("  ").Append(line).Append('\n');
        if (summary.Url.Length > 0) text.Append("  ").Append(summary.Url).Append('\n');
        text.Append('\n');
    }

    private static void HtmlStart(StringBuilder html, string title) =>
        html.Append("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>").Append(Escape(title)).Append("</title>\n</head>\n")
            .Append("<body style=\"margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff\">\n")
            .Append("<div style=\"max-width:640px;margin:0 auto\">\n");

    private static void HtmlEnd(StringBuilder html) => html.Append("</div>\n</body>\n</html>\n");

    private static bool IsWebLink(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";

    /// <summary>The five characters that matter in HTML text and quoted attributes; accents stay readable.</summary>
    internal static string Escape(string value) =>
        value.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#39;");

    private static string Count(int n) => n == 1 ? "1 événement" : $"{n} événements";

    private static string Day(DateOnly d) => d.Day == 1 ? "1er" : d.Day.ToString();

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    // Written out: the French culture data may be missing on a minimal server (ICU), the month names are not.
    private static readonly string[] Months =
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
}
