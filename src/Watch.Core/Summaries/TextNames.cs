using System.Text.RegularExpressions;

namespace Watch.Summaries;

/// <summary>What a reader calls an Assemblée text, from the uid the open data gives it.</summary>
internal static partial class TextNames
{
    /// <summary>
    /// « PIONANR5L17BTC0636 » → « texte de la commission n° 636 », « PRJLANR5L15BTA0302 » → « texte adopté n° 302 »,
    /// « PRJLANR5L17B0324 » → « projet de loi n° 324 »; anything else → « texte {uid} ».
    /// </summary>
    public static string Assemblee(string uid)
    {
        var m = AnTextUid().Match(uid);
        if (!m.Success) return $"texte {uid}";
        var number = int.Parse(m.Groups["num"].Value);
        return m.Groups["stage"].Value switch
        {
            "TC" => $"texte de la commission n° {number}",
            "TA" => $"texte adopté n° {number}",
            _ => m.Groups["type"].Value switch
            {
                "PRJL" => $"projet de loi n° {number}",
                "PION" => $"proposition de loi n° {number}",
                _ => $"texte n° {number}",
            },
        };
    }

    [GeneratedRegex(@"^(?<type>[A-Z]{4})AN[RS]5L\d+B(?<stage>TC|TA)?(?<num>\d+)")]
    private static partial Regex AnTextUid();
}
