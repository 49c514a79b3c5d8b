using Watch.Domain;
using Watch.Relevance;
using Watch.Versions;

namespace Watch.Summaries;

/// <summary>« Is the décret out yet? »: a law's articles waiting for their décret, and the décret that answers them.</summary>
internal static class DecreeMessages
{
    /// <summary>
    /// Worded for what the law says: one article calling for « un décret », or several décrets to wait for (one
    /// article calling for « des décrets », or several articles each calling for one), each told when it comes out.
    /// </summary>
    public static Summary Awaiting(OfficialText law, IReadOnlyList<string> articles, RelevanceResult relevance)
    {
        var plural = ImplementingDecrees.CallsForDecrees(law, articles);
        var what = (articles.Count, plural) switch
        {
            (1, false) => $"l'article {articles[0]} renvoie à un décret, pas encore publié",
            (1, true) => $"l'article {articles[0]} renvoie à des décrets, pas encore publiés",
            (_, false) => $"les articles {FrenchList.Join(articles)} renvoient chacun à un décret, pas encore publié",
            (_, true) => $"les articles {FrenchList.Join(articles)} renvoient à des décrets, pas encore publiés",
        };
        return new SummaryBuilder($"⏳ Loi n° {law.Number} : {what}", law.Url)
            .Headline()
            .Line(OfficialTextMessages.FullTitle(law))
            .Line(articles.Count == 1 && !plural
                ? "Watch vous préviendra dès que le décret paraîtra au Journal officiel."
                : "Watch vous préviendra de chacun dès sa parution au Journal officiel.")
            .Why(relevance)
            .Build("Lire la loi sur Légifrance");
    }

    public static Summary Published(OfficialText decree, IReadOnlyList<DecreeCall> answered, RelevanceResult relevance)
    {
        var applied = FrenchList.Join(answered.GroupBy(c => c.Law)
            .Select(law => law.Count() == 1
                ? $"l'article {law.First().Article} de la loi n° {law.Key}"
                : $"les articles {FrenchList.Join(law.Select(c => c.Article).ToList())} de la loi n° {law.Key}")
            .ToList());
        var builder = new SummaryBuilder($"✅ {decree.Title} publié : il applique {applied}", decree.Url).Headline();
        foreach (var call in answered.Where(c => c.Since is not null))
            builder.Line($"Décret attendu depuis le {MessageDates.Date(call.Since!.Value)} (article {call.Article} de la loi n° {call.Law}).");
        return builder.Why(relevance).Build("Lire le décret sur Légifrance");
    }
}
