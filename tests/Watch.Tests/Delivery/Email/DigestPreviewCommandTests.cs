using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Watch.Cli.Commands;
using Watch.Domain;
using Watch.Parsing.AssembleeNationale;
using Watch.Pipeline;
using Watch.Versions;

namespace Watch.Tests.Delivery.Email;

public sealed class DigestPreviewCommandTests : IDisposable
{
    private static readonly string Recorded = Path.Combine(AppContext.BaseDirectory, "replay", "an", "amendements");
    private readonly TestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Preview_writes_the_HTML_digest_of_the_week_for_a_subscriber_following_every_topic()
    {
        var database = Path.Combine(_host.Directory, "watch.db");
        IReadOnlyList<StoredEvent> events;
        await using (var watch = _host.Build(new Dictionary<string, string?>()))
        {
            var items = Directory.GetFiles(Recorded, "AMAN*.json")
                .Select(f => (WatchItem)AmendmentParser.Parse(File.ReadAllBytes(f), Path.GetFileName(f))).ToList();
            await watch.GetRequiredService<IngestPipeline>().IngestAsync(items, CancellationToken.None);
            events = await watch.GetRequiredService<IVersionStore>().EventsSinceAsync(0, 1000, CancellationToken.None);
        }
        Assert.NotEmpty(events);
        var output = Path.Combine(_host.Directory, "apercu", "digest.html");

        var code = await DigestCommand.RunAsync(["--preview", "--to", output, $"--Storage:SqlitePath={database}"]);

        Assert.Equal(0, code);
        var page = new HtmlParser().ParseDocument(await File.ReadAllTextAsync(output));
        Assert.StartsWith($"Watch — veille surveillance : {events.Count} événements du ", page.Title);
        Assert.Equal(events.Count, page.QuerySelectorAll("li").Length);
        Assert.All(events, e => Assert.Contains(page.QuerySelectorAll("li a"), a => a.GetAttribute("href") == e.Summary.Url));
        Assert.EndsWith("desabonnement?token=apercu", page.QuerySelectorAll("a").Last().GetAttribute("href"));
    }

    [Fact]
    public async Task Without_preview_it_prints_its_usage_and_sends_nothing() =>
        Assert.Equal(2, await DigestCommand.RunAsync([]));
}
