using Watch.Domain;
using Watch.Relevance;
using Watch.Versions;

namespace Watch.Summaries;

/// <summary>« Is the décret out yet? »: a law's articles waiting for their décret, and the décret that answers them.</summary>
internal static class DecreeMessages
{
    public static Summary Awaiting(OfficialText law, IReadOnlyList<string> articles, RelevanceResult relevance)
    {
        var which = articles.Count == 1 ? $"l'article {articles[0]} renvoie" : $"les articles {string.Join(", ", articles)} renvoient";
        return new SummaryBuilder($"⏳ Loi n° {law.Number} : {which} à un décret, pas encore publié", law.Url)
            .Headline()
            .Line(OfficialTextMessages.FullTitle(law))
            .Line("Watch vous préviendra dès que le décret paraîtra au Journal officiel.")
            .Labelled("Pourquoi :", relevance.Explain(max: 3))
            .Build("Lire la loi sur Légifrance");
    }

    public static Summary Published(OfficialText decree, IReadOnlyList<DecreeCall> answered, RelevanceResult relevance)
    {
        var applied = string.Join(", ", answered.Select(c => $"l'article {c.Article} de la loi n° {c.Law}"));
        var builder = new SummaryBuilder($"✅ {decree.Title} publié : il applique {applied}", decree.Url).Headline();
        foreach (var call in answered.Where(c => c.Since is not null))
            builder.Line($"Décret attendu depuis le {MessageDates.Date(MessageDates.ParisDay(call.Since!.Value))} (article {call.Article} de la loi n° {call.Law}).");
        return builder.Labelled("Pourquoi :", relevance.Explain(max: 3)).Build("Lire le décret sur Légifrance");
    }
}
