namespace Watch.Storage;

/// <summary>Ids that start with a prefix, read as a range of an index in code-point order.</summary>
internal static class IdPrefix
{
    /// <summary>The first string after every string that starts with <paramref name="prefix"/>.</summary>
    public static string UpperBound(string prefix) =>
        prefix.Length == 0 ? "\uffff" : prefix[..^1] + (char)(prefix[^1] + 1);
}
