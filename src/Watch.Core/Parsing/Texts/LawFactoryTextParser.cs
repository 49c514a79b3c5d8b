using System.Text.Json;

namespace Watch.Parsing.Texts;

/// <summary>
/// The texte.json La Fabrique de la Loi derives for each step of a bill: {"titre", "id", "source",
/// "sections": [{"id", "titre"}], "articles": [{"titre": "2 bis", "statut": "nouveau", "section": "T1C2",
/// "order", "alineas": {"001": "…"}}]}. Not an official format, but a clean one for following a bill step by step.
/// </summary>
internal static class LawFactoryTextParser
{
    public static bool Looks(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("articles", out var articles)
        && articles.ValueKind == JsonValueKind.Array;

    public static TextVersion Parse(JsonElement root, string source)
    {
        var sections = new List<(string Id, string Label)>();
        if (root.TryGetProperty("sections", out var sectionArray) && sectionArray.ValueKind == JsonValueKind.Array)
        {
            foreach (var s in sectionArray.EnumerateArray())
            {
                if (String(s, "id") is { } id)
                    sections.Add((id, TextClean.Normalize(String(s, "titre") ?? id)));
            }
        }

        var articles = new List<(double Order, int Index, TextArticle Article)>();
        var index = 0;
        foreach (var a in root.GetProperty("articles").EnumerateArray())
        {
            index++;
            if (a.ValueKind != JsonValueKind.Object) continue;
            if (String(a, "type") is { } type && type != "article") continue;
            var number = String(a, "titre")
                ?? throw new TextFormatException(source, $"l'article n° {index} de la liste \"articles\" n'a pas de \"titre\" (son numéro).");

            var statut = String(a, "statut");
            var label = statut is null or "none" ? null : statut;

            var alineas = new List<string>();
            if (a.TryGetProperty("alineas", out var al) && al.ValueKind == JsonValueKind.Object)
            {
                // Keys are "001", "002"…: sorted as strings they are in reading order.
                foreach (var p in al.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    var text = p.Value.ValueKind == JsonValueKind.String ? TextClean.Normalize(p.Value.GetString()!) : "";
                    if (text.Length > 0) alineas.Add(text);
                }
            }

            var sectionId = String(a, "section");
            var path = sectionId is null
                ? []
                : sections.Where(s => sectionId.StartsWith(s.Id, StringComparison.Ordinal)).Select(s => s.Label).ToArray();

            var order = a.TryGetProperty("order", out var o) && o.TryGetDouble(out var d) ? d : index;
            articles.Add((order, index, new TextArticle(ArticleNumbers.Normalize(number), path,
                ArticleNumbers.StatusOf(label), label, alineas)));
        }

        if (articles.Count == 0)
            throw new TextFormatException(source, "fichier La Fabrique de la Loi sans aucun article.");

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in new[] { "id", "source", "nosdeputes_id", "nossenateurs_id" })
            if (String(root, key) is { } value) metadata[key] = value;

        return new TextVersion(TextClean.Normalize(String(root, "titre") ?? ""), source, TextFormat.LawFactoryJson,
            articles.OrderBy(a => a.Order).ThenBy(a => a.Index).Select(a => a.Article).ToArray(), metadata);
    }

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
