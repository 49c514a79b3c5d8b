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
}
