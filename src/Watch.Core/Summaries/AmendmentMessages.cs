using System.Text.RegularExpressions;
using Watch.Domain;
using Watch.Parsing.Senat;
using Watch.Relevance;
using Watch.Versions;

namespace Watch.Summaries;

/// <summary>
/// An amendment filed, decided or rectified, in either chamber: « ⚪ Amendement n° 85 rejeté sur un article
/// additionnel après l'article 9 (texte de la commission n° 636) », then its authors, its fate, an excerpt of
/// its dispositif, why it matched, and the official page. Its fate says where and when it was decided (« Adopté en
/// commission des lois le 27 novembre 2024 ») as far as the data says it.
/// </summary>
internal static partial class AmendmentMessages
{
    /// <summary>Room left for the excerpt so that the whole HTML stays far below Telegram's 4096 characters.</summary>
    private const int ExcerptChars = 320;

    /// <param name="dossiers">The titles of the amended text's dossiers that are known: the text is named by its number only.</param>
    public static Summary Write(Amendment a, EventKind kind, string? previousStatus, RelevanceResult relevance, IReadOnlyDictionary<string, string> dossiers)
    {
        var senat = a.Chamber == Chamber.Senat;
        var subject = senat ? $"Sénat — {a.Title}" : a.Title;
        var where = a.Article is { } article ? $" sur {article.ToFrench()}" : "";
        var text = senat ? TextNames.SenatAmended(a.TextRef) : TextNames.Assemblee(a.TextRef);
        var headline = kind switch
        {
            EventKind.Created when a.IsDecided => $"{StatusEmoji(a.Status)} {subject} {Lower(a.Status)}{where} ({text})",
            EventKind.Created => $"📝 {subject} déposé{where} ({text})",
            EventKind.StatusChanged => $"{StatusEmoji(a.Status)} {subject} {Lower(a.Status)}{where} ({text})",
            _ => $"✏️ {subject} rectifié{where} ({text})",
        };
        return new SummaryBuilder(headline, a.Url)
            .Headline()
            .Labelled("Dossier :", dossiers.Count > 0 ? string.Join(" ; ", dossiers.Values.Distinct()) : null)
            .Labelled("Auteur :", AuthorsShort(a.Authors))
            .Labelled("Au nom de :", senat ? a.GroupRef : null) // the Sénat names it; the AN gives an organ id
            .Labelled("Sort :", kind == EventKind.StatusChanged && previousStatus is not null ? $"{Outcome(a)} (avant : {previousStatus})" : a.IsDecided ? Outcome(a) : null)
            // A credit amendment's « dispositif » is its programmes' labels, not words it writes: what it moves is told instead.
            .Line(a.Credits is null && a.Dispositif.Length > 0 ? "« " + TelegramHtml.Excerpt(a.Dispositif, ExcerptChars) + " »" : null)
            .Labelled("Crédits :", a.Credits is { } credits ? CreditChanges(credits) : null)
            .Why(relevance, dossiers)
            .Build(senat ? "Voir l'amendement sur le site du Sénat" : "Voir l'amendement sur le site de l'Assemblée nationale");
    }

    /// <summary>At most this many programmes are told one by one; beyond, the first few and how many more.</summary>
    private const int CreditProgrammesShown = 4;

    /// <summary>
    /// A programme's label is cut past this (the corpus's longest has 267 characters): four of them and their sums stay
    /// within about twice <see cref="ExcerptChars"/>.
    /// </summary>
    private const int ProgrammeChars = 150;

    /// <summary>
    /// « +8 000 000 € sur « Administration territoriale de l'État », −8 000 000 € sur « Conduite et pilotage des
    /// politiques de l'intérieur » »: the programmes a credit amendment changes, in its table's order; autorisations
    /// d'engagement and crédits de paiement told apart only when they differ (« AE +9 769 622 €, CP +3 111 715 € »,
    /// then programmes are parted by semicolons). Past <see cref="CreditProgrammesShown"/> programmes, the first ones
    /// and « et 4 autres programmes ». Null when it changes none: nothing is said rather than something false.
    /// </summary>
    internal static string? CreditChanges(IReadOnlyList<ProgrammeCredit> credits)
    {
        var changed = credits.Where(c => c.Changes).ToList();
        if (changed.Count == 0) return null;
        var shown = changed.Count <= CreditProgrammesShown ? changed : changed.Take(CreditProgrammesShown - 1).ToList();
        var split = shown.Any(c => c.Commitments != c.Payments);
        var parts = shown.Select(c =>
            (c.Commitments == c.Payments ? FrenchAmounts.SignedEuros(c.Payments)
                : $"AE {FrenchAmounts.SignedEuros(c.Commitments)}, CP {FrenchAmounts.SignedEuros(c.Payments)}")
            + $" sur « {TelegramHtml.Excerpt(c.Programme, ProgrammeChars)} »" + (c.Created ? " (programme créé)" : "")).ToList();
        var more = changed.Count - shown.Count;
        return string.Join(split ? " ; " : ", ", parts) + (more > 0 ? $" et {more} autres programmes" : "");
    }

    /// <summary>
    /// « Adopté en commission des lois le 27 novembre 2024 », « Rejeté en séance publique le 3 février 2025 »: a
    /// discussed amendment's fate, where and when it was decided as far as the data says it (an organ not known is
    /// not named; the Sénat's export gives no date, and says « commission » by its COM- numbers only).
    /// </summary>
    private static string Outcome(Amendment a)
    {
        if (a.State != AmendmentStatus.Discussed || string.IsNullOrWhiteSpace(a.Sort)) return a.Status;
        var where = a.Chamber == Chamber.Senat
            ? SenatUrls.IsCommissionAmendment(a.Number) ? "en commission" : null
            : a.ExaminingOrgan is { } organ ? AnOrgans.Where(organ) : null;
        var when = a.DecisionDate is { } at ? $"le {MessageDates.Date(at)}" : null;
        return string.Join(" ", new[] { a.Status, where, when }.OfType<string>());
    }

    private static string StatusEmoji(string status) => status switch
    {
        "Adopté" => "🔴",
        "Rejeté" => "⚪",
        _ => "🔘",
    };

    private static string Lower(string status) => status.Length > 0 ? char.ToLowerInvariant(status[0]) + status[1..] : status;

    /// <summary>
    /// « Mme Regol, Mme Arrighi, … et M. Thierry » → « Mme Regol et 36 cosignataires ». What follows a name in lower
    /// case is said of that name, not another author: « M. FORISSIER, rapporteur » (the Sénat), « Mme Le Feur,
    /// rapporteure pour avis au nom de la commission du développement durable et de l'aménagement du territoire, … ».
    /// The AN ends a group's amendments with « … et les membres du groupe Gauche Démocrate et Républicaine »: the group,
    /// whose name has capitals of its own, is kept whole after the shortened list (« M. Vicot, 65 cosignataires et les
    /// membres du groupe Socialistes et apparentés »).
    /// </summary>
    internal static string AuthorsShort(string authors)
    {
        authors = authors.Trim();
        var group = GroupMembers().Match(authors);
        var names = NextAuthor().Split(group.Success ? authors[..group.Index] : authors);
        var members = group.Success ? $" et {group.Groups["group"].Value}" : "";
        return names.Length switch
        {
            1 => names[0] + members,
            2 when group.Success => $"{names[0]}, {names[1]}{members}",
            2 => $"{names[0]} et {names[1]}",
            _ when group.Success => $"{names[0]}, {names.Length - 1} cosignataires{members}",
            _ => $"{names[0]} et {names.Length - 1} cosignataires",
        };
    }

    [GeneratedRegex(@"(?:,|\s+et)\s+(?=\p{Lu})")]
    private static partial Regex NextAuthor();

    [GeneratedRegex(@"\s+et\s+(?<group>les membres du groupe\s.+)$")]
    private static partial Regex GroupMembers();
}
