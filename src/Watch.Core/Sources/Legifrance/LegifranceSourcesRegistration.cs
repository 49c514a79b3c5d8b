using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Watch.Sources.Legifrance;

public static class LegifranceSourcesRegistration
{
    /// <summary>
    /// The Journal officiel source, configured under <c>Sources:Legifrance</c>: the PISTE API when both
    /// <see cref="PisteOptions.ClientIdVariable"/> and <see cref="PisteOptions.ClientSecretVariable"/> are set in
    /// the environment, DILA's open-data archives otherwise. Only one of the two is registered, so the same
    /// JORFTEXT is never stored in two shapes by two sources.
    /// </summary>
    /// <param name="environment">Reads an environment variable; tests pass their own.</param>
    public static IServiceCollection AddLegifranceSources(this IServiceCollection services, IConfiguration configuration,
        Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var clientId = environment(PisteOptions.ClientIdVariable);
        var clientSecret = environment(PisteOptions.ClientSecretVariable);
        var withPiste = !string.IsNullOrWhiteSpace(clientId) && !string.IsNullOrWhiteSpace(clientSecret);

        services.AddOptions<LegifranceOptions>()
            .Bind(configuration.GetSection(LegifranceOptions.Section))
            .Configure(o =>
            {
                o.Piste.ClientId = withPiste ? clientId!.Trim() : null;
                o.Piste.ClientSecret = withPiste ? clientSecret!.Trim() : null;
            });

        if (withPiste)
        {
            services.AddSingleton<PisteClient>();
            services.AddSingleton<ISource, PisteJorfSource>();
        }
        else
        {
            services.AddSingleton<ISource, JorfOpenDataSource>();
        }
        return services;
    }
}
