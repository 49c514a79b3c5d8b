using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Watch.Sources.AssembleeNationale;

public static class AssembleeNationaleSources
{
    /// <summary>
    /// The Assemblée's sources: the daily publication lists (new amendments, bill texts) under
    /// <see cref="AssembleeNationaleOptions.Section"/>, and the open-data dumps (dossiers, agenda, scrutins,
    /// amendments archive) under <see cref="AnOpenDataOptions.Section"/>. Safe to call twice: each source is
    /// registered once. Needs the <see cref="Fetcher"/> and its HTTP client, registered by the host.
    /// </summary>
    public static IServiceCollection AddAssembleeNationaleSources(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AssembleeNationaleOptions>().Bind(configuration.GetSection(AssembleeNationaleOptions.Section));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISource, AnAmendmentsSource>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISource, AnTextsSource>());
        services.AddOptions<AnOpenDataOptions>().Bind(configuration.GetSection(AnOpenDataOptions.Section));
        services.TryAddSingleton<AnArchiveReader>();
        services.TryAddSingleton<AnOpenDataArchive>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISource, AnDossiersSource>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISource, AnAgendaSource>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISource, AnScrutinsSource>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISource, AnAmendmentsArchiveSource>());
        return services;
    }
}
