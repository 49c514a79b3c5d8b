namespace Watch.Domain;

internal static class FrenchList
{
    /// <summary>« 10 », « 10 et 11 », « 10, 11 et 12 ».</summary>
    public static string Join(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} et {items[^1]}",
    };

    /// <summary>The plural mark of a word counted <paramref name="count"/> times: « s » from 2 on, as 0 and 1 take the singular in French.</summary>
    public static string Plural(int count) => count > 1 ? "s" : "";
}
