using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Watch.Domain;

namespace Watch.Parsing.Senat;

/// <summary>
/// Reads the Sénat's "jeu complet" amendment exports
/// (<c>https://www.senat.fr/amendements/[commissions/]{session}/{num}/jeu_complet_[commission_]{session}_{num}.csv</c>):
/// a <c>sep=\t</c> line, a header whose names carry trailing spaces ("Numéro ", "Sort "), then one amendment per
/// line, cp1252 or UTF-8, HTML in Dispositif and Objet. Columns are found by name, never by position.
/// </summary>
public static partial class SenatAmendmentCsv
{
    private const string Number = "Numéro", Subdivision = "Subdivision", Author = "Auteur", OnBehalfOf = "Au nom de",
        DepositDate = "Date de dépôt", Dispositif = "Dispositif", Objet = "Objet", Sort = "Sort", Url = "Url amendement";

    private static readonly string[] Required = [Number, Subdivision, Author, Dispositif, Objet, Sort];

    /// <summary>
    /// Streams the amendments of one file. <paramref name="input"/> names the file or URL in errors; when it
    /// follows the Sénat's naming (<c>jeu_complet_2017-2018_583.csv</c>) it also gives session and text number
    /// for rows without an "Url amendement".
    /// </summary>
    public static IEnumerable<Amendment> Read(Stream csv, string input)
    {
        var fileText = FileNamePattern().Match(input);
        using var lines = new LineReader(csv);

        var first = lines.Next() ?? throw new ParseException(input, "is empty, expected a Sénat amendment CSV.");
        var separator = '\t';
        if (first.Text.StartsWith("sep=", StringComparison.OrdinalIgnoreCase))
        {
            if (first.Text.Length > 4) separator = first.Text[4];
            first = lines.Next() ?? throw new ParseException(input, "has a sep= line but no header.");
        }
        if (first.Text.TrimStart().StartsWith('<'))
            throw new ParseException(input, $"not a Sénat amendment CSV: {TextDecoding.Describe(Encoding.UTF8.GetBytes(first.Text))}");

        var header = Fields.Split(first.Text, separator, out _).Select(h => h.Trim().Normalize(NormalizationForm.FormC)).ToList();
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++) columns.TryAdd(header[i], i);
        var missing = Required.Where(r => !columns.ContainsKey(r)).ToList();
        if (missing.Count > 0)
            throw new ParseException(input, $"line {first.Number}: header lacks column(s) {string.Join(", ", missing.Select(m => $"\"{m}\""))}; found {string.Join(", ", header.Select(h => $"\"{h}\""))}.");

        bool Fits(List<string> fields) => RejoinHtml(fields, header.Count).Count <= header.Count;
        while (Fields.ReadRecord(lines, separator, Fits, out var lineNumber) is { } fields)
        {
            if (fields.Count == 1 && fields[0].Trim().Length == 0) continue;
            if (fields.Count > header.Count) fields = RejoinHtml(fields, header.Count);
            if (fields.Count > header.Count)
                throw new ParseException(input, $"line {lineNumber}: {fields.Count} fields for {header.Count} columns.");
            yield return ToAmendment(fields, columns, input, lineNumber, fileText);
        }
    }

    private static Amendment ToAmendment(List<string> f, Dictionary<string, int> columns, string input, int line, Match fileText)
    {
        string Get(string name) => columns.TryGetValue(name, out var i) && i < f.Count ? f[i].Trim() : "";

        var number = Get(Number);
        if (number.Length == 0) throw new ParseException(input, $"line {line}: empty \"{Number}\".");

        var url = SenatUrls.Absolute(Get(Url));
        string session, textNumber, baseNumber;
        if (!SenatUrls.TryParseAmendmentPage(url, out session, out textNumber, out baseNumber))
        {
            if (!fileText.Success)
                throw new ParseException(input, $"line {line}: amendment {number} has no usable \"{Url}\" and the file name does not give session and text.");
            session = fileText.Groups["session"].Value;
            textNumber = fileText.Groups["text"].Value;
            baseNumber = SenatUrls.BaseNumber(number);
            url = SenatUrls.AmendmentPage(session, textNumber, baseNumber);
        }

        var sort = SenatSort.Of(Get(Sort));
        var textRef = new SenatTextNumber(session, textNumber).Key;
        var onBehalf = Get(OnBehalfOf);
        return new Amendment
        {
            Id = $"{textRef}:{baseNumber}",
            Chamber = Chamber.Senat,
            Url = url!,
            Number = number,
            TextRef = textRef,
            Article = ArticleOf(Get(Subdivision)),
            Authors = Get(Author),
            GroupRef = onBehalf.Length > 0 ? onBehalf : null,
            Dispositif = HtmlText.ToPlainText(Get(Dispositif)),
            ExposeSommaire = HtmlText.ToPlainText(Get(Objet)),
            State = sort.State,
            SubState = sort.SubState,
            Sort = sort.Sort,
            DepositDate = DateOnly.TryParseExact(Get(DepositDate), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null,
        };
    }

    /// <summary>"Article 65 ter (nouveau)", "art. add. après Article 40" (an additional article), "Intitulé de la proposition de loi".</summary>
    internal static ArticleRef? ArticleOf(string subdivision)
    {
        var s = subdivision.Replace('\u00A0', ' ').Trim();
        if (s.Length == 0) return null;
        return ArticleRef.FromDesignation(s, Additional().IsMatch(s));
    }

    /// <summary>
    /// The export does not escape tabs typed inside the HTML of a field (seen in 2013-2014/310, COM-25):
    /// a field that opens &lt;body&gt; without closing it is joined with the following ones until &lt;/body&gt;.
    /// </summary>
    private static List<string> RejoinHtml(List<string> fields, int expected)
    {
        var result = new List<string>(expected);
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            if (field.Contains("<body", StringComparison.OrdinalIgnoreCase) && !field.Contains("</body>", StringComparison.OrdinalIgnoreCase))
            {
                var sb = new StringBuilder(field);
                while (i + 1 < fields.Count && fields.Count - (i + 1) + result.Count + 1 > expected)
                {
                    sb.Append('\t').Append(fields[++i]);
                    if (fields[i].Contains("</body>", StringComparison.OrdinalIgnoreCase)) break;
                }
                field = sb.ToString();
            }
            result.Add(field);
        }
        return result;
    }

    [GeneratedRegex(@"\badd\.|additionnel|^(?:après|avant)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Additional();

    [GeneratedRegex(@"jeu_complet_(?:commission_)?(?<session>\d{4}-\d{4})_(?<text>\d+)\.csv", RegexOptions.IgnoreCase)]
    private static partial Regex FileNamePattern();

    internal readonly record struct Line(string Text, int Number);

    /// <summary>
    /// Splits the byte stream into lines (LF or CRLF) and decodes each with <see cref="TextDecoding"/>, so a file
    /// is read in one pass without guessing its charset up front; LF and CR are the same byte in both charsets.
    /// </summary>
    internal sealed class LineReader(Stream stream) : IDisposable
    {
        private readonly BufferedStream _in = new(stream, 1 << 16);
        private readonly MemoryStream _line = new();
        private readonly Stack<Line> _returned = new();
        private int _number;

        /// <summary>Lines read ahead that are to be read again, in the order they were read.</summary>
        public void Return(IReadOnlyList<Line> lines)
        {
            for (var i = lines.Count - 1; i >= 0; i--) _returned.Push(lines[i]);
        }

        public Line? Next()
        {
            if (_returned.TryPop(out var again)) return again;
            _line.SetLength(0);
            int b;
            var any = false;
            while ((b = _in.ReadByte()) >= 0)
            {
                any = true;
                if (b == '\n') break;
                _line.WriteByte((byte)b);
            }
            if (!any) return null;
            var bytes = _line.GetBuffer().AsSpan(0, (int)_line.Length);
            if (bytes.Length > 0 && bytes[^1] == '\r') bytes = bytes[..^1];
            return new Line(TextDecoding.Decode(bytes), ++_number);
        }

        public void Dispose() => _line.Dispose();
    }

    /// <summary>Field splitting, with RFC 4180 quoting when a field starts with a double quote.</summary>
    internal static class Fields
    {
        /// <summary>Splits one line; <paramref name="open"/> is true when a quoted field runs past its end.</summary>
        public static List<string> Split(string line, char sep, out bool open)
        {
            var fields = new List<string>();
            var i = 0;
            open = false;
            while (true)
            {
                if (i < line.Length && line[i] == '"' && TryQuoted(line, i, sep, out var value, out var next, out open))
                {
                    fields.Add(value);
                    if (open) return fields;
                    i = next;
                }
                else
                {
                    var end = line.IndexOf(sep, i);
                    fields.Add(end < 0 ? line[i..] : line[i..end]);
                    i = end < 0 ? line.Length + 1 : end + 1;
                }
                if (i > line.Length) return fields;
            }
        }

        /// <summary>
        /// A quoted field: doubled quotes are one quote; it ends at a quote followed by the separator or the line end.
        /// A quote followed by anything else means the field was not quoted after all (false).
        /// </summary>
        private static bool TryQuoted(string line, int start, char sep, out string value, out int next, out bool open)
        {
            var sb = new StringBuilder();
            var i = start + 1;
            while (i < line.Length)
            {
                if (line[i] == '"')
                {
                    if (i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i += 2; continue; }
                    if (i + 1 == line.Length || line[i + 1] == sep)
                    {
                        value = sb.ToString();
                        next = i + 2;
                        open = false;
                        return true;
                    }
                    value = ""; next = 0; open = false;
                    return false;
                }
                sb.Append(line[i++]);
            }
            value = sb.ToString(); next = line.Length + 1; open = true;
            return true;
        }

        /// <summary>
        /// The next record's fields, joining lines while a quoted field is open. A field that starts with a quote but
        /// is no quoted field (« "M. X » typed in a name) would swallow the records after it: when the joined lines
        /// do not make one record that <paramref name="fits"/> (or the file ends first), the first line is split
        /// literally and the lines after it are read again as records of their own.
        /// </summary>
        public static List<string>? ReadRecord(LineReader lines, char sep, Func<List<string>, bool> fits, out int lineNumber)
        {
            var first = lines.Next();
            lineNumber = first?.Number ?? 0;
            if (first is null) return null;
            var text = first.Value.Text;
            var fields = Split(text, sep, out var open);
            var joined = new List<Line>();
            while (open && joined.Count < MaxLinesPerField)
            {
                if (lines.Next() is not { } more) break;
                joined.Add(more);
                text += "\n" + more.Text;
                fields = Split(text, sep, out open);
            }
            if (!open && (joined.Count == 0 || fits(fields))) return fields;
            lines.Return(joined);
            return first.Value.Text.Split(sep).ToList();
        }

        /// <summary>How many lines a quoted field may run over before its quote is taken for a stray one.</summary>
        private const int MaxLinesPerField = 1000;
    }
}
