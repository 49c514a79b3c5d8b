using Watch.Delivery;

namespace Watch.Cli.Commands;

/// <summary>
/// <c>watch deliver</c>: empties the outbox once (fan-out, then every due message) and exits — what the
/// delivery job does every minute in <c>watch serve</c>, for cron or for a manual catch-up.
/// </summary>
public static class DeliverCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddWatchConfiguration(args);
        builder.Services.AddWatch(builder.Configuration, Console.Out);
        using var host = builder.Build();
        var report = await host.Services.GetRequiredService<OutboxDispatcher>().RunAsync(CancellationToken.None);
        Console.WriteLine($"{report.FannedOut} événement(s) distribué(s), {report.Sent} message(s) envoyé(s), {report.Retrying} à réessayer, {report.Gone} destinataire(s) injoignable(s), {report.Refused} refusé(s) par le service, {report.Expired} expiré(s) (trop ancien(s)).");
        foreach (var (channel, reason) in report.Unavailable)
            Console.Error.WriteLine($"Canal {channel} hors service ({reason}) : ses messages attendent que sa configuration soit corrigée.");
        return report.Unavailable.Count == 0 ? 0 : 1;
    }
}
