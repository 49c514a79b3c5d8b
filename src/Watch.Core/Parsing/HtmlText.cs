using System.Buffers;
using System.Net;
using System.Text;

namespace Watch.Parsing;

/// <summary>
/// Turns the small HTML fragments the institutions embed in their data (an amendment's dispositif,
/// a Sénat CSV's objet) into plain text: tags dropped, block ends become line breaks, entities decoded,
/// spaces folded. Hand-written, in one pass into one buffer, rather than a DOM parse because it runs on
/// every field of every amendment of a 130k-file dump; full pages go through AngleSharp instead.
/// </summary>
public static class HtmlText
{
    public static string ToPlainText(string? html)
    {
        if (string.IsNullOrEmpty(html)) return "";
        return IsPlain(html) ? html.Trim() : Fold(html);
    }

    /// <summary>A fragment still in the buffer it was read into (an AN amendment's, straight from its JSON).</summary>
    public static string ToPlainText(ReadOnlySpan<char> html) =>
        IsPlain(html) ? new string(html.Trim()) : Fold(html);

    /// <summary>No tag, no entity, no space to fold (a non-breaking one, one of a run), no accent to compose: already as written out.</summary>
    private static bool IsPlain(ReadOnlySpan<char> text) =>
        text.IndexOfAny(Special) < 0 && !text.Contains("  ", StringComparison.Ordinal) && !HasCombiningMarks(text);

    private static string Fold(ReadOnlySpan<char> html)
    {
        // Every tag (2+ chars) gives at most one line break and every entity fewer chars than it is written
        // with, so the text never outgrows the HTML.
        var buffer = ArrayPool<char>.Shared.Rent(html.Length);
        try
        {
            var text = new Folded(buffer);
            var i = 0;
            while (i < html.Length)
            {
                // Most of a fragment is runs of words and single spaces between tags: copied whole.
                var run = html[i..].IndexOfAny(Special);
                if (run != 0)
                {
                    if (run < 0) run = html.Length - i;
                    text.Append(html.Slice(i, run));
                    i += run;
                    continue;
                }
                var c = html[i];
                if (c == '<')
                {
                    var end = html[(i + 1)..].IndexOf('>');
                    if (end < 0) break; // a cut-off tag carries no text
                    end += i + 1;
                    if (IsBlockBoundary(html.Slice(i + 1, end - i - 1))) text.Add('\n');
                    i = end + 1;
                }
                else if (c == '&' && EntityLength(html, i) is > 0 and var length)
                {
                    Decode(html.Slice(i, length), ref text);
                    i += length;
                }
                else
                {
                    text.Add(c);
                    i++;
                }
            }
            var plain = text.ToString();
            return HasCombiningMarks(plain) ? plain.Normalize(NormalizationForm.FormC) : plain;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>The length of « &amp;eacute; », « &amp;#160; », « &amp;#x2011; » starting at <paramref name="at"/>; 0 when no « ; » closes it nearby.</summary>
    private static int EntityLength(ReadOnlySpan<char> html, int at)
    {
        var window = html.Slice(at + 1, Math.Min(MaxEntityLength, html.Length - at - 1));
        var semicolon = window.IndexOfAny(';', '&', '<');
        return semicolon > 0 && window[semicolon] == ';' ? semicolon + 2 : 0;
    }

    private const int MaxEntityLength = 32;

    /// <summary>What a run stops at: a tag, an entity, or a space to fold other than the plain one.</summary>
    private static readonly SearchValues<char> Special = SearchValues.Create(
        [.. Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(c => c is '<' or '&' || (IsSpace(c) && c != ' '))]);

    private static bool IsSpace(char ch) => char.IsWhiteSpace(ch) || ch is '\u00A0' or '\u202F' or '\u2007';

    /// <summary>
    /// Numeric references (most of the AN's: « &amp;#160; », « &amp;#x2011; », one per accented letter) are read here;
    /// named ones go through <see cref="WebUtility.HtmlDecode(string)"/>, which knows the HTML names and leaves
    /// unknown ones as written.
    /// </summary>
    private static void Decode(ReadOnlySpan<char> entity, ref Folded text)
    {
        var body = entity[1..^1];
        if (body.Length > 1 && body[0] == '#' && CodePoint(body[1..]) is { } code)
        {
            if (code <= 0xFFFF) text.Add((char)code);
            else foreach (var ch in char.ConvertFromUtf32(code)) text.Add(ch);
            return;
        }
        // « &nbsp; » is nearly every named reference the AN writes (about 9 per amendment): it is spared two strings and the name table.
        if (body is "nbsp")
        {
            text.Add('\u00A0');
            return;
        }
        foreach (var ch in WebUtility.HtmlDecode(entity.ToString())) text.Add(ch);
    }

    /// <summary>« 160 » or « x2011 » as a Unicode scalar value; null when it is not one.</summary>
    private static int? CodePoint(ReadOnlySpan<char> digits)
    {
        var hex = digits[0] is 'x' or 'X';
        if (hex) digits = digits[1..];
        if (digits.IsEmpty || digits.Length > 7) return null;
        var code = 0;
        foreach (var c in digits)
        {
            var digit = c is >= '0' and <= '9' ? c - '0' : hex && (c | 0x20) is >= 'a' and <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
            if (digit < 0) return null;
            code = code * (hex ? 16 : 10) + digit;
        }
        return code is > 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF) ? code : null;
    }

    /// <summary>
    /// The AN writes some accents as a letter plus a combining mark (« e&amp;#x0301; »); composing them is what
    /// makes « é » match. Most texts have none, and the ICU normalisation costs more than parsing the rest.
    /// </summary>
    private static bool HasCombiningMarks(ReadOnlySpan<char> text) => text.IndexOfAnyInRange('\u0300', '\u036F') >= 0;

    private static bool IsBlockBoundary(ReadOnlySpan<char> tag)
    {
        if (tag.Length > 0 && tag[0] == '/') tag = tag[1..];
        var nameEnd = tag.IndexOfAny(' ', '/', '\t');
        var name = nameEnd < 0 ? tag : tag[..nameEnd];
        return name.Equals("p", StringComparison.OrdinalIgnoreCase) || name.Equals("br", StringComparison.OrdinalIgnoreCase)
            || name.Equals("div", StringComparison.OrdinalIgnoreCase) || name.Equals("li", StringComparison.OrdinalIgnoreCase)
            || name.Equals("tr", StringComparison.OrdinalIgnoreCase) || name.Equals("body", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Text as it is written out: non-breaking and repeated spaces folded to one, no space at either end of
    /// a line, no blank line, nothing at either end.
    /// </summary>
    private ref struct Folded(char[] buffer)
    {
        private int _length;
        private bool _pendingSpace;

        public void Add(char ch)
        {
            if (ch == '\n')
            {
                if (_length > 0 && buffer[_length - 1] != '\n') buffer[_length++] = '\n';
                _pendingSpace = false;
            }
            else if (IsSpace(ch))
            {
                _pendingSpace = _length > 0 && buffer[_length - 1] != '\n';
            }
            else
            {
                if (_pendingSpace) buffer[_length++] = ' ';
                _pendingSpace = false;
                buffer[_length++] = ch;
            }
        }

        /// <summary>
        /// Text with no line break, whose only spaces are plain ones, copied whole: a run of spaces inside it is
        /// folded once, by <see cref="ToString"/>, rather than looked for in each of a fragment's hundreds of runs.
        /// </summary>
        public void Append(ReadOnlySpan<char> run)
        {
            var words = run.Trim(' ');
            if (words.Length < run.Length && run[0] == ' ') Add(' ');
            if (words.IsEmpty) return;
            if (_pendingSpace) buffer[_length++] = ' ';
            words.CopyTo(buffer.AsSpan(_length));
            _length += words.Length;
            _pendingSpace = words.Length < run.Length && run[^1] == ' ';
        }

        public override readonly string ToString()
        {
            var end = _length;
            while (end > 0 && buffer[end - 1] == '\n') end--;
            var text = buffer.AsSpan(0, end);
            if (text.IndexOf("  ", StringComparison.Ordinal) is var from and >= 0)
            {
                // Only copied runs hold repeated spaces, and never at a line's end: folding them is all that is left.
                var kept = from + 1;
                for (var i = from + 1; i < text.Length; i++)
                    if (text[i] != ' ' || text[kept - 1] != ' ') text[kept++] = text[i];
                text = text[..kept];
            }
            return new string(text);
        }
    }
}
