using System.Text.Json;
using Watch.Domain;

namespace Watch.Parsing.Legifrance;

/// <summary>
/// Reads the article responses of the PISTE Légifrance API (<c>/consult/getArticle</c> → <c>{"article": {…}}</c>,
/// get-article-by-cid → <c>{"listArticle": [ … ]}</c>) into the same <see cref="OfficialArticle"/> as the XML dumps.
/// Dates are epoch milliseconds; 32472144000000 (2999-01-01) means "no end".
/// </summary>
public static class PisteArticleParser
{
    private static readonly TimeZoneInfo Paris = FindParis();

    public static IReadOnlyList<OfficialArticle> Parse(Stream json, string input)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return Parse(doc.RootElement, input);
        }
        catch (JsonException e)
        {
            throw new ParseException(input, $"malformed JSON ({e.Message})", e);
        }
    }

    public static IReadOnlyList<OfficialArticle> Parse(JsonElement root, string input)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new ParseException(input, "expected a JSON object.");
        if (root.TryGetProperty("listArticle", out var list) && list.ValueKind == JsonValueKind.Array)
            return list.EnumerateArray().Select(a => Article(a, input)).ToList();
        if (root.TryGetProperty("article", out var one) && one.ValueKind == JsonValueKind.Object)
            return [Article(one, input)];
        throw new ParseException(input, "has neither \"listArticle\" nor \"article\": not a PISTE article response.");
    }

    private static OfficialArticle Article(JsonElement a, string input)
    {
        var id = Str(a, "id") ?? throw new ParseException(input, "an article has no \"id\".");
        var context = Obj(a, "context");
        var textTitle = context is { } c && Obj(c, "titreTxt") is { ValueKind: JsonValueKind.Array } tt && tt.GetArrayLength() > 0
            ? tt[tt.GetArrayLength() - 1] : (JsonElement?)null;
        var firstText = Obj(a, "textTitles") is { ValueKind: JsonValueKind.Array } texts && texts.GetArrayLength() > 0 ? texts[0] : (JsonElement?)null;
        var nature = firstText is { } ft ? Str(ft, "nature") : null;
        var html = Str(a, "texteHtml");

        return new OfficialArticle
        {
            Id = id,
            Number = Str(a, "num") ?? "",
            Origin = Str(a, "origine") ?? (id.StartsWith("JORF", StringComparison.Ordinal) ? "JORF" : "LEGI"),
            Url = LegifranceUrls.Article(id, nature),
            State = Str(a, "etat"),
            StartDate = Date(a, "dateDebut"),
            EndDate = Date(a, "dateFin"),
            TextCid = (textTitle is { } t1 ? Str(t1, "cid") : null) ?? Str(a, "cidTexte") ?? (firstText is { } f1 ? Str(f1, "cid") : null),
            TextTitle = (textTitle is { } t2 ? Str(t2, "titre") : null) ?? (firstText is { } f2 ? Str(f2, "titre") : null),
            Context = context is { } cx && Obj(cx, "titresTM") is { ValueKind: JsonValueKind.Array } tms
                ? tms.EnumerateArray().Select(t => Str(t, "titre")).OfType<string>().ToList()
                : [],
            Content = html is not null ? HtmlText.ToPlainText(html) : HtmlText.ToPlainText(Str(a, "texte")),
            Nota = HtmlText.ToPlainText(Str(a, "notaHtml") ?? Str(a, "nota")),
            Versions = Obj(a, "articleVersions") is { ValueKind: JsonValueKind.Array } versions
                ? versions.EnumerateArray()
                    .Select(v => new OfficialArticleVersion(Str(v, "id") ?? "", Str(v, "numero"), Str(v, "etat"), Date(v, "dateDebut"), Date(v, "dateFin")))
                    .Where(v => v.Id.Length > 0).ToList()
                : [],
        };
    }

    /// <summary>
    /// PISTE writes a day as the epoch milliseconds of its midnight, sometimes UTC, sometimes Paris time
    /// (22:00/23:00 UTC the day before); read in Paris time, both give the intended day.
    /// </summary>
    internal static DateOnly? FromEpochMilliseconds(long ms)
    {
        var paris = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(ms), Paris);
        var day = DateOnly.FromDateTime(paris.DateTime);
        return day.Year >= 2999 ? null : day;
    }

    private static DateOnly? Date(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var ms)
            ? FromEpochMilliseconds(ms)
            : v.ValueKind == JsonValueKind.String ? Xml.Date(v.GetString()) : null;

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;

    private static JsonElement? Obj(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? v : null;

    private static TimeZoneInfo FindParis()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.CreateCustomTimeZone("CET", TimeSpan.FromHours(1), "CET", "CET"); }
    }
}
