using System.Text.Json;
using Watch.Domain;
using static Watch.Parsing.Legifrance.PisteJson;

namespace Watch.Parsing.Legifrance;

/// <summary>A Journal officiel as <c>lastNJo</c> lists it (<c>Conteneur</c>): its id and publication day, when given.</summary>
public sealed record PisteJournal(string Id, DateOnly? Published);

/// <summary>A text listed in a Journal officiel's summary (<c>LienTxt</c>).</summary>
public sealed record PisteTextLink(string Id, string? Nature, string? Title);

/// <summary>
/// Reads the three PISTE answers the JORF source uses, with the property names of the official Swagger
/// description (Légifrance API 2.4.2): <c>/consult/lastNJo</c> → <c>GetJorfContResponse.containers[]</c> (<c>id</c>, <c>datePubli</c>);
/// <c>/consult/jorfCont</c> → <c>GetJosResponse.items[].joCont.structure</c> (<c>liens[]</c> and nested
/// <c>tms[].liensTxt[]</c>); <c>/consult/jorf</c> → <c>ConsultJorfResponse</c> (cid, nature, title, nor,
/// textNumber, visa, signers, nota, dates, <c>articles[]</c> and nested <c>sections[]</c>).
/// Dates are epoch milliseconds, as numbers or strings.
/// </summary>
public static class PisteJorfParser
{
    public static IReadOnlyList<PisteJournal> Containers(JsonElement root, string input) =>
        Array(root, "containers", input)
            .Select(c => Str(c, "id") is { } id ? new PisteJournal(id, Date(c, "datePubli")) : null)
            .OfType<PisteJournal>().ToList();

    public static IReadOnlyList<PisteTextLink> ContainerTexts(JsonElement root, string input)
    {
        var links = new List<PisteTextLink>();
        foreach (var item in Array(root, "items", input))
        {
            if (Obj(item, "joCont") is not { } cont || Obj(cont, "structure") is not { } structure) continue;
            Collect(Arr(structure, "liens"), links);
            foreach (var tm in Arr(structure, "tms")) CollectSection(tm, links);
        }
        return links.DistinctBy(l => l.Id).ToList();
    }

    private static void CollectSection(JsonElement tm, List<PisteTextLink> links)
    {
        Collect(Arr(tm, "liensTxt"), links);
        foreach (var child in Arr(tm, "tms")) CollectSection(child, links);
    }

    private static void Collect(IEnumerable<JsonElement> liens, List<PisteTextLink> into)
    {
        foreach (var l in liens)
            if (Str(l, "id") is { } id) into.Add(new PisteTextLink(id, Str(l, "nature")?.ToUpperInvariant(), Str(l, "titre")));
    }

    public static OfficialText Text(JsonElement root, string input)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new ParseException(input, "expected a JSON object (ConsultJorfResponse).");
        var id = Str(root, "cid") ?? Str(root, "id") ?? throw new ParseException(input, "text without \"cid\" nor \"id\".");
        var nature = Str(root, "nature") ?? throw new ParseException(input, $"text {id} has no \"nature\".");
        var title = Str(root, "title") ?? Str(root, "jorfText") ?? throw new ParseException(input, $"text {id} has no \"title\".");

        var articles = new List<OfficialArticle>();
        foreach (var a in Arr(root, "articles")) articles.Add(Article(a, id, title, []));
        foreach (var s in Arr(root, "sections")) Section(s, id, title, [], articles);

        var visas = HtmlText.ToPlainText(Str(root, "visa"));
        return new OfficialText
        {
            Id = id,
            Chamber = Chamber.JournalOfficiel,
            Url = LegifranceUrls.Text(id, nature),
            Nature = nature.ToUpperInvariant(),
            Origin = "JORF",
            Cid = id,
            Number = Str(root, "textNumber"),
            Nor = Str(root, "nor"),
            PublicationDate = Date(root, "dateParution"),
            SignatureDate = Date(root, "dateTexte"),
            ShortTitle = title,
            State = Str(root, "etat"),
            Visas = visas,
            Signatories = HtmlText.ToPlainText(Str(root, "signers")),
            Nota = HtmlText.ToPlainText(Str(root, "nota")),
            Articles = articles,
            Citations = LawCitations.Extract(new[] { visas }.Concat(articles.Select(a => a.Content))),
        };
    }

    private static void Section(JsonElement s, string textId, string textTitle, IReadOnlyList<string> context, List<OfficialArticle> into)
    {
        var here = Str(s, "title") is { } t ? context.Append(t).ToList() : context.ToList();
        foreach (var a in Arr(s, "articles")) into.Add(Article(a, textId, textTitle, here));
        foreach (var child in Arr(s, "sections")) Section(child, textId, textTitle, here, into);
    }

    private static OfficialArticle Article(JsonElement a, string textId, string textTitle, IReadOnlyList<string> context)
    {
        var id = Str(a, "id") ?? Str(a, "cid") ?? "";
        return new OfficialArticle
        {
            Id = id,
            Number = Str(a, "num") ?? "",
            Url = LegifranceUrls.Article(id),
            Origin = "JORF",
            State = Str(a, "etat"),
            StartDate = Date(a, "dateDebut"),
            EndDate = Date(a, "dateFin"),
            TextCid = textId,
            TextTitle = textTitle,
            Context = context,
            Content = HtmlText.ToPlainText(Str(a, "content")),
            Nota = HtmlText.ToPlainText(Str(a, "nota")),
        };
    }

    private static IEnumerable<JsonElement> Array(JsonElement root, string name, string input) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray()
            : throw new ParseException(input, $"no \"{name}\" array in the PISTE answer.");
}
