using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

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
        if (root.ValueKind != JsonValueKind.Object) throw NotAnObject(input, rootKey, root.ValueKind.ToString());
        if (root.TryGetProperty(rootKey, out var wrapped) && wrapped.ValueKind == JsonValueKind.Object) return wrapped;
        if (root.TryGetProperty(requiredChild, out _)) return root;
        throw NotADocument(input, rootKey, requiredChild);
    }

    /// <summary>A document that is not a JSON object at all (an array, a string, null).</summary>
    internal static ParseException NotAnObject(string input, string rootKey, string found) =>
        new(input, $"expected a JSON object with \"{rootKey}\", found {found}.");

    /// <summary>An object that is neither wrapped under the dataset's root key nor the bare object (another dataset's file).</summary>
    internal static ParseException NotADocument(string input, string rootKey, string requiredChild) =>
        new(input, $"not an Assemblée nationale \"{rootKey}\" document (no \"{rootKey}\" or \"{requiredChild}\" key).");

    public static DateOnly? Date(JsonElement parent, string name) => Date(Str(parent, name));

    /// <summary>The day of « 2025-02-05 » or « 2025-02-05+01:00 »; null when absent or not a date.</summary>
    public static DateOnly? Date(string? value) =>
        value is not null && DateOnly.TryParse(value.AsSpan(0, Math.Min(10, value.Length)), out var d) ? d : null;

    public static DateTimeOffset? DateTime(JsonElement parent, string name) => DateTime(Str(parent, name));

    public static DateTimeOffset? DateTime(string? value) =>
        value is not null && DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var d) ? d : null;

    /// <summary>
    /// <see cref="Text(JsonElement)"/> for a deserialised member: a string as it is (empty as null), nil or null as
    /// null, a <c>{code, libelle}</c> object as its libellé (or its <c>#text</c>), a number or boolean as written.
    /// </summary>
    internal sealed class TextConverter : JsonConverter<string?>
    {
        public override bool HandleNull => true;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    return reader.GetString() is { Length: > 0 } s ? s : null;
                case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False:
                    return System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
                case JsonTokenType.StartObject:
                    string? label = null, text = null;
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var name = reader.ValueTextEquals("libelle"u8) ? 1 : reader.ValueTextEquals("#text"u8) ? 2 : 0;
                        reader.Read();
                        if (name == 1) label = Read(ref reader, typeToConvert, options);
                        else if (name == 2) text = Read(ref reader, typeToConvert, options);
                        else reader.Skip();
                    }
                    // A nil object has neither: « @xsi:nil » is all it holds.
                    return label ?? text;
                default:
                    reader.Skip();
                    return null;
            }
        }

        public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) =>
            throw new NotSupportedException("The AN's files are read, never written.");
    }

    /// <summary>
    /// An HTML fragment (a dispositif, an exposé, the signatories' line) read straight into its plain text
    /// (<see cref="HtmlText"/>), so that the fragment itself never becomes a string; absent or empty is null, as
    /// with <see cref="TextConverter"/>.
    /// </summary>
    internal sealed class PlainTextConverter : JsonConverter<string?>
    {
        private static readonly TextConverter Text = new();

        public override bool HandleNull => true;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
                return Text.Read(ref reader, typeToConvert, options) is { } other ? HtmlText.ToPlainText(other) : null;
            // Unescaped, a string has no more chars than its JSON has bytes.
            var length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
            if (length == 0) return null;
            var buffer = ArrayPool<char>.Shared.Rent(length);
            try
            {
                return HtmlText.ToPlainText(buffer.AsSpan(0, reader.CopyString(buffer)));
            }
            finally
            {
                ArrayPool<char>.Shared.Return(buffer);
            }
        }

        public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) =>
            throw new NotSupportedException("The AN's files are read, never written.");
    }

    /// <summary><see cref="Items"/> for a deserialised member: a list of one may be written as the bare object.</summary>
    internal sealed class ListConverter<T> : JsonConverter<List<T>> where T : class
    {
        public override List<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var item = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
            if (reader.TokenType == JsonTokenType.StartObject) return JsonSerializer.Deserialize(ref reader, item) is { } one ? [one] : [];
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                return [];
            }
            var list = new List<T>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                if (reader.TokenType == JsonTokenType.StartObject && JsonSerializer.Deserialize(ref reader, item) is { } each) list.Add(each);
                else reader.Skip();
            return list;
        }

        public override void Write(Utf8JsonWriter writer, List<T> value, JsonSerializerOptions options) =>
            throw new NotSupportedException("The AN's files are read, never written.");
    }
}
