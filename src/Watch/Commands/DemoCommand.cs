using Spectre.Console;
using Watch.Cli.Replay;
using Watch.Delivery;
using Watch.Scheduling;
using Watch.Sources.AssembleeNationale;

namespace Watch.Cli.Commands;

/// <summary>
/// <c>watch demo</c>: the main job, offline, on embedded defaults. Recorded real files are served on
/// loopback and read through the real fetch code; the jobs run once into a local SQLite file; what
/// would be sent goes to the file channel. A second run finds nothing new and sends nothing.
/// </summary>
public static class DemoCommand
{
    /// <summary>The sources the replay server stands in for; the others would reach for the real sites.</summary>
    private static readonly string[] ReplayedSources = ["an-amendements"];

    public static async Task<int> RunAsync(string[] args)
    {
        await using var replay = await ReplayServer.StartAsync(Path.Combine(AppContext.BaseDirectory, "replay", "an", "amendements"));

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddWatchConfiguration(args);
        // The demo keeps its own files, apart from those of `watch serve`, and reads from the replay server. It writes
        // to the file channel only: the tokens of the operator's environment or user secrets would post old recorded
        // items to the real account and chats.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = "data/demo.db",
            ["Channels:File:Path"] = "data/demo-outbox.txt",
            ["Channels:File:Echo"] = "false",
            ["Channels:Telegram:BotToken"] = "",
            ["Channels:Mastodon:AccessToken"] = "",
            [$"{AssembleeNationaleOptions.Section}:BaseUrl"] = replay.BaseUrl.ToString(),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddWatch(builder.Configuration, Console.Out);
        using var host = builder.Build();

        var job = host.Services.GetRequiredService<SourceJob>();
        var reports = new List<SourceJobReport>();
        foreach (var source in ReplayedSources)
            reports.Add(await job.RunOnceAsync(source, CancellationToken.None));
        var delivery = await host.Services.GetRequiredService<OutboxDispatcher>().RunAsync(CancellationToken.None);

        Render(reports, delivery, builder.Configuration);
        return 0;
    }

    private static void Render(IReadOnlyList<SourceJobReport> reports, DispatchReport delivery, IConfiguration configuration)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Watch — éléments pertinents[/]");
        table.AddColumn("Élément");
        table.AddColumn("Score");
        table.AddColumn("Pourquoi");
        table.AddColumn("Message envoyé");
        foreach (var item in reports.SelectMany(r => r.Ingest.Relevant))
        {
            table.AddRow(
                Markup.Escape($"{item.Item.Title}\n{item.Item.Id}"),
                item.Relevance.Score.ToString("0.##"),
                Markup.Escape(item.Relevance.Explain(max: 3)),
                Markup.Escape(item.Summary?.Headline ?? "(déjà connu)"));
        }

        foreach (var r in reports)
        {
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(r.Source)}[/]: {r.Ingest.Seen} lus, {r.Ingest.Changed} nouveaux ou modifiés, {r.Ingest.Relevant.Count} pertinents, {r.Ingest.Events} événements");
            foreach (var failure in r.Failures)
                AnsiConsole.MarkupLine($"  [red]échec[/] {Markup.Escape(failure.Input)} : {Markup.Escape(failure.Problem)}");
        }
        if (table.Rows.Count > 0) AnsiConsole.Write(table);
        var outbox = configuration["Channels:File:Path"];
        AnsiConsole.MarkupLine(delivery.Sent == 0
            ? "Rien de nouveau à envoyer."
            : $"{delivery.Sent} message(s) écrits dans [underline]{Markup.Escape(outbox ?? "")}[/] (canal fichier : la démonstration ne publie rien sur Telegram ni Mastodon).");
    }
}
