using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Watch.Delivery.Mastodon;

/// <summary>
/// Status length as Mastodon counts it, and the cutting of a long summary into a thread of statuses
/// that each fit the instance.
/// </summary>
public static partial class MastodonText
{
    /// <summary>
    /// Mastodon's StatusLengthValidator: grapheme clusters, every http(s) URL counting as exactly
    /// <see cref="InstanceLimits.CharactersReservedPerUrl"/> whatever its length. Punctuation closing a sentence
    /// after a URL is counted apart, as Mastodon's URL extraction leaves it out of the link. An instance that does not
    /// publish the reservation may count a link's characters (Pleroma) or 23 (Mastodon): it counts for the more of the two.
    /// </summary>
    public static int Length(string text, InstanceLimits limits)
    {
        var total = 0;
        var last = 0;
        foreach (Match url in UrlPattern().Matches(text))
        {
            total += Graphemes(text[last..url.Index]) + (limits.CharactersReservedPerUrl ?? Math.Max(url.Length, InstanceLimits.MastodonUrlLength));
            last = url.Index + url.Length;
        }
        return total + Graphemes(text[last..]);
    }

    /// <summary>
    /// The statuses to post for <paramref name="plainText"/>: itself when it fits, otherwise a thread cut at
    /// line boundaries (at spaces inside a line too long on its own), each part numbered « (i/n) », the
    /// official <paramref name="link"/> kept at the end of the first part so that the post people boost carries it.
    /// Deterministic: the same text and limits always give the same parts, which a retried send relies on.
    /// </summary>
    public static IReadOnlyList<string> SplitThread(string plainText, string link, InstanceLimits limits)
    {
        var text = plainText.Replace("\r\n", "\n").Trim();
        if (Length(text, limits) <= limits.MaxCharacters) return [text];

        var lines = text.Split('\n').Select(l => l.TrimEnd()).ToList();
        // The summary ends with its link (SummaryBuilder); take it out so it can be placed in the first part.
        var trailingLink = !string.IsNullOrWhiteSpace(link) && lines.Count > 0 && lines[^1].Trim() == link.Trim();
        if (trailingLink) lines.RemoveAt(lines.Count - 1);
        var linkLine = string.IsNullOrWhiteSpace(link) ? null : link.Trim();
        // Blank lines (paragraph breaks) are kept inside a part, never at its start.
        var body = lines.Where((l, i) => l.Length > 0 || i > 0 && lines[i - 1].Length > 0).ToList();

        // The numbering's width depends on the number of parts: start with one digit, widen if needed.
        for (var digits = 1; ; digits++)
        {
            var markerCost = 4 + 2 * digits; // "\n(" + i + "/" + n + ")"
            var room = limits.MaxCharacters - markerCost;
            var firstRoom = room - (linkLine is null ? 0 : 1 + Length(linkLine, limits));
            if (firstRoom < 1)
                throw new ArgumentException($"max_characters {limits.MaxCharacters} leaves no room for text beside the link in the first status");
            var parts = Pack(body, firstRoom, room, limits);
            if (parts.Count >= Math.Pow(10, digits)) continue;

            var n = parts.Count;
            return parts.Select((part, i) =>
            {
                var sb = new StringBuilder(part);
                if (i == 0 && linkLine is not null) sb.Append(sb.Length > 0 ? "\n" : "").Append(linkLine);
                return sb.Append($"\n({i + 1}/{n})").ToString();
            }).ToList();
        }
    }

    /// <summary>Greedy packing of lines into parts of the given room (the first part has less: it carries the link).</summary>
    private static List<string> Pack(IReadOnlyList<string> lines, int firstRoom, int room, InstanceLimits limits)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        var left = firstRoom;

        void Close()
        {
            parts.Add(current.ToString().TrimEnd());
            current.Clear();
            left = room;
        }

        foreach (var whole in lines)
        {
            var line = whole;
            if (line.Length == 0)
            {
                if (current.Length > 0 && left > 0)
                {
                    current.Append('\n');
                    left--;
                }
                continue;
            }
            while (line.Length > 0)
            {
                var separator = current.Length > 0 ? 1 : 0;
                var length = Length(line, limits);
                if (separator + length <= left)
                {
                    if (separator == 1) current.Append('\n');
                    current.Append(line);
                    left -= separator + length;
                    break;
                }
                // A line that fits a fresh part moves there whole rather than being cut.
                if (current.Length > 0 && length <= room)
                {
                    Close();
                    continue;
                }
                var (head, tail) = CutAt(line, left - separator, limits);
                if (head.Length == 0)
                {
                    Close();
                    continue;
                }
                if (separator == 1) current.Append('\n');
                current.Append(head);
                Close();
                line = tail;
            }
        }
        if (current.Length > 0 || parts.Count == 0) parts.Add(current.ToString().TrimEnd());
        return parts;
    }

    /// <summary>The longest head of <paramref name="line"/> ending at a space that fits <paramref name="room"/>; a single word too long is cut between graphemes.</summary>
    private static (string Head, string Tail) CutAt(string line, int room, InstanceLimits limits)
    {
        if (room <= 0) return ("", line);
        var best = -1;
        for (var i = line.IndexOf(' '); i > 0; i = line.IndexOf(' ', i + 1))
        {
            if (Length(line[..i].TrimEnd(), limits) > room) break;
            best = i;
        }
        if (best > 0) return (line[..best].TrimEnd(), line[(best + 1)..].TrimStart());

        // No space early enough: cut between grapheme clusters (raw length, never less than Mastodon counts).
        var cut = 0;
        var taken = 0;
        var e = StringInfo.GetTextElementEnumerator(line);
        while (e.MoveNext() && taken < room)
        {
            taken++;
            cut = e.ElementIndex + e.GetTextElement().Length;
        }
        // A short URL counts more than its raw length: give back graphemes until the head really fits.
        while (cut > 0 && Length(line[..cut], limits) > room)
            cut = StringInfo.ParseCombiningCharacters(line[..cut])[^1];
        return (line[..cut], line[cut..].TrimStart());
    }

    private static int Graphemes(string s) => s.Length == 0 ? 0 : new StringInfo(s).LengthInTextElements;

    /// <summary>A URL with its scheme, without the closing punctuation that usually follows a link in a sentence.</summary>
    [GeneratedRegex(@"https?://[^\s]+?(?=[.,;:!?)\]»""'’]*(?:\s|$))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();
}
