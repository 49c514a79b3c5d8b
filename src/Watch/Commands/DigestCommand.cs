using System.Text;
using Microsoft.Extensions.Options;
using Watch.Delivery.Email;
using Watch.Relevance;
using Watch.Versions;

namespace Watch.Cli.Commands;

/// <summary>
/// <c>watch digest --preview [--to FILE]</c>: writes the HTML of the weekly digest that a subscriber
/// following every topic of the watchlist would receive now, from the events of the last seven days in the
/// configured store. Sends nothing. Other arguments are configuration overrides
/// (<c>--Storage:SqlitePath=data/demo.db</c>).
/// </summary>
public static class DigestCommand
{
    private const string DefaultOutput = "data/digest-preview.html";

    public static async Task<int> RunAsync(string[] args)
    {
        var preview = false;
        var output = DefaultOutput;
        var overrides = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--preview":
                    preview = true;
                    break;
                case "--to" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                case "--to":
                    Console.Error.WriteLine("watch digest: --to demande un nom de fichier.");
                    return 2;
                default:
                    overrides.Add(args[i]);
                    break;
            }
        }
        if (!preview)
        {
            Console.Error.WriteLine("usage: watch digest --preview [--to FILE]   écrit l'aperçu HTML du résumé hebdomadaire (rien n'est envoyé)");
            return 2;
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddWatchConfiguration([.. overrides]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddWatch(builder.Configuration, Console.Out);
        builder.Services.AddEmailDigest(builder.Configuration);
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<EmailOptions>>().Value;
        var renderer = host.Services.GetRequiredService<DigestRenderer>();
        var clock = host.Services.GetRequiredService<TimeProvider>();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        var now = clock.GetUtcNow();

        // The sample subscriber: every topic, a placeholder token, the configured public address or the local one.
        var topics = host.Services.GetRequiredService<IOptions<WatchlistOptions>>().Value.Topics.Select(t => t.Id).ToList();
        var baseUrl = string.IsNullOrWhiteSpace(options.PublicBaseUrl) ? builder.Configuration["Dashboard:Url"] ?? "http://127.0.0.1:5057/" : options.PublicBaseUrl;
        var unsubscribe = new EmailLinks(baseUrl).Unsubscribe("apercu");

        var store = host.Services.GetRequiredService<IVersionStore>();
        var events = await LastWeekAsync(store, now - TimeSpan.FromDays(7), topics);
        var (from, to) = EmailDigestJob.Period(events, now, zone);
        var titles = await DossierTitles.ReadAsync(store, events.Select(e => DigestRenderer.GroupKey(e.Event)), [], CancellationToken.None);
        var mail = renderer.Digest(events, from, to, topics, unsubscribe, titles);

        var path = Path.GetFullPath(output);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, mail.Html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        Console.WriteLine($"Aperçu du résumé écrit dans {path}");
        Console.WriteLine($"Objet : {mail.Subject}");
        return 0;
    }

    private static async Task<IReadOnlyList<StoredEvent>> LastWeekAsync(IVersionStore store, DateTimeOffset since, IReadOnlyCollection<string> topics)
    {
        var followed = topics.ToHashSet(StringComparer.Ordinal);
        var events = new List<StoredEvent>();
        long after = 0;
        while (true)
        {
            var page = await store.EventsSinceAsync(after, 1000, CancellationToken.None);
            events.AddRange(page.Where(e => e.Event.At >= since && e.Event.Followable.Any(followed.Contains)));
            if (page.Count < 1000) return events;
            after = page[^1].Event.Id;
        }
    }
}
