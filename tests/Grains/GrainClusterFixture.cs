using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Samples.Domain.Draws;
using Samples.Domain.Tasks;
using Samples.Grains;
using Samples.Grains.Tasks;
using Samples.Tests.Support;

namespace Samples.Tests.Grains;

/// <summary>One in-process Orleans cluster (memory storage, fake clock) shared by the grain tests.</summary>
public sealed class GrainClusterFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public RecordingTaskEvents TaskEvents { get; } = new();

    /// <summary>The grains' default storage; set <see cref="OutageStorage.Down"/> for a database outage.</summary>
    public OutageStorage Storage { get; private set; } = null!;

    private const string MemoryDefault = "memory-default";

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            // The default storage can be made to fail, reads included (a database outage).
            silo.AddMemoryGrainStorage(MemoryDefault);
            silo.Services.AddKeyedSingleton<Orleans.Storage.IGrainStorage>(StorageNames.Default, (services, _) =>
                Storage ??= new OutageStorage(services.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(MemoryDefault)));
            silo.AddMemoryGrainStorage(StorageNames.Directory);
            // The same state serializer as the real silo, so state types are checked as they will be stored.
            silo.UseSystemTextJsonGrainStorageSerializer();
            silo.Services.AddSingleton<TimeProvider>(Clock);
            silo.Services.AddSingleton<ITaskEventSink>(TaskEvents);
            silo.Services.AddSingleton(DeadlineCheckSchedule.Daily);
            silo.Services.AddSingleton<Samples.Grains.Reference.WorkingCalendarCache>();
            silo.Services.AddSingleton(new Samples.Domain.Draws.NonceKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
            silo.UseInMemoryReminderService();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class GrainCluster : ICollectionFixture<GrainClusterFixture>
{
    public const string Name = "grain cluster";
}
