using System.Text;
using Watch.Domain;
using Watch.Relevance;

namespace Watch.Summaries;

/// <summary>
/// Builds the HTML and plain-text forms of one summary side by side from the same lines, so the two
/// can never say different things.
/// </summary>
internal sealed class SummaryBuilder(string headline, string url)
{
    private readonly StringBuilder _html = new();
    private readonly StringBuilder _text = new();

    public SummaryBuilder Headline()
    {
        _html.Append(TelegramHtml.Bold(headline)).Append('\n');
        _text.Append(headline).Append('\n');
        return this;
    }

    public SummaryBuilder Line(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return this;
        _html.Append(TelegramHtml.Escape(text)).Append('\n');
        _text.Append(text).Append('\n');
        return this;
    }

    public SummaryBuilder Labelled(string label, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return this;
        _html.Append("<i>").Append(TelegramHtml.Escape(label)).Append("</i> ").Append(TelegramHtml.Escape(value)).Append('\n');
        _text.Append(label).Append(' ').Append(value).Append('\n');
        return this;
    }

    /// <summary>
    /// « Pourquoi : » the item is told: the phrases it matched, or what it follows as readers name it: a dossier by its
    /// title when <paramref name="dossiers"/> knows it (dossier « Programmation pour la refondation de Mayotte »), else by its
    /// bill (« dossier de la proposition de loi n° 756 (2023-2024) du Sénat »), a text by its kind and number (« projet de loi
    /// n° 1112 »), a law by its number (« loi n° 2025-532 »), an amendment
    /// put to the vote by its number, text and organ (« amendement n° 229 sur le texte de la commission n° 1573, en séance
    /// publique »).
    /// </summary>
    public SummaryBuilder Why(RelevanceResult relevance, IReadOnlyDictionary<string, string>? dossiers = null) =>
        Labelled("Pourquoi :", relevance.Explain(max: 3, key => Followed(key, dossiers)));

    private static string Followed(string key, IReadOnlyDictionary<string, string>? dossiers)
    {
        if (dossiers?.GetValueOrDefault(key) is { } title) return $"dossier « {title} »";
        if (Dossier.IsId(key)) return $"dossier {key}";
        if ((SenatDossier.IsSignet(key) ? key : key.StartsWith(SenatDossier.IdPrefix, StringComparison.Ordinal) ? key[SenatDossier.IdPrefix.Length..] : null) is { } signet)
            return $"dossier {Of(TextNames.Senat(signet))} du Sénat";
        if (TextNames.IsAssemblee(key)) return TextNames.Assemblee(key);
        if (SenatTextNumber.TryParseKey(key, out _)) return $"{TextNames.SenatAmended(key)} du Sénat";
        if (RelevanceLinks.LawNumber(key) is { } law) return $"loi n° {law}";
        if (Amendment.ReadVoteKey(key) is { } voted)
            return $"amendement n° {voted.Number} sur {The(TextNames.Assemblee(voted.TextRef))}"
                + (AnOrgans.Where(voted.Organ) is { } where ? $", {where}" : "")
                + (voted.Deliberation > 1 ? ", seconde délibération" : "");
        return key;
    }

    /// <summary>« la proposition de loi … », « le projet de loi … », « le texte de la commission … ».</summary>
    private static string The(string text) => text.StartsWith("proposition", StringComparison.Ordinal) ? $"la {text}" : $"le {text}";

    /// <summary>« de la proposition de loi … », « du projet de loi … ».</summary>
    private static string Of(string text) => text.StartsWith("proposition", StringComparison.Ordinal) ? $"de la {text}" : $"du {text}";

    public Summary Build(string linkLabel)
    {
        _html.Append(TelegramHtml.Link(url, linkLabel));
        _text.Append(url);
        return new Summary(headline, _html.ToString(), _text.ToString(), url);
    }
}
