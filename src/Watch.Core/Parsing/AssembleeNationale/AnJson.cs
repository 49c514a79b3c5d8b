using System.Text.Json;

namespace Watch.Parsing.AssembleeNationale;

/// <summary>
/// Reading the Assemblée nationale's JSON, which is its XML converted mechanically: every value is a
/// string, a nil element is <c>{"@xsi:nil":"true"}</c> (or JSON null in re-saved copies), a list of one
/// is a bare object, and some values are either a string or a <c>{code, libelle}</c> object.
/// </summary>
public static class AnJson
{
    /// <summary>The child named <paramref name="name"/> as text; null when absent, nil, null or empty.</summary>
    public static string? Str(JsonElement parent, string name) =>
        Child(parent, name) is { } child ? Text(child) : null;

    /// <summary>A value's text: strings as they are, nil/null as null, <c>{code, libelle}</c> as its libellé.</summary>
    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Object when !IsNil(value) => Str(value, "libelle") ?? Str(value, "#text"),
        _ => null,
    };

    /// <summary>Follows a path of child names, stopping at the first one missing or nil.</summary>
    public static JsonElement? Child(JsonElement parent, params ReadOnlySpan<string> path)
    {
        var current = parent;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out var next)) return null;
            if (next.ValueKind == JsonValueKind.Null || IsNil(next)) return null;
            current = next;
        }
        return current;
    }

    /// <summary>The element(s) under <paramref name="name"/>, whether the dump wrote one object or an array.</summary>
    public static IEnumerable<JsonElement> Items(JsonElement parent, string name)
    {
        if (Child(parent, name) is not { } value) return [];
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Where(e => !IsNil(e) && e.ValueKind != JsonValueKind.Null) : [value];
    }

    /// <summary>Reads a value that is a plain string or a <c>{code, libelle}</c> object (the amendment's <c>sort</c>).</summary>
    public static string? Label(JsonElement parent, string name) => Str(parent, name);

    public static bool IsNil(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object
        && value.TryGetProperty("@xsi:nil", out var nil)
        && nil.ValueKind == JsonValueKind.String && nil.ValueEquals("true");

    /// <summary>
    /// The object under the dataset's root key (<c>{"amendement": {...}}</c> in the dumps), or the document
    /// itself when it is already that object (the per-unit <c>/dyn/opendata/{uid}.json</c> endpoint).
    /// </summary>
    public static JsonElement Unwrap(JsonElement root, string rootKey, string requiredChild, string input)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new ParseException(input, $"expected a JSON object with \"{rootKey}\", found {root.ValueKind}.");
        if (root.TryGetProperty(rootKey, out var wrapped) && wrapped.ValueKind == JsonValueKind.Object) return wrapped;
        if (root.TryGetProperty(requiredChild, out _)) return root;
        throw new ParseException(input, $"not an Assemblée nationale \"{rootKey}\" document (no \"{rootKey}\" or \"{requiredChild}\" key).");
    }

    public static DateOnly? Date(JsonElement parent, string name) =>
        Str(parent, name) is { } s && DateOnly.TryParse(s.AsSpan(0, Math.Min(10, s.Length)), out var d) ? d : null;

    public static DateTimeOffset? DateTime(JsonElement parent, string name) =>
        Str(parent, name) is { } s && DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var d) ? d : null;
}
