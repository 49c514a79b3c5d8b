using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Watch.Sources.Legifrance;

public static class LegifranceSourcesRegistration
{
    /// <summary>
    /// The Journal officiel source, configured under <c>Sources:Legifrance</c>: the PISTE API when its client id
    /// and secret are configured, DILA's open-data archives otherwise. Only one of the two is registered, so the
    /// same JORFTEXT is never stored in two shapes by two sources.
    /// </summary>
    public static IServiceCollection AddLegifranceSources(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(LegifranceOptions.Section);
        services.AddOptions<LegifranceOptions>().Bind(section);
        if (section.Get<LegifranceOptions>()?.Piste.IsConfigured ?? false)
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
