namespace Watch.Delivery.Telegram;

/// <summary>Cutting a message that exceeds Telegram's 4096 characters into parts that each stand alone.</summary>
public static class TelegramText
{
    /// <summary>
    /// Splits at paragraph boundaries (blank lines, then lines) so no HTML tag is cut: Watch's summaries
    /// open and close their tags on one line. A single line longer than the limit is cut at a space.
    /// </summary>
    public static IReadOnlyList<string> Split(string html, int max)
    {
        if (html.Length <= max) return [html];
        var parts = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var paragraph in Paragraphs(html, max))
        {
            if (current.Length > 0 && current.Length + 1 + paragraph.Length > max)
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            if (current.Length > 0) current.Append('\n');
            current.Append(paragraph);
        }
        if (current.Length > 0) parts.Add(current.ToString());
        return parts;
    }

    private static IEnumerable<string> Paragraphs(string html, int max)
    {
        foreach (var line in html.Split('\n'))
        {
            var rest = line;
            while (rest.Length > max)
            {
                var cut = rest.LastIndexOf(' ', max - 1);
                if (cut <= 0) cut = max;
                yield return rest[..cut];
                rest = rest[cut..].TrimStart();
            }
            yield return rest;
        }
    }
}
