using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Watch.Cli.Commands;

namespace Watch.Tests.Commands;

/// <summary>The two commands a newcomer runs first: the demo, and classify on files of unknown quality.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("watch-cli-").FullName;
    private static readonly string Recorded = Path.Combine(AppContext.BaseDirectory, "replay", "an", "amendements");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Classify_prints_one_json_line_per_item_and_reports_bad_files_without_a_stack_trace()
    {
        var bad = Path.Combine(_directory, "tronque.json");
        await File.WriteAllTextAsync(bad, """{"amendement": {"uid": "AMANR5L17PO838901BTC0636P0D1N000085", """);
        var html = Path.Combine(_directory, "page.json");
        await File.WriteAllTextAsync(html, "<!DOCTYPE html><html><body>Maintenance</body></html>");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await ClassifyCommand.RunAsync([Recorded, bad, html], stdout, stderr);

        Assert.Equal(1, exit);
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(22, lines.Count);
        var regol = lines.Single(l => l.GetProperty("id").GetString() == "AMANR5L17PO838901BTC0636P0D1N000085");
        Assert.True(regol.GetProperty("relevant").GetBoolean());
        Assert.Equal("Amendment", regol.GetProperty("kind").GetString());
        Assert.Contains(regol.GetProperty("matches").EnumerateArray(), m => m.GetProperty("phrase").GetString() == "reconnaissance faciale" && m.GetProperty("field").GetString() == "dispositif");
        Assert.False(lines.Single(l => l.GetProperty("id").GetString() == "AMANR5L17PO59051B0369P0D1N000001").GetProperty("relevant").GetBoolean());

        var errors = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, errors.Length);
        Assert.Contains(errors, e => e.StartsWith($"watch classify: {bad}: malformed JSON"));
        Assert.Contains(errors, e => e.StartsWith($"watch classify: {html}:"));
        Assert.DoesNotContain("   at ", stderr.ToString());
    }

    [Theory]
    [InlineData("an/dyn-opendata/PRJLANR5L17BTC3046.html", "an:texte:PRJLANR5L17BTC3046", "Text")]
    [InlineData("an/textes/pl0269.html", "an:texte:pl0269", "Text")]
    [InlineData("senat/textes/pjl17-063.html", "senat:texte:pjl17-063", "Text")]
    [InlineData("senat/dossiers-html/dossier-legislatif-pjl16-587.html", "senat:dossier:pjl16-587", "Dossier")]
    [InlineData("senat/akn/tas24-021.akn.xml", "senat:texte:tas24-021", "Text")]
    [InlineData("an/reunions/RUANR5L17S2025IDS29020.json", null, "AgendaItem")]
    [InlineData("an/scrutins/VTANR5L17V1041.json", "VTANR5L17V1041", "Vote")]
    [InlineData("senat/ameli/jeu_complet_commission_2017-2018_583.csv", null, "Amendment")]
    [InlineData("legifrance/legi-xml/version/LEGITEXT000006070666.xml", null, "OfficialText")]
    public async Task Classify_reads_every_published_format(string fixture, string? id, string kind)
    {
        var path = Path.Combine([AppContext.BaseDirectory, "fixtures", .. fixture.Split('/')]);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await ClassifyCommand.RunAsync([path], stdout, stderr);

        Assert.Equal("", stderr.ToString());
        Assert.Equal(0, exit);
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Equal(kind, l.GetProperty("kind").GetString()));
        if (id is not null) Assert.Contains(lines, l => l.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task The_demo_runs_offline_and_a_second_run_sends_nothing_new()
    {
        var (first, firstOut) = await RunWatchAsync("demo");
        Assert.Equal(0, first);
        Assert.Contains("an-amendements: 22 lus, 22 nouveaux ou modifiés", firstOut);
        var sent = await File.ReadAllTextAsync(Path.Combine(_directory, "data", "demo-outbox.txt"));
        Assert.Contains("Amendement n° 85", sent);

        var (second, secondOut) = await RunWatchAsync("demo");
        Assert.Equal(0, second);
        Assert.Contains("0 événements", secondOut);
        Assert.Contains("Rien de nouveau à envoyer.", secondOut);
        Assert.Equal(sent, await File.ReadAllTextAsync(Path.Combine(_directory, "data", "demo-outbox.txt")));
    }

    [Fact]
    public async Task The_demo_posts_nothing_with_the_operators_tokens_in_its_environment()
    {
        // Where the README tells operators to put their tokens; both services are a loopback listener counting connections.
        using var services = new TcpListener(IPAddress.Loopback, 0);
        services.Start();
        var port = ((IPEndPoint)services.LocalEndpoint).Port;
        var connections = 0;
        _ = Task.Run(async () =>
        {
            while (true)
            {
                using var client = await services.AcceptTcpClientAsync();
                Interlocked.Increment(ref connections);
            }
        });

        var (exit, output) = await RunWatchAsync(["demo"], new Dictionary<string, string>
        {
            ["Channels__Telegram__BotToken"] = "123456:operator-token",
            ["Channels__Telegram__ApiBaseUrl"] = $"http://127.0.0.1:{port}/",
            ["Channels__Telegram__ChatIds__0"] = "@veille_vsa",
            ["Channels__Mastodon__InstanceUrl"] = $"http://127.0.0.1:{port}/",
            ["Channels__Mastodon__AccessToken"] = "operator-token",
        });

        Assert.Equal(0, exit);
        Assert.Contains("Amendement n° 85", await File.ReadAllTextAsync(Path.Combine(_directory, "data", "demo-outbox.txt")));
        Assert.Equal(0, Volatile.Read(ref connections));
        Assert.Contains("la démonstration ne publie rien sur Telegram ni Mastodon", System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " "));
    }

    private Task<(int Exit, string Output)> RunWatchAsync(params string[] args) =>
        // Nothing from the developer's environment may reach a real service.
        RunWatchAsync(args, new Dictionary<string, string> { ["Channels__Telegram__BotToken"] = "" });

    private async Task<(int Exit, string Output)> RunWatchAsync(string[] args, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "watch.dll"), .. args])
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment) info.Environment[name] = value;
        info.Environment["COLUMNS"] = "200";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
