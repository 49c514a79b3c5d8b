using System.Globalization;
using System.Text;

namespace Watch.Relevance;

/// <summary>
/// The normal form relevance matches on: lower case, no accents, apostrophes and punctuation as
/// spaces, elided articles (l', d', qu'…) dropped and each word reduced to its singular, so that
/// « Traitements algorithmiques », « traitement algorithmique » and « TRAITEMENT ALGORITHMIQUE »
/// are the same words.
/// </summary>
public static class FrenchText
{
    private static readonly HashSet<string> Elisions = ["l", "d", "j", "n", "s", "m", "t", "c", "qu", "jusqu", "lorsqu", "puisqu"];

    /// <summary>Words that may sit inside a phrase without breaking it ("traitements algorithmiques DES images").</summary>
    public static readonly HashSet<string> StopWords =
        ["de", "des", "du", "la", "le", "les", "a", "au", "aux", "en", "et", "ou", "un", "une", "par", "pour", "sur", "dans", "ces", "ce", "cet", "cette"];

    public static string[] Words(string text)
    {
        var folded = Fold(text);
        var words = new List<string>(folded.Length / 6);
        foreach (var raw in folded.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Elisions.Contains(raw)) continue;
            words.Add(Singular(raw));
        }
        return words.ToArray();
    }

    /// <summary>Lower case, accents removed, every character that is not a letter or digit turned into a space.</summary>
    public static string Fold(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (category == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(ch)) sb.Append(char.ToLowerInvariant(ch));
            else if (ch is 'œ' or 'Œ') sb.Append("oe");
            else sb.Append(' ');
        }
        return sb.ToString();
    }

    /// <summary>
    /// A light plural folding, enough for the vocabulary watched here: « caméras » → « camera »,
    /// « généraux » → « general », « biométriques » → « biometrique ». Short words and acronyms (« VSA »,
    /// « TAJ ») are left as they are.
    /// </summary>
    public static string Singular(string word)
    {
        if (word.Length <= 3) return word;
        if (word.EndsWith("aux", StringComparison.Ordinal) && word.Length > 4) return word[..^3] + "al";
        if (word[^1] is 's' or 'x' && word[^2] is not 's') return word[..^1];
        return word;
    }
}
