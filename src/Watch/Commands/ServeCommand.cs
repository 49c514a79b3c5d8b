using Hangfire;
using Microsoft.Extensions.Options;
using Watch.Cli.Web;
using Watch.Delivery.Email;
using Watch.Delivery.Telegram;
using Watch.Scheduling;
using Watch.Sources;

namespace Watch.Cli.Commands;

/// <summary>
/// <c>watch serve</c>: the long-running mode. A Hangfire server runs one recurring job per source on its
/// cron schedule from config, plus the delivery job; the dashboard is served on localhost only.
/// </summary>
public static class ServeCommand
{
    /// <summary>
    /// The Hangfire servers, one per kind of work, so that none waits behind another: sources wait on remote sites
    /// most of the time, hence more workers than cores; delivery must not wait behind sites that hang on the day of
    /// a vote; confirmation mails take one worker, so that two requests for one address are taken in order.
    /// </summary>
    public static IServiceCollection AddJobServers(this IServiceCollection services)
    {
        services.AddHangfireServer(o =>
        {
            o.WorkerCount = Math.Max(4, 2 * Environment.ProcessorCount);
            o.Queues = ["default"];
        });
        foreach (var queue in new[] { DeliveryJob.Queue, ConfirmationMailJob.Queue })
            services.AddHangfireServer(o =>
            {
                o.ServerName = $"{Environment.MachineName}:{queue}";
                o.WorkerCount = 1;
                o.Queues = [queue];
            });
        return services;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddWatchConfiguration(args);
        builder.WebHost.UseUrls(builder.Configuration["Dashboard:Url"] ?? "http://127.0.0.1:5057");
        builder.Services.AddWatch(builder.Configuration, Console.Out);
        builder.Services.AddJobServers();
        builder.Services.AddSubscriptionPages(builder.Configuration);
        // The dashboard checks an anti-forgery token on its POSTs only when the service exists: without it, any page
        // the operator's browser opens could delete or trigger jobs through a form posted to localhost.
        builder.Services.AddAntiforgery();
        if (builder.Configuration.GetSection(TelegramOptions.Section).Get<TelegramOptions>() is { BotToken.Length: > 0, Commands: true })
            builder.Services.AddHostedService<TelegramUpdates>();
        var app = builder.Build();

        // First, so that the dashboard too sees the client a trusted proxy names.
        app.UseSubscriptionPages();
        // The dashboard's default filter admits local requests only, and the server listens on loopback.
        app.UseHangfireDashboard("/hangfire");
        app.MapGet("/", () => Results.Redirect("/abonnement"));

        var jobs = app.Services.GetRequiredService<IRecurringJobManager>();
        var schedules = builder.Configuration.GetSection("Schedules:Jobs");
        var options = new RecurringJobOptions
        {
            TimeZone = TimeZoneInfo.FindSystemTimeZoneById(builder.Configuration["Schedules:TimeZone"] ?? "Europe/Paris"),
        };
        foreach (var source in app.Services.GetServices<ISource>())
        {
            var cron = schedules[source.Name] ?? throw new InvalidOperationException($"No schedule for source '{source.Name}' in Schedules:Jobs.");
            var name = source.Name;
            jobs.AddOrUpdate<SourceJob>($"source:{name}", j => j.RunAsync(name, CancellationToken.None), cron, options);
        }
        jobs.AddOrUpdate<DeliveryJob>("deliver", DeliveryJob.Queue, j => j.RunAsync(CancellationToken.None), schedules["deliver"] ?? Cron.Minutely(), options);
        jobs.ScheduleEmailDigest(app.Services.GetRequiredService<IOptions<EmailOptions>>().Value);

        await app.RunAsync();
        return 0;
    }
}
