using System.Text.RegularExpressions;

namespace Watch.Diff;

/// <summary>
/// The numbered paragraphs of an article (« I. – », « II (nouveau). – », « III bis. – »): each alinéa belongs
/// to the last one opened before it, so that a change can be placed as « article 10, II ».
/// </summary>
internal static partial class RomanParagraphs
{
    /// <summary>For each alinéa, the number of its paragraph ("II", "III bis"), or null before the first one.</summary>
    public static string?[] Of(IReadOnlyList<string> alineas)
    {
        var labels = new string?[alineas.Count];
        string? current = null;
        for (var i = 0; i < alineas.Count; i++)
        {
            var m = Opening().Match(alineas[i]);
            if (m.Success) current = m.Groups["n"].Value;
            labels[i] = current;
        }
        return labels;
    }

    // A quoted paragraph of the code being amended starts with « and is not one of the article's own.
    [GeneratedRegex(@"^(?<n>[IVXL]+(?: (?:bis|ter|quater|quinquies|sexies|[A-Z]))?)(?: ?\([^)]{1,30}\))?\. ?[-–—]")]
    private static partial Regex Opening();
}
