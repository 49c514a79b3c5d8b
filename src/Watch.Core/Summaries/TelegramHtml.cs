namespace Watch.Summaries;

/// <summary>Telegram's HTML parse mode accepts a handful of tags and needs only &lt;, &gt;, &amp; and " escaped.</summary>
public static class TelegramHtml
{
    public const int MaxLength = 4096;

    /// <summary>Only the four characters Telegram requires; accents stay as they are, so they cost one character, not six.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");

    public static string Bold(string text) => $"<b>{Escape(text)}</b>";

    public static string Link(string url, string label) => $"<a href=\"{Escape(url)}\">{Escape(label)}</a>";

    /// <summary>Cuts plain text at a word boundary and marks the cut, before it is escaped.</summary>
    public static string Excerpt(string text, int maxChars)
    {
        var flat = text.Replace('\n', ' ').Trim();
        if (flat.Length <= maxChars) return flat;
        var cut = flat.LastIndexOf(' ', maxChars);
        return flat[..(cut > maxChars / 2 ? cut : maxChars)].TrimEnd(',', ';', ':', ' ') + " …";
    }
}
