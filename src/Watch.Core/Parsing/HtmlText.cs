using System.Net;
using System.Text;

namespace Watch.Parsing;

/// <summary>
/// Turns the small HTML fragments the institutions embed in their data (an amendment's dispositif,
/// a Sénat CSV's objet) into plain text: tags dropped, block ends become line breaks, entities decoded.
/// Hand-written rather than a DOM parse because it runs on every field of every amendment of a
/// 100k-file dump; full pages go through AngleSharp instead.
/// </summary>
public static class HtmlText
{
    public static string ToPlainText(string? html)
    {
        if (string.IsNullOrEmpty(html)) return "";
        if (html.IndexOf('<') < 0 && html.IndexOf('&') < 0) return html.Trim();

        var sb = new StringBuilder(html.Length);
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '<')
            {
                var end = html.IndexOf('>', i + 1);
                if (end < 0) break; // a cut-off tag carries no text
                if (IsBlockBoundary(html.AsSpan(i + 1, end - i - 1)) && sb.Length > 0 && sb[^1] != '\n') sb.Append('\n');
                i = end + 1;
                continue;
            }
            sb.Append(c);
            i++;
        }
        var decoded = WebUtility.HtmlDecode(sb.ToString());
        return CollapseSpaces(HasCombiningMarks(decoded) ? decoded.Normalize(NormalizationForm.FormC) : decoded);
    }

    /// <summary>
    /// The AN writes some accents as a letter plus a combining mark (« e&amp;#x0301; »); composing them is what
    /// makes « é » match. Most texts have none, and the ICU normalisation costs more than parsing the rest.
    /// </summary>
    private static bool HasCombiningMarks(string text) => text.AsSpan().IndexOfAnyInRange('\u0300', '\u036F') >= 0;

    private static bool IsBlockBoundary(ReadOnlySpan<char> tag)
    {
        if (tag.Length > 0 && tag[0] == '/') tag = tag[1..];
        var nameEnd = tag.IndexOfAny(' ', '/', '\t');
        var name = nameEnd < 0 ? tag : tag[..nameEnd];
        return name.Equals("p", StringComparison.OrdinalIgnoreCase) || name.Equals("br", StringComparison.OrdinalIgnoreCase)
            || name.Equals("div", StringComparison.OrdinalIgnoreCase) || name.Equals("li", StringComparison.OrdinalIgnoreCase)
            || name.Equals("tr", StringComparison.OrdinalIgnoreCase) || name.Equals("body", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Non-breaking and repeated spaces folded to one, blank lines dropped.</summary>
    private static string CollapseSpaces(string text)
    {
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var ch in text)
        {
            if (ch == '\n')
            {
                while (sb.Length > 0 && sb[^1] == ' ') sb.Length--;
                if (sb.Length > 0 && sb[^1] != '\n') sb.Append('\n');
                pendingSpace = false;
            }
            else if (char.IsWhiteSpace(ch) || ch is '\u00A0' or '\u202F' or '\u2007')
            {
                pendingSpace = sb.Length > 0 && sb[^1] != '\n';
            }
            else
            {
                if (pendingSpace) sb.Append(' ');
                pendingSpace = false;
                sb.Append(ch);
            }
        }
        return sb.ToString().Trim();
    }
}
