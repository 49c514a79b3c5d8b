using System.Text.RegularExpressions;

namespace Watch.Delivery.Telegram;

/// <summary>Cutting a message that exceeds Telegram's 4096 characters into parts that each stand alone.</summary>
public static partial class TelegramText
{
    /// <summary>
    /// Splits at paragraph boundaries (blank lines, then lines) so no HTML tag is cut: Watch's summaries
    /// open and close their tags on one line. A single line longer than the limit is cut at a space, never inside
    /// a tag, an entity or a character, and the tags open at the cut are closed there and opened again after it:
    /// Telegram refuses a part whose HTML does not parse.
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

    /// <summary>Room kept at the end of a cut line for the closing tags of what is still open there.</summary>
    private const int ClosingRoom = 64;

    private static IEnumerable<string> Paragraphs(string html, int max)
    {
        foreach (var line in html.Split('\n'))
        {
            var (reopen, rest) = ("", line);
            while (reopen.Length + rest.Length > max)
            {
                var cut = CutPoint(rest, max - reopen.Length - ClosingRoom);
                var piece = reopen + rest[..cut];
                var open = OpenTags(piece);
                yield return piece + string.Concat(open.AsEnumerable().Reverse().Select(t => $"</{t.Name}>"));
                (reopen, rest) = (string.Concat(open.Select(t => t.Tag)), rest[cut..].TrimStart());
            }
            yield return reopen + rest;
        }
    }

    /// <summary>
    /// Where to cut within the first <paramref name="room"/> characters: at the last space outside a tag, or else at the
    /// last place outside a tag and an entity that does not split a character.
    /// </summary>
    private static int CutPoint(string text, int room)
    {
        int lastSpace = 0, lastSafe = 0;
        bool inTag = false, inEntity = false;
        for (var i = 0; i < room; i++)
        {
            if (!inTag && !inEntity && i > 0 && !char.IsLowSurrogate(text[i]))
            {
                lastSafe = i;
                if (text[i] == ' ') lastSpace = i;
            }
            switch (text[i])
            {
                case '<': inTag = true; break;
                case '>': inTag = false; break;
                case '&' when !inTag: inEntity = true; break;
                case ';': inEntity = false; break;
            }
        }
        return lastSpace > 0 ? lastSpace : lastSafe > 0 ? lastSafe : room;
    }

    /// <summary>The tags still open at the end of <paramref name="html"/>, outermost first, as written (with their attributes).</summary>
    private static List<(string Name, string Tag)> OpenTags(string html)
    {
        var open = new List<(string Name, string Tag)>();
        foreach (Match m in Tag().Matches(html))
        {
            var name = m.Groups["name"].Value.ToLowerInvariant();
            if (m.Groups["close"].Success)
            {
                var at = open.FindLastIndex(t => t.Name == name);
                if (at >= 0) open.RemoveRange(at, open.Count - at);
            }
            else open.Add((name, m.Value));
        }
        return open;
    }

    [GeneratedRegex(@"<(?<close>/)?(?<name>[a-zA-Z][a-zA-Z0-9-]*)[^>]*>")]
    private static partial Regex Tag();
}
