using Watch.Domain;
using Watch.Parsing.AssembleeNationale;
using Watch.Parsing.Senat;

namespace Watch.Relevance;

/// <summary>
/// How relevance spreads between items that name each other, so that people hear about the steps of a
/// surveillance bill even when those steps carry no surveillance words: the agenda point « suite de la
/// discussion », the dossier's promulgation, the décret that applies the law.
/// An item <em>lends</em> keys once it is relevant; an item that <em>borrows</em> one of them is relevant too,
/// with the lender's topics and « suivi : KEY » as its reason.
/// </summary>
public static class RelevanceLinks
{
    /// <summary>A law as both a dossier (its promulgation step) and the JO (a LOI, or a text citing it) name it.</summary>
    public static string LawKey(string number) => LawPrefix + number;

    /// <summary>The law's number in a <see cref="LawKey"/>; null for any other key.</summary>
    public static string? LawNumber(string key) => key.StartsWith(LawPrefix, StringComparison.Ordinal) ? key[LawPrefix.Length..] : null;

    private const string LawPrefix = "loi:";

    public static IEnumerable<string> Lends(WatchItem item) => item switch
    {
        // A surveillance amendment makes its text watched — but not, through it, the other amendments on that
        // text: an amendment is judged on its own words (see Borrows).
        Amendment a => [a.TextRef, .. a.VotedAs is { } voted ? [voted] : Array.Empty<string>()],
        // A vote on an amendment is about that amendment, not its bill: it lends no dossier.
        Vote { Amendment: not null } v => [v.Id],
        Dossier d => d.Promulgation?.LawNumber is { } law ? [.. d.TrackingKeys, .. OtherChamber(d), LawKey(law)] : [.. d.TrackingKeys, .. OtherChamber(d)],
        // The Sénat's page links the law's JO text by its id (JORFTEXT…), which the JO's own item is tracked by.
        SenatDossier s => [.. s.TrackingKeys, .. OtherChamber(s), .. s.JorfTextIds, .. s.LawNumber is { } law ? [LawKey(law)] : Array.Empty<string>()],
        // A law published in the JO lends its number to the décrets that will apply it; a décret lends nothing:
        // it cites many laws, which must not all become watched.
        OfficialText { IsLaw: true, Number: { } number } => [LawKey(number)],
        OfficialText => [],
        _ => [.. item.TrackingKeys, .. OtherChamber(item)],
    };

    public static IEnumerable<string> Borrows(WatchItem item) => item switch
    {
        // Only the article (or annex) it amends, when that article is watched (carried over from the text before it, see
        // IngestPipeline); « après l'article 8 » creates another article.
        Amendment { Article.Additional: false } a => a.AmendedKeys,
        Amendment => [],
        // A vote on an amendment follows that amendment, not the bill: one surveillance amendment makes a whole bill watched,
        // and the hundreds of votes on its other amendments are not about surveillance. Its dossier is the fallback while
        // the texts of its reading are unknown.
        Vote { AmendmentKeys: { Count: > 0 } keys } v => [v.Id, .. keys],
        // A meeting follows the texts it names by number; it lends none of them (default, below): a convocation's other
        // lines, a hearing on intelligence, are not about the bills it also examines.
        AgendaItem a => [.. a.TrackingKeys, .. a.NamedTexts],
        // A décret, arrêté or decision citing a watched law is about it (« pris pour l'application de l'article 10 de la loi n° 2023-380 »).
        // A loi organique is a law its dossier lends as « loi:N » too, not under its nature.
        OfficialText o => [.. o.TrackingKeys, .. (o is { IsLaw: true, Number: { } own } ? [LawKey(own)] : Array.Empty<string>()),
            .. o.Citations.Select(c => LawKey(c.Number))],
        _ => [.. item.TrackingKeys, .. OtherChamber(item)],
    };

    /// <summary>
    /// The same dossier as the other chamber names it, so that a bill followed in one chamber is followed in the
    /// other: the AN's dossier names the Sénat's page (<c>senatChemin</c>); the Sénat's texts and pages name the
    /// AN's dossier (<c>url-AN</c>) by its uid, or for older dossiers by the slug of the old AN pages (<c>titreChemin</c>).
    /// </summary>
    private static IEnumerable<string> OtherChamber(WatchItem item) => item switch
    {
        Dossier d => [.. SenatDossierKey(d.SenatUrl), .. d.TitlePath is { Length: > 0 } slug ? [AnSlugKey(slug)] : Array.Empty<string>()],
        SenatDossier s => AnDossierKey(s.AssembleeDossierUrl),
        LegislativeText { Chamber: Chamber.Senat } t => AnDossierKey(t.AssembleeUrl),
        _ => [],
    };

    private static string AnSlugKey(string slug) => $"an:chemin:{slug}";

    private static IEnumerable<string> SenatDossierKey(string? url) =>
        SenatUrls.DossierSignet(url) is { } signet ? [SenatDossier.IdOf(signet)] : [];

    private static IEnumerable<string> AnDossierKey(string? url) => AnUrls.DossierPageName(url) switch
    {
        null => [],
        var uid when uid.StartsWith("DLR", StringComparison.Ordinal) => [uid],
        var slug => [AnSlugKey(slug)],
    };

    /// <summary>
    /// The result for an item that borrows from a watched key: relevant through it, with its topics. An item relevant
    /// on its own words keeps its reasons and gains the topics: an agenda point that names the bill (« sûreté dans les
    /// transports ») says which law, the watched dossier what about it is surveillance.
    /// </summary>
    public static RelevanceResult Following(RelevanceResult own, string key, IEnumerable<string> topics) => own with
    {
        Relevant = true,
        Topics = own.Topics.Union(topics).ToList(),
        Matches = own.Relevant ? own.Matches : [new RelevanceMatch("suivi", RelevanceResult.TrackedPhrase(key), RelevanceResult.TrackedField), .. own.Matches],
    };
}
