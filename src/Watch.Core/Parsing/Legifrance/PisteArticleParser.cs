using System.Text.Json;
using Watch.Domain;
using static Watch.Parsing.Legifrance.PisteJson;

namespace Watch.Parsing.Legifrance;

/// <summary>
/// Reads the article responses of the PISTE Légifrance API (<c>/consult/getArticle</c> → <c>{"article": {…}}</c>,
/// get-article-by-cid → <c>{"listArticle": [ … ]}</c>) into the same <see cref="OfficialArticle"/> as the XML dumps.
/// Dates are epoch milliseconds; 32472144000000 (2999-01-01) means "no end".
/// </summary>
public static class PisteArticleParser
{
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
        var textTitle = context is { } c ? Arr(c, "titreTxt").Select(t => (JsonElement?)t).LastOrDefault() : null;
        var firstText = Arr(a, "textTitles").Select(t => (JsonElement?)t).FirstOrDefault();
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
            Context = context is { } cx ? Arr(cx, "titresTM").Select(t => Str(t, "titre")).OfType<string>().ToList() : [],
            Content = html is not null ? HtmlText.ToPlainText(html) : HtmlText.ToPlainText(Str(a, "texte")),
            Nota = HtmlText.ToPlainText(Str(a, "notaHtml") ?? Str(a, "nota")),
            Versions = Arr(a, "articleVersions")
                .Select(v => new OfficialArticleVersion(Str(v, "id") ?? "", Str(v, "numero"), Str(v, "etat"), Date(v, "dateDebut"), Date(v, "dateFin")))
                .Where(v => v.Id.Length > 0).ToList(),
        };
    }
}
