using Watch.Domain;

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
    public static string LawKey(string number) => $"loi:{number}";

    public static IEnumerable<string> Lends(WatchItem item) => item switch
    {
        // A surveillance amendment makes its text watched — but not, through it, the other amendments on that
        // text: an amendment is judged on its own words (see Borrows).
        Amendment a => [a.TextRef],
        Dossier d => d.Promulgation?.LawNumber is { } law ? [.. d.TrackingKeys, LawKey(law)] : d.TrackingKeys,
        // A law published in the JO lends its number to the décrets that will apply it; a décret lends nothing:
        // it cites many laws, which must not all become watched.
        OfficialText { Nature: "LOI", Number: { } number } => [LawKey(number)],
        OfficialText => [],
        _ => item.TrackingKeys,
    };

    public static IEnumerable<string> Borrows(WatchItem item) => item switch
    {
        Amendment => [],
        // A décret, arrêté or decision citing a watched law is about it (« pris pour l'application de l'article 10 de la loi n° 2023-380 »).
        OfficialText o => [.. o.TrackingKeys, .. o.Citations.Select(c => LawKey(c.Number))],
        _ => item.TrackingKeys,
    };

    /// <summary>The result for an item that borrows relevance from a watched key.</summary>
    public static RelevanceResult Following(RelevanceResult own, string key, IReadOnlyList<string> topics) => own with
    {
        Relevant = true,
        Topics = own.Topics.Union(topics).ToList(),
        Matches = [new RelevanceMatch("suivi", key, RelevanceResult.TrackedField), .. own.Matches],
    };
}
