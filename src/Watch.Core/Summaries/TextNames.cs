using System.Globalization;
using System.Text.RegularExpressions;
using Watch.Domain;
using Watch.Relevance;

namespace Watch.Summaries;

/// <summary>What a reader calls a text, from the name its chamber gives it (the AN's uid, the Sénat's file name).</summary>
internal static partial class TextNames
{
    /// <summary>
    /// « PIONANR5L17BTC0636 » → « texte de la commission n° 636 », « PRJLANR5L15BTA0302 » → « texte adopté n° 302 »,
    /// « PRJLANR5L17B0324 » → « projet de loi n° 324 », a text from before the open data « an:14:996 » → « texte n° 996
    /// (14e législature) »; anything else → « texte {uid} ». The uid's « TC » is any text
    /// drawn up after a committee, the CMP's too: when the page's cover says who drew it up
    /// (<paramref name="draftedBy"/>), that is said instead (« texte n° 3046 élaboré par la commission mixte paritaire »).
    /// </summary>
    public static string Assemblee(string uid, string? draftedBy = null)
    {
        if (AnLegacyText.TryParseKey(uid, out var legacy)) return $"texte n° {legacy.Number} ({legacy.Legislature}e législature)";
        var m = AnTextUid().Match(uid);
        if (!m.Success) return $"texte {uid}";
        var number = int.Parse(m.Groups["num"].Value);
        return m.Groups["stage"].Value switch
        {
            "TC" when draftedBy is not null => $"texte n° {number} élaboré par {draftedBy}",
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

    /// <summary>
    /// What a reader calls what a key names, as « Pourquoi : suivi : » says it: a dossier by its title when
    /// <paramref name="dossiers"/> knows it (dossier « Programmation pour la refondation de Mayotte »), else by its bill
    /// (« dossier de la proposition de loi n° 756 (2023-2024) du Sénat »); a text by its kind and number (« projet de loi
    /// n° 1112 »); a law by its number (« loi n° 2025-532 »); an amendment put to the vote by its number, text and organ
    /// (« amendement n° 229 sur le texte de la commission n° 1573, en séance publique »); any other key as it is.
    /// </summary>
    public static string Key(string key, IReadOnlyDictionary<string, string>? dossiers)
    {
        if (dossiers?.GetValueOrDefault(key) is { } title) return $"dossier « {title} »";
        if (Dossier.IsId(key)) return $"dossier {key}";
        if (SenatDossier.SignetOf(key) is { } signet) return $"dossier {Of(Senat(signet))} du Sénat";
        if (IsAssemblee(key)) return Assemblee(key);
        if (SenatTextNumber.TryParseKey(key, out _)) return $"{SenatAmended(key)} du Sénat";
        if (RelevanceLinks.LawNumber(key) is { } law) return $"loi n° {law}";
        if (Amendment.ReadVoteKey(key) is { } voted)
            return $"amendement n° {voted.Number} sur {The(Assemblee(voted.TextRef))}"
                + (AnOrgans.Where(voted.Organ) is { } where ? $", {where}" : "")
                + (voted.Deliberation > 1 ? ", seconde délibération" : "");
        return key;
    }

    /// <summary>« la proposition de loi … », « le projet de loi … », « le texte de la commission … ».</summary>
    private static string The(string text) => text.StartsWith("proposition", StringComparison.Ordinal) ? $"la {text}" : $"le {text}";

    /// <summary>« de la proposition de loi … », « du projet de loi … ».</summary>
    private static string Of(string text) => text.StartsWith("proposition", StringComparison.Ordinal) ? $"de la {text}" : $"du {text}";

    /// <summary>Whether <paramref name="key"/> is an AN text's, which <see cref="Assemblee"/> names by its number (and kind, from a uid).</summary>
    public static bool IsAssemblee(string key) => AnTextUid().IsMatch(key) || AnLegacyText.TryParseKey(key, out _);

    /// <summary>
    /// As the Sénat prints them, from its file names: « ppl23-756 » → « proposition de loi n° 756 (2023-2024) »,
    /// « pjl22-220 » → « projet de loi n° 220 (2022-2023) » (a bill: <see cref="SenatTextNumber"/>), « tas24-021 » →
    /// « texte adopté n° 21 (2024-2025) » (its adopted texts are numbered apart, per session); anything else → « texte {name} ».
    /// A commission's text is filed under its bill's kind (« ppl24-099 »): when a commission drew it up
    /// (<paramref name="draftedBy"/>), it is « texte de la commission n° 99 (2024-2025) », as the dossier page says.
    /// </summary>
    public static string Senat(string name, string? draftedBy = null)
    {
        if (SenatTextNumber.TryParse(name, out var bill))
            return $"{(draftedBy is not null ? "texte de la commission" : name.StartsWith("ppl", StringComparison.OrdinalIgnoreCase) ? "proposition de loi" : "projet de loi")} n° {bill.Number} ({bill.Session})";
        if (SenatAdopted().Match(name) is not { Success: true } m) return $"texte {name}";
        var year = 2000 + int.Parse(m.Groups["yy"].Value, CultureInfo.InvariantCulture);
        return $"texte adopté n° {int.Parse(m.Groups["num"].Value, CultureInfo.InvariantCulture)} ({year}-{year + 1})";
    }

    /// <summary>
    /// The text a Sénat amendment names, by its key: « senat:2017-2018:583 » → « texte n° 583 (2017-2018) ». The
    /// amendments' export gives the text's session and number, not its kind (a bill, or the commission's text of it).
    /// </summary>
    public static string SenatAmended(string key) =>
        SenatTextNumber.TryParseKey(key, out var text) ? $"texte n° {text.Number} ({text.Session})" : $"texte {key}";

    [GeneratedRegex(@"^tas(?<yy>\d{2})-(?<num>\d{1,6})$", RegexOptions.IgnoreCase)]
    private static partial Regex SenatAdopted();

    [GeneratedRegex(@"^(?<type>[A-Z]{4})AN[RS]5L\d+B(?<stage>TC|TA)?(?<num>\d+)")]
    private static partial Regex AnTextUid();
}
