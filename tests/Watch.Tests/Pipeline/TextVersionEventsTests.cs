using Watch.Parsing.Senat;
using Microsoft.Extensions.DependencyInjection;
using Watch.Domain;
using Watch.Pipeline;
using Watch.Sources.Senat;
using Watch.Versions;

namespace Watch.Tests.Pipeline;

/// <summary>A new version of a followed text is announced with its article diff, computed against the stored version.</summary>
public sealed class TextVersionEventsTests : IDisposable
{
    private readonly TestHost _host = new();
    private readonly ServiceProvider _watch;
    private readonly LegislativeText _adopted;

    public TextVersionEventsTests()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "fixtures", "senat", "akn", "tas24-021.akn.xml");
        _adopted = SenatAknText.Read(File.ReadAllBytes(path), "tas24-021.akn.xml", new Uri("https://www.senat.fr/leg/tas24-021.akn.xml"), null);
        _watch = _host.Build(new Dictionary<string, string?> { ["Watchlist:Tracked:0"] = _adopted.Id });
    }

    public void Dispose()
    {
        _watch.Dispose();
        _host.Dispose();
    }

    [Fact]
    public async Task A_renumbered_article_with_a_changed_duration_is_told_as_such()
    {
        var pipeline = _watch.GetRequiredService<IngestPipeline>();
        await pipeline.IngestAsync([_adopted], CancellationToken.None);

        // The next reading: a new article 1 A, and the article on travel abroad moved to number 12 with a longer notice.
        var first = _adopted.Articles.First(a => a.Text.Contains("quinze jours au plus tard avant ledit déplacement")); // the recorded text
        var rest = _adopted.Articles.Where(a => a != first).ToList();
        var next = _adopted with
        {
            Articles =
            [
                new LegislativeArticle("1 A", "Article 1er A", first.SectionPath, "nouveau", "Le Gouvernement remet au Parlement un rapport sur l'application de la présente loi."),
                first with { Number = "12", Label = "Article 12", Text = first.Text.Replace("quinze jours au plus tard avant ledit déplacement", "trente jours au plus tard avant ledit déplacement") },
                .. rest,
            ],
        };
        await pipeline.IngestAsync([next], CancellationToken.None);

        var events = await _watch.GetRequiredService<IVersionStore>().EventsSinceAsync(0, 10, CancellationToken.None);
        Assert.Equal([EventKind.Created, EventKind.ContentChanged], events.Select(e => e.Event.Kind));
        var text = events[1].Summary.PlainText;
        Assert.StartsWith($"✏️ {_adopted.Title} : nouvelle version", text);
        Assert.Contains($"Article {(first.Number == "1" ? "1er" : first.Number)} → article 12", text);
        Assert.Contains("\"quinze jours\" → \"trente jours\"", text);
        Assert.Contains("Article 1er A", text);
    }
}
