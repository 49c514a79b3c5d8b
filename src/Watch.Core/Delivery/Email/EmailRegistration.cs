using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Watch.Delivery.Email;

public static class EmailRegistration
{
    /// <summary>
    /// The email channel: options from <c>Channels:Email</c>, the renderer, the SMTP sender, the subscription
    /// service used by the web pages and the digest job. Needs what <c>AddWatch</c> registers (the stores,
    /// the watchlist, a <see cref="TimeProvider"/>, Hangfire). Calling it twice registers nothing more.
    /// </summary>
    public static IServiceCollection AddEmailDigest(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(EmailDigestJob))) return services;
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section))
            // At start, not at the first mail: a digest or a confirmation would otherwise fail hours later.
            .Validate(o => string.IsNullOrWhiteSpace(o.PublicBaseUrl) || EmailLinks.IsValid(o.PublicBaseUrl), EmailLinks.Requirement)
            .ValidateOnStart();
        services.AddSingleton<DigestRenderer>();
        services.AddSingleton<EmailComposer>();
        services.AddSingleton<SmtpMailer>();
        services.AddSingleton<EmailSubscriptions>();
        // One instance: it remembers whom it mailed within the hour.
        services.AddSingleton<ConfirmationMailJob>();
        services.AddSingleton<EmailDigestJob>();
        return services;
    }

    /// <summary>
    /// Adds (or updates) the weekly digest on its cron, in its time zone. Does nothing but say so when the
    /// email channel is not configured, so a fresh install without SMTP still serves.
    /// </summary>
    /// <returns>False when the channel is not configured and no job was added.</returns>
    public static bool ScheduleEmailDigest(this IRecurringJobManager jobs, EmailOptions options)
    {
        if (!options.IsConfigured)
        {
            jobs.RemoveIfExists(EmailDigestJob.RecurringJobId);
            return false;
        }
        jobs.AddOrUpdate<EmailDigestJob>(EmailDigestJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), options.DigestCron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone) });
        return true;
    }
}
