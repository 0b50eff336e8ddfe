using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Serialization;
using Samples.Grains;
using Samples.Grains.Reference;

namespace Samples.Silo.Hosting;

public static class OrleansComposition
{
    /// <summary>The ADO.NET invariant Orleans uses to find Npgsql.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// One Orleans silo whose membership, grain state and reminders all live in PostgreSQL. Grain state
    /// is stored as JSON so it stays readable and does not freeze .NET type names into the database.
    /// </summary>
    public static IHostApplicationBuilder AddSamplesOrleans(this IHostApplicationBuilder builder, SamplesSettings settings)
    {
        // TryAdd: a test host may run the silo on a clock of its own (a deadline reaching next year, today).
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<WorkingCalendarCache>();
        // Read before Orleans is configured: a certificate that cannot be read stops the start with one clear line.
        var tls = settings.Tls is null ? null : ClusterTls.Load(settings.Tls);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings.ClusterId;
                o.ServiceId = settings.ServiceId;
            });
            // Gateway port 0: no gateway listens (nothing needs one unless Samples:Cluster:GatewayPort is set).
            silo.ConfigureEndpoints(settings.AdvertisedAddress, settings.SiloPort, settings.GatewayPort ?? 0, listenOnAnyHostAddress: false);
            if (tls is not null)
            {
                silo.UseTls(tls.Certificate, tls.Configure);
            }

            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = settings.ConnectionString;
            });
            silo.AddAdoNetGrainStorage(StorageNames.Default, o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = settings.ConnectionString;
            });
            silo.UseSystemTextJsonGrainStorageSerializer();
            silo.Services.Configure<SystemTextJsonGrainStorageSerializerOptions>(o =>
                o.JsonSerializerOptions.TypeInfoResolver = (o.JsonSerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(StoredFacts.LeaveOutDerived));
            // A grain on another silo that cannot reach PostgreSQL fails with Npgsql's exception; Orleans carries exceptions
            // between silos only for the namespaces it is told of, and would otherwise answer the caller with a codec
            // error (an HTTP 500) instead of the store's failure (a 503 the caller can retry).
            silo.Services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Npgsql"));
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = settings.ConnectionString;
            });
        });
        return builder;
    }
}
