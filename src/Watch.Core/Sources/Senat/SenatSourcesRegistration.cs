using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Watch.Sources.Senat;

public static class SenatSourcesRegistration
{
    /// <summary>
    /// The Sénat's sources: texts (Akoma Ntoso indexes), amendments (Ameli CSV) and dossier pages, configured
    /// under <c>Sources:Senat</c>. Needs the <see cref="Fetcher"/>, the validators store and a <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddSenatSources(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SenatOptions>().Bind(configuration.GetSection(SenatOptions.Section));
        services.AddSingleton<ISource, SenatTextsSource>();
        services.AddSingleton<ISource, SenatAmendmentsSource>();
        services.AddSingleton<ISource, SenatDossiersSource>();
        return services;
    }
}
