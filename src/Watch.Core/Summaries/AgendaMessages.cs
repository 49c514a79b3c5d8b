using System.Text;
using System.Text.RegularExpressions;
using Watch.Domain;
using Watch.Relevance;
using Watch.Versions;

namespace Watch.Summaries;

/// <summary>
/// Messages for a point of the Assemblée nationale agenda: « 📅 À l'ordre du jour le mardi 11 février 2025 à
/// 21 h 30 en séance publique : Suite de la discussion de la proposition de loi … », and the same point
/// removed from the agenda or moved.
/// </summary>
internal static partial class AgendaMessages
{
    private const int SubjectChars = 220;

    /// <param name="dossiers">The titles of the point's dossiers that are known, or of the dossiers of the texts a convocation names by
    /// number: a commission's point often says no more than « Examen du texte ».</param>
    public static Summary Write(AgendaItem item, EventKind kind, string? previousStatus, RelevanceResult relevance, IReadOnlyDictionary<string, string> dossiers)
    {
        var when = MessageDates.DayAndTime(item.Start);
        var where = Where(item);
        // A commission's point often says no more than « Examen du texte »: the dossier's title says which bill.
        var untold = item.DossierRefs.Select(id => dossiers.GetValueOrDefault(id)).OfType<string>()
            .Where(name => !item.Subject.Contains(name, StringComparison.OrdinalIgnoreCase)).ToList();
        var told = Subject(item, relevance);
        // A convocation names no dossier, but the texts it examines by number, whose dossiers are known.
        var shown = item.DossierRefs.Count > 0 ? item.DossierRefs : [.. dossiers.Keys.Where(Dossier.IsId)];
        var subject = TelegramHtml.Excerpt(untold.Count > 0 ? $"{told} — {string.Join(" ; ", untold)}" : told, SubjectChars);
        var status = item.Status ?? item.State;
        var headline = (kind, item.IsCancelled) switch
        {
            (_, true) when status == AgendaStates.Cancelled => $"❌ Réunion annulée ({where}, {when}) : {subject}",
            (_, true) => $"❌ Retiré de l'ordre du jour ({where}, {when}) : {subject}",
            (EventKind.StatusChanged, false) when previousStatus is not null && AgendaStates.IsCancelled(previousStatus)
                => $"📅 De nouveau à l'ordre du jour le {when} {where} : {subject}",
            (EventKind.StatusChanged, false) when status == AgendaStates.Confirmed
                => $"📅 Confirmé : à l'ordre du jour le {when} {where} : {subject}",
            (EventKind.ContentChanged, false) => $"🕑 Ordre du jour modifié : désormais le {when} {where} : {subject}",
            _ when status == AgendaStates.Tentative => $"📅 À l'ordre du jour, sous réserve, le {when} {where} : {subject}",
            _ => $"📅 À l'ordre du jour le {when} {where} : {subject}",
        };
        return new SummaryBuilder(headline, item.Url)
            .Headline()
            .Labelled("Point :", item.PointType)
            .Labelled("Statut :", kind == EventKind.StatusChanged && previousStatus is not null ? $"{status} (avant : {previousStatus})" : null)
            .Labelled("Lieu :", item.Location is { } l && l != "Assemblée nationale" ? l : null)
            .Labelled(shown.Count > 1 ? "Dossiers :" : "Dossier :", string.Join(" ; ", shown.Select(id => dossiers.TryGetValue(id, out var name) ? $"{name} ({id})" : id)))
            .Why(relevance, dossiers)
            .Build(item.DossierRefs.Count > 0 ? "Voir le dossier sur le site de l'Assemblée nationale" : "Voir sur le site de l'Assemblée nationale");
    }

    /// <summary>
    /// A convocation's lines as one sentence, each told apart (« … sur la rentrée scolaire ; Désignation des rapporteurs »).
    /// In a flat list under one heading, those holding a phrase the relevance matched, or naming the text it follows by
    /// number (« … (n° 1112) »), come first, after the heading
    /// (« Nomination de rapporteurs sur : - … de M. Vincent Mazauric en tant que président de la CNCTR ; - … »): the
    /// headline has room for one or two lines, and the reason for the alert may be the fifth. Lines under several
    /// headings or hours (« À 14 heures : », « - A 11h : … ») keep their order: moved, a hearing would take another's hour.
    /// </summary>
    private static string Subject(AgendaItem item, RelevanceResult relevance)
    {
        var lines = item.Subject.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length < 2) return item.Subject;
        var phrases = relevance.Matches.Where(m => m.Field != RelevanceResult.TrackedField).Select(m => m.Phrase).Distinct().ToList();
        var followed = relevance.Matches.Where(m => m.Field == RelevanceResult.TrackedField).Select(m => m.Phrase).ToHashSet(StringComparer.Ordinal);
        bool Why(string line) => RelevanceClassifier.MentionedIn(line, phrases, relevance.MaxGap).Count > 0 || item.TextsNamedIn(line).Any(followed.Contains);
        var heading = lines[0].EndsWith(':') ? lines[0] : null;
        var rest = lines.Skip(heading is null ? 0 : 1).ToList();
        var flat = !rest.Any(line => line.EndsWith(':') || Hour().IsMatch(line));
        // A stable sort: the lines keep their order within the matched and the others.
        var ordered = flat ? rest.OrderBy(line => !Why(line)).ToList() : rest;
        var told = new StringBuilder();
        foreach (var line in new[] { heading }.OfType<string>().Concat(ordered))
        {
            if (told.Length > 0) told.Append(told[^1] is ';' or ':' or '.' or ',' ? " " : " ; ");
            told.Append(line);
        }
        return told.ToString();
    }

    /// <summary>« À 14 heures », « - A 11h : », « à 9 h 30 » opening a line.</summary>
    [GeneratedRegex(@"^(?:-\s*)?[àÀaA]\s*\d{1,2}\s*h", RegexOptions.IgnoreCase)]
    private static partial Regex Hour();

    /// <summary>« en séance publique », « en commission des lois », « en réunion de commission ».</summary>
    internal static string Where(AgendaItem item) => item.MeetingKind switch
    {
        MeetingKind.Seance => "en séance publique",
        MeetingKind.Commission when item.OrganeRef is { } o && AnOrgans.Commission(o) is { } name => $"en {name}",
        MeetingKind.Commission => "en réunion de commission",
        _ => "en réunion parlementaire",
    };
}
