using System.Text;

namespace Watch.Parsing.Texts;

/// <summary>
/// Plain-text normal form shared by every reader, so that two versions of one bill published by two
/// institutions compare word for word: the AN prints "l’article" and "I. –", the Sénat "l'article" and
/// "I. -", Akoma Ntoso uses non-breaking hyphens ("138‑2"). Typographic variants carry no legal meaning.
/// </summary>
internal static class TextClean
{
    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var raw in text.Normalize(NormalizationForm.FormC))
        {
            var c = raw switch
            {
                '\u2019' or '\u2018' or '\u02BC' => '\'',
                '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212' => '-',
                _ => raw,
            };
            if (c is '\u00AD' or '\u200B' or '\uFEFF') continue; // soft hyphen, zero-width: invisible in print
            if (char.IsWhiteSpace(c) || c is '\u00A0' or '\u202F' or '\u2007' or '\u2009')
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (pendingSpace) sb.Append(' ');
            pendingSpace = false;
            sb.Append(c);
        }
        return sb.ToString();
    }
}
