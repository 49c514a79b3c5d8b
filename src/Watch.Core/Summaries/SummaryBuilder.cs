using System.Text;
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

    /// <summary>« Pourquoi : » the item is told: the phrases it matched, or what it follows as readers name it (<see cref="TextNames.Key"/>).</summary>
    public SummaryBuilder Why(RelevanceResult relevance, IReadOnlyDictionary<string, string>? dossiers = null) =>
        Labelled("Pourquoi :", relevance.Explain(max: 3, key => TextNames.Key(key, dossiers)));

    public Summary Build(string linkLabel)
    {
        _html.Append(TelegramHtml.Link(url, linkLabel));
        _text.Append(url);
        return new Summary(headline, _html.ToString(), _text.ToString(), url);
    }
}
