using System.Text.Json;
using Watch.Domain;

namespace Watch.Parsing.Legifrance;

/// <summary>
/// Reading the PISTE Légifrance API's JSON, the same way for every answer: a value of the wrong kind reads as
/// absent, strings are trimmed and an empty one is absent, and a day is written as the epoch milliseconds of its
/// midnight (a number, or a string of digits) or as an ISO date; 2999-01-01 means « no date ».
/// </summary>
internal static class PisteJson
{
    public static string? Str(JsonElement e, string name) =>
        Child(e, name, JsonValueKind.String) is { } v && v.GetString()!.Trim() is { Length: > 0 } s ? s : null;

    public static JsonElement? Obj(JsonElement e, string name) => Child(e, name, JsonValueKind.Object);

    /// <summary>The array's elements; none when it is absent or not an array.</summary>
    public static IEnumerable<JsonElement> Arr(JsonElement e, string name) =>
        Child(e, name, JsonValueKind.Array) is { } v ? v.EnumerateArray() : [];

    public static DateOnly? Date(JsonElement e, string name)
    {
        if (!(e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v))) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var ms)) return FromEpochMilliseconds(ms);
        if (v.ValueKind != JsonValueKind.String) return null;
        var s = v.GetString()!.Trim();
        if (long.TryParse(s, out var written)) return FromEpochMilliseconds(written);
        return DateOnly.TryParseExact(s.Length > 10 ? s[..10] : s, "yyyy-MM-dd", out var d) && d.Year < 2999 ? d : null;
    }

    /// <summary>
    /// PISTE writes a day as the epoch milliseconds of its midnight, sometimes UTC, sometimes Paris time
    /// (22:00/23:00 UTC the day before); read in Paris time, both give the intended day.
    /// </summary>
    public static DateOnly? FromEpochMilliseconds(long ms)
    {
        var day = ParisTime.DayOf(DateTimeOffset.FromUnixTimeMilliseconds(ms));
        return day.Year >= 2999 ? null : day;
    }

    private static JsonElement? Child(JsonElement e, string name, JsonValueKind kind) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == kind ? v : null;
}
