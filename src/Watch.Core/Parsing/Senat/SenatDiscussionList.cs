using System.Text.Json;
using System.Text.RegularExpressions;

namespace Watch.Parsing.Senat;

/// <summary>
/// The Sénat's discussion list for one text (Ameli's <c>liste_discussion.json</c>, served under
/// <c>https://www.senat.fr/en{commission|seance}/{session}/{num}/</c>): amendments in discussion order with their
/// outcome so far. Used to update the sort of amendments already read from the CSV.
/// </summary>
public sealed record SenatDiscussionList(
    string? Nature,
    string? Title,
    string? Reading,
    string? TextId,
    string? DossierSignet,
    string? Session,
    string? TextNumber,
    IReadOnlyList<SenatDiscussionEntry> Entries)
{
    /// <summary>The list of a text not discussed yet (its address answers 404): no outcome, no dossier named.</summary>
    public static readonly SenatDiscussionList None = new(null, null, null, null, null, null, null, []);
}

/// <summary>
/// One amendment of a discussion list. <see cref="Sort"/> is absent until the amendment is examined.
/// <see cref="ParentId"/> and <see cref="ParentNumber"/> are set for a sous-amendement.
/// </summary>
public sealed record SenatDiscussionEntry(
    string AmendmentId,
    string Number,
    string? Sort,
    bool IsSousAmendement,
    string? ParentId,
    string? ParentNumber,
    bool IsAdopte,
    string? Url,
    string? Subdivision,
    string? Author);

public static partial class SenatDiscussionListParser
{
    public static SenatDiscussionList Parse(Stream json, string input)
    {
        using var copy = new MemoryStream();
        json.CopyTo(copy);
        // Ameli's JSON is hand-assembled; decode like the CSV rather than trusting it to be UTF-8.
        var text = TextDecoding.Decode(copy.GetBuffer().AsSpan(0, (int)copy.Length));
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true });
            return Parse(doc.RootElement, input);
        }
        catch (JsonException e)
        {
            throw new ParseException(input, $"malformed JSON ({e.Message})", e);
        }
    }

    public static SenatDiscussionList Parse(JsonElement root, string input)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Subdivisions", out var subdivisions) || subdivisions.ValueKind != JsonValueKind.Array)
            throw new ParseException(input, "has no \"Subdivisions\" array: not a Sénat liste_discussion.json.");
        var info = root.TryGetProperty("info_generales", out var i) && i.ValueKind == JsonValueKind.Object ? i : (JsonElement?)null;

        // Session and text number are only in the subdivisions' links ("../../textes/2016-2017/610.html#…").
        string? session = null, textNumber = null;
        var raw = new List<(JsonElement Amendment, string? Subdivision)>();
        foreach (var sub in subdivisions.EnumerateArray())
        {
            if (sub.ValueKind != JsonValueKind.Object) throw new ParseException(input, $"has a subdivision that is not a JSON object ({sub.ValueKind}).");
            if (session is null && SignetPattern().Match(Str(sub, "signet") ?? "") is { Success: true } m)
            {
                session = m.Groups["session"].Value;
                textNumber = m.Groups["text"].Value;
            }
            if (sub.TryGetProperty("Amendements", out var amendments) && amendments.ValueKind == JsonValueKind.Array)
                foreach (var a in amendments.EnumerateArray())
                    raw.Add(a.ValueKind == JsonValueKind.Object
                        ? (a, Str(sub, "libelle_subdivision"))
                        : throw new ParseException(input, $"has an amendment that is not a JSON object ({a.ValueKind}) under « {Str(sub, "libelle_subdivision")} »."));
        }

        var numberById = raw.Select(r => (Id: Str(r.Amendment, "idAmendement"), Num: Str(r.Amendment, "num")))
            .Where(p => p.Id is not null && p.Num is not null)
            .GroupBy(p => p.Id!).ToDictionary(g => g.Key, g => g.First().Num!);

        var entries = raw.Select(r =>
        {
            var a = r.Amendment;
            var id = Str(a, "idAmendement") ?? throw new ParseException(input, "an amendment has no \"idAmendement\".");
            var num = Str(a, "num") ?? throw new ParseException(input, $"amendment {id} has no \"num\".");
            var isSub = Bool(a, "isSousAmendement", input, id);
            var parent = Str(a, "idAmendementPere") is { } p && p != "0" ? p : null;
            return new SenatDiscussionEntry(
                id, num, Str(a, "sort"), isSub, parent,
                parent is not null && numberById.TryGetValue(parent, out var pn) ? pn : null,
                Bool(a, "isAdopte", input, id),
                AmendmentUrl(Str(a, "urlAmdt"), session, textNumber, num),
                r.Subdivision, Str(a, "auteur"));
        }).ToList();

        return new SenatDiscussionList(
            info is { } n1 ? Str(n1, "natureLoi") : null,
            info is { } n2 ? Str(n2, "intituleLoi") : null,
            info is { } n3 ? Str(n3, "lecture") : null,
            info is { } n4 ? Str(n4, "idtxt") : null,
            info is { } n5 ? Str(n5, "doslegsignet") : null,
            session, textNumber, entries);
    }

    /// <summary>
    /// urlAmdt is relative ("Amdt_COM-12.html"); the amendment pages live under /amendements/[commissions/]{session}/{num}/.
    /// </summary>
    private static string? AmendmentUrl(string? relative, string? session, string? textNumber, string num)
    {
        if (relative is not null && (relative.StartsWith("http", StringComparison.OrdinalIgnoreCase) || relative.StartsWith('/')))
            return SenatUrls.Absolute(relative);
        if (session is null || textNumber is null) return null;
        var file = relative is not null && AmdtFile().Match(relative) is { Success: true } m ? m.Groups["num"].Value : SenatUrls.BaseNumber(num);
        return SenatUrls.AmendmentPage(session, textNumber, file);
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()?.Trim() is { Length: > 0 } s ? s : null;

    /// <summary>Booleans are the strings "true"/"false"; an absent one is false.</summary>
    private static bool Bool(JsonElement e, string name, string input, string id)
    {
        if (!e.TryGetProperty(name, out var v)) return false;
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when v.GetString() == "true" => true,
            JsonValueKind.String when v.GetString() == "false" => false,
            _ => throw new ParseException(input, $"amendment {id}: \"{name}\" is {v.GetRawText()}, expected \"true\" or \"false\"."),
        };
    }

    [GeneratedRegex(@"textes/(?<session>\d{4}-\d{4})/(?<text>\d+)\.html")]
    private static partial Regex SignetPattern();

    [GeneratedRegex(@"Amdt_(?<num>[^/]+?)\.html", RegexOptions.IgnoreCase)]
    private static partial Regex AmdtFile();
}
