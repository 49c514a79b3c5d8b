using System.Text.RegularExpressions;
using Watch.Domain;
using Watch.Relevance;
using Watch.Versions;

namespace Watch.Summaries;

/// <summary>
/// Messages for a public vote of the Assemblée nationale: « 🗳️ Scrutin n° 788 : l'ensemble de la proposition
/// de loi relative à la sûreté dans les transports (première lecture) adopté (139 pour, 59 contre, 3 abstentions) ».
/// </summary>
internal static partial class VoteMessages
{
    private const int QuestionChars = 220;

    /// <param name="dossiers">The titles of the dossiers among the vote's keys that are known: the one it follows is named by its title.</param>
    public static Summary Write(Vote vote, EventKind kind, string? previousStatus, RelevanceResult relevance, IReadOnlyDictionary<string, string> dossiers)
    {
        var question = TelegramHtml.Excerpt(vote.Question.TrimEnd().TrimEnd('.'), QuestionChars);
        var outcome = $"{Agreed(vote.ResultCode, vote.Question)} ({Tally(vote)})";
        var headline = kind switch
        {
            EventKind.StatusChanged => $"🗳️ {vote.Title} : résultat corrigé, {question} {outcome}",
            EventKind.ContentChanged => $"🗳️ {vote.Title} rectifié : {question} {outcome}",
            _ => $"🗳️ {vote.Title} : {question} {outcome}",
        };
        var required = vote.Required is { } r ? $" ; majorité requise : {r}" : "";
        return new SummaryBuilder(headline, vote.Url)
            .Headline()
            .Labelled("Date :", $"{MessageDates.Day(vote.Date)} ({vote.TypeLabel})")
            .Labelled("Résultat :", kind == EventKind.StatusChanged && previousStatus is not null
                ? $"{Agreed(vote.ResultCode, vote.Question)} (avant : {Agreed(previousStatus, vote.Question)})" : null)
            .Labelled("Votants :", $"{vote.Voters} ; exprimés : {vote.Cast}{required}")
            .Labelled("Demandé par :", vote.Requesters.Count > 0 ? string.Join(" ; ", vote.Requesters) : null)
            .Why(relevance, dossiers)
            .Build("Voir le scrutin sur le site de l'Assemblée nationale");
    }

    /// <summary>
    /// « 139 pour, 59 contre, 3 abstentions », « 1 abstention ». A motion de censure counts only the votes for it, against
    /// the absolute majority of the members (article 49 of the Constitution): « 197 voix pour, 289 requises », not
    /// « 197 pour, 0 contre », which reads as a motion rejected with no one against it.
    /// </summary>
    internal static string Tally(Vote vote)
    {
        var c = vote.Totals;
        if (vote.TypeCode == "MOC") return vote.Required is { } required ? $"{c.For} voix pour, {required} requises" : $"{c.For} voix pour";
        return $"{c.For} pour, {c.Against} contre, {c.Abstentions} abstention{FrenchList.Plural(c.Abstentions)}";
    }

    /// <summary>
    /// The AN's result code ("adopté", "rejeté") agreed with what was voted on: « la motion de censure … rejetée »,
    /// « les amendements identiques … adoptés », « l'amendement n° 219 … et les amendements identiques suivants … rejetés »
    /// (several voted as one); « l'ensemble », « l'amendement », « le sous-amendement » stay masculine.
    /// </summary>
    internal static string Agreed(string resultCode, string question)
    {
        var q = question.TrimStart();
        if (q.StartsWith("la ", StringComparison.OrdinalIgnoreCase)) return resultCode + "e";
        if (q.StartsWith("les ", StringComparison.OrdinalIgnoreCase) || VotedOn(q).Contains(" identique", StringComparison.OrdinalIgnoreCase))
            return resultCode + "s";
        return resultCode;
    }

    /// <summary>
    /// What was voted on, before what it amends: « le sous-amendement n° 2801 de M. Meurin » of « le sous-amendement
    /// n° 2801 … à l'amendement n° 2599 … et aux amendements identiques suivants », which is one sub-amendment.
    /// </summary>
    private static string VotedOn(string question) => AmendedPart().Match(question) is { Success: true } m ? question[..m.Index] : question;

    [GeneratedRegex(@"\s(?:à l['’]|aux\s|après l['’]|avant l['’])", RegexOptions.IgnoreCase)]
    private static partial Regex AmendedPart();
}
