using Npgsql;
using Orleans.Storage;
using Samples.Grains;
using Samples.Silo.Hosting;

namespace Samples.Silo.Directory;

public static class DirectoryComposition
{
    /// <summary>The directory tables: one Npgsql data source, and the grain storage enterprise grains live in.</summary>
    public static IHostApplicationBuilder AddSamplesDirectory(this IHostApplicationBuilder builder, SamplesSettings settings)
    {
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(settings.ConnectionString));
        builder.Services.AddSingleton<DirectoryFrameCache>();
        builder.Services.AddSingleton<FrameSource>();
        builder.Services.AddHostedService<FrameCacheWarmup>();
        builder.Services.AddSingleton<EnterpriseImporter>();
        builder.Services.AddSingleton<DirectoryFileService>();
        builder.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Directory,
            (services, _) => ActivatorUtilities.CreateInstance<EnterpriseDirectoryStorage>(services));
        return builder;
    }
}
