using System.Text;

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

    public Summary Build(string linkLabel)
    {
        _html.Append(TelegramHtml.Link(url, linkLabel));
        _text.Append(url);
        return new Summary(headline, _html.ToString(), _text.ToString(), url);
    }
}
