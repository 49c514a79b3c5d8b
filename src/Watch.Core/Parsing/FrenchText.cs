using System.Globalization;
using System.Text;

namespace Watch.Parsing;

/// <summary>
/// The normal form French text is compared in (relevance's phrases, the bill titles a vote and an agenda point
/// share): lower case, no accents, apostrophes and punctuation as spaces, elided articles (l', d', qu'…) dropped
/// and each word reduced to its singular, so that « Traitements algorithmiques », « traitement algorithmique » and
/// « TRAITEMENT ALGORITHMIQUE » are the same words.
/// </summary>
public static class FrenchText
{
    /// <summary>Words that may sit inside a phrase without breaking it ("traitements algorithmiques DES images").</summary>
    public static readonly HashSet<string> StopWords =
        ["de", "des", "du", "la", "le", "les", "a", "au", "aux", "en", "et", "ou", "un", "une", "par", "pour", "sur", "dans", "ces", "ce", "cet", "cette"];

    public static string[] Words(string text)
    {
        var words = new List<string>(text.Length / 6);
        Scan(text, words, null, AsString);
        return words.ToArray();
    }

    /// <summary>
    /// The words of <paramref name="text"/> into <paramref name="words"/>, each as <paramref name="name"/> returns it
    /// for its normal form, and for each word the index of its sentence into <paramref name="sentences"/> (a sentence
    /// ends at « . », « ! », « ? », « ; » or a line break): exclusions and context rules look only inside a sentence.
    /// A caller that compares words with a fixed vocabulary names every other word with one placeholder, and reuses
    /// its lists from one text to the next: the text's thousands of words then cost no allocation each.
    /// </summary>
    public static void WordsAndSentences(string text, Func<ReadOnlySpan<char>, string> name, List<string> words, List<int> sentences)
    {
        words.Clear();
        sentences.Clear();
        Scan(text, words, sentences, name);
    }

    private static readonly Func<ReadOnlySpan<char>, string> AsString = word => new string(word);

    private static void Scan(string text, List<string> words, List<int>? sentences, Func<ReadOnlySpan<char>, string> name)
    {
        Span<char> word = stackalloc char[64];
        var length = 0;
        var sentence = 0;
        for (var at = 0; at < text.Length; at++)
        {
            var ch = text[at];
            var folded = Fold(ch);
            if (folded == '\0') continue; // a combining accent: part of the letter before it
            if (folded != ' ')
            {
                if (folded == 'Œ') // œ folds to two letters
                {
                    if (length < word.Length - 1) { word[length++] = 'o'; word[length++] = 'e'; }
                }
                else if (length < word.Length) word[length++] = folded;
                continue;
            }
            Emit(word[..length], ch is '\'' or '’' or 'ʼ', words, sentences, sentence, name);
            length = 0;
            // A new sentence starts only once the current one has words: « ... » after a full stop is no sentence.
            if (sentences is not null && sentences.Count > 0 && sentences[^1] == sentence && EndsSentence(text, at)) sentence++;
        }
        Emit(word[..length], false, words, sentences, sentence, name);
    }

    /// <summary>
    /// « . », « ! », « ? », « ; » or a line break, except a full stop inside a word: « député.es » (inclusive
    /// writing) and « 2.5 » are one sentence.
    /// </summary>
    private static bool EndsSentence(string text, int at) => text[at] switch
    {
        '!' or '?' or ';' or '\n' => true,
        '.' => at + 1 == text.Length || !char.IsLetterOrDigit(text[at + 1]),
        _ => false,
    };

    /// <param name="beforeApostrophe">The word ends at an apostrophe: « l' », « qu' » are elisions, but the S of « fiché S » is a word.</param>
    private static void Emit(Span<char> word, bool beforeApostrophe, List<string> words, List<int>? sentences, int sentence,
        Func<ReadOnlySpan<char>, string> name)
    {
        if (word.IsEmpty || (beforeApostrophe && IsElision(word))) return;
        words.Add(name(Singular(word)));
        sentences?.Add(sentence);
    }

    private static bool IsElision(ReadOnlySpan<char> word) => word.Length switch
    {
        1 => word[0] is 'l' or 'd' or 'j' or 'n' or 's' or 'm' or 't' or 'c',
        2 => word is "qu",
        _ => word is "jusqu" or "lorsqu" or "puisqu",
    };

    /// <summary>
    /// Folding of each character of the Latin, Latin-1 and Latin Extended blocks, computed once:
    /// a lower-case unaccented letter or digit, ' ' for a separator, '\0' for a combining mark,
    /// 'Œ' as the marker of œ. Classifying a 100k-file dump reads every character through it.
    /// </summary>
    private static readonly char[] FoldTable = BuildFoldTable();

    /// <summary>A letter or digit lower case and unaccented; ' ' for a separator, '\0' for a combining mark, 'Œ' for œ.</summary>
    internal static char Fold(char ch) => ch < FoldTable.Length ? FoldTable[ch] : FoldRare(ch);

    private static char[] BuildFoldTable()
    {
        var table = new char[0x0370];
        for (var c = 0; c < table.Length; c++) table[c] = FoldSlow((char)c);
        return table;
    }

    private static char FoldRare(char ch) =>
        CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark ? '\0' : char.IsLetterOrDigit(ch) ? FoldSlow(ch) : ' ';

    private static char FoldSlow(char ch)
    {
        if (ch is 'œ' or 'Œ') return 'Œ';
        if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) return '\0';
        if (!char.IsLetterOrDigit(ch)) return ' ';
        var decomposed = ch.ToString().Normalize(NormalizationForm.FormD);
        return char.ToLowerInvariant(decomposed[0]);
    }

    /// <summary>
    /// A light plural folding, enough for the vocabulary watched here: « caméras » → « camera »,
    /// « généraux » → « general », « biométriques » → « biometrique ». Short words and acronyms (« VSA »,
    /// « TAJ ») are left as they are. Folded in place, in the scanner's buffer.
    /// </summary>
    private static Span<char> Singular(Span<char> word)
    {
        if (word.Length <= 3) return word;
        if (word.EndsWith("aux") && word.Length > 4)
        {
            word[^2] = 'l';
            return word[..^1];
        }
        if (word[^1] is 's' or 'x' && word[^2] is not 's') return word[..^1];
        return word;
    }
}
