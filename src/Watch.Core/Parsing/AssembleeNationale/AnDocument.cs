using System.Globalization;
using System.Text.Json;

namespace Watch.Parsing.AssembleeNationale;

/// <summary>The plumbing the AN dataset parsers share: opening the JSON and reading the dump's numbers.</summary>
internal static class AnDocument
{
    // The dossiers nest acts five levels deep, each level two JSON objects; 64 leaves room without allowing abuse.
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    public static T Parse<T>(Stream json, string input, Func<JsonElement, string, T> parse) =>
        Parse(() => JsonDocument.Parse(json, Options), input, parse);

    public static T Parse<T>(ReadOnlyMemory<byte> json, string input, Func<JsonElement, string, T> parse) =>
        Parse(() => JsonDocument.Parse(json, Options), input, parse);

    private static T Parse<T>(Func<JsonDocument> open, string input, Func<JsonElement, string, T> parse)
    {
        JsonDocument doc;
        try
        {
            doc = open();
        }
        catch (JsonException e)
        {
            throw new ParseException(input, $"malformed JSON ({e.Message})", e);
        }
        using (doc) return parse(doc.RootElement, input);
    }

    /// <summary>
    /// The object under <paramref name="rootKey"/>, or the document itself when it is that object bare; then
    /// checks the uid's prefix so that a bare object of another dataset is refused rather than half-read.
    /// </summary>
    public static (JsonElement Element, string Uid) Unwrap(JsonElement root, string rootKey, string distinctiveChild, string uidPrefix, string input)
    {
        var element = AnJson.Unwrap(root, rootKey, distinctiveChild, input);
        var uid = AnJson.Str(element, "uid") ?? throw new ParseException(input, $"\"{rootKey}\" has no uid.");
        if (!uid.StartsWith(uidPrefix, StringComparison.Ordinal))
            throw new ParseException(input, $"'{uid}' is not a \"{rootKey}\" uid (expected {uidPrefix}…).");
        return (element, uid);
    }

    /// <summary>A count the dump writes as a string ("139"); a missing or malformed one is an error.</summary>
    public static int RequiredInt(JsonElement parent, string name, string input, string where) =>
        OptionalInt(parent, name, input, where) ?? throw new ParseException(input, $"{where}: \"{name}\" is missing.");

    public static int? OptionalInt(JsonElement parent, string name, string input, string where)
    {
        if (AnJson.Str(parent, name) is not { } s) return null;
        return int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ParseException(input, $"{where}: \"{name}\" is '{s}', not a count.");
    }
}
