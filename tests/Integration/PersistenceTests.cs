using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Storage;
using Samples.Contracts.Directory;
using Samples.Domain.Directory;
using Samples.Domain.Tests.Support;
using Samples.Grains;
using Samples.Tests.Support;

namespace Samples.Tests.Integration;

[Collection(PostgresCollection.Name)]
public sealed class PersistenceTests
{
    [Fact]
    public async Task An_enterprise_survives_a_silo_restart()
    {
        var deployment = RunningSilo.NewServiceId("restart");
        var uscc = Codes.NewUscc();
        await using (var silo = await RunningSilo.StartAsync(deployment))
        {
            var result = await silo.Grains.GetGrain<IEnterpriseGrain>(uscc)
                .RegisterAsync(new RegisterEnterprise(uscc, "格尔木示例碳酸锂有限公司", "格尔木市昆仑经济开发区", "632800", null, "test"));
            result.Status.Should().Be(EnterpriseRegistrationStatus.Registered);
        }

        await using (var silo = await RunningSilo.StartAsync(deployment))
        {
            var view = await silo.Grains.GetGrain<IEnterpriseGrain>(uscc).GetAsync();

            view.Should().NotBeNull("the first silo wrote the state to PostgreSQL before answering");
            view!.Name.Should().Be("格尔木示例碳酸锂有限公司", "Chinese text round-trips through the store");
            view.RegionCode.Should().Be("632800");
        }
    }

    [Fact]
    public async Task A_reminder_registered_before_a_restart_fires_after_it()
    {
        var deployment = RunningSilo.NewServiceId("reminder");
        var key = Guid.NewGuid().ToString("N");
        await using (var silo = await RunningSilo.StartAsync(deployment))
        {
            var probe = silo.Grains.GetGrain<IReminderProbeGrain>(key);
            await probe.ArmAsync(TimeSpan.FromSeconds(10));
            (await probe.FiredCountAsync()).Should().Be(0, "the silo stops before the reminder is due");
        }

        await using (var silo = await RunningSilo.StartAsync(deployment))
        {
            var probe = silo.Grains.GetGrain<IReminderProbeGrain>(key);
            var deadline = DateTime.UtcNow.AddSeconds(90);
            var fired = 0;
            while (fired == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                fired = await probe.FiredCountAsync();
            }

            fired.Should().Be(1, "the reminder row in PostgreSQL was loaded by the new silo and fired once");
        }
    }

    [Fact]
    public async Task Two_writers_with_the_same_stale_version_get_an_inconsistent_state_error_not_an_overwrite()
    {
        await using var silo = await RunningSilo.StartAsync(RunningSilo.NewServiceId("etag"));
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var id = GrainId.Create("test-etag", Guid.NewGuid().ToString("N"));

        // Both writers start from "no row yet": the second insert must fail.
        var a = await ReadAsync(storage, id);
        var b = await ReadAsync(storage, id);
        a.State!.Fired = 1;
        await storage.WriteStateAsync("probe", id, a);
        b.State!.Fired = 2;
        await FluentActions.Awaiting(() => storage.WriteStateAsync("probe", id, b))
            .Should().ThrowAsync<InconsistentStateException>("b's version is stale after a's insert");

        // Both now read the same version and write concurrently: exactly one wins.
        var c = await ReadAsync(storage, id);
        var d = await ReadAsync(storage, id);
        c.State!.Fired = 3;
        d.State!.Fired = 4;
        var outcomes = await Task.WhenAll(TryWriteAsync(storage, id, c), TryWriteAsync(storage, id, d));

        outcomes.Count(ok => ok).Should().Be(1, "one write succeeds, the other sees a stale version");
        var stored = await ReadAsync(storage, id);
        stored.State!.Fired.Should().Be(outcomes[0] ? 3 : 4, "the stored value is the winner's, never a silent mix");
    }

    [Fact]
    public async Task The_directory_storage_refuses_a_write_based_on_a_row_someone_else_changed()
    {
        var deployment = RunningSilo.NewServiceId("directory");
        await using var silo = await RunningSilo.StartAsync(deployment);
        var uscc = Codes.NewUscc();
        await silo.Grains.GetGrain<IEnterpriseGrain>(uscc).RegisterAsync(new RegisterEnterprise(uscc, "海南示例景区商店", null, "632500", null, "test"));
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Directory);
        var id = GrainId.Create("enterprise", uscc);
        var stale = new GrainState<EnterpriseState>(new EnterpriseState());
        await storage.ReadStateAsync("enterprise", id, stale);

        // Another writer (a bulk import, say) changes the row after our read.
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
        {
            await connection.OpenAsync();
            await using var bump = new NpgsqlCommand("UPDATE directory_enterprises SET version = version + 1, name = 'changed elsewhere' WHERE service_id = $1 AND uscc = $2", connection);
            bump.Parameters.Add(new() { Value = deployment });
            bump.Parameters.Add(new() { Value = uscc });
            (await bump.ExecuteNonQueryAsync()).Should().Be(1);
        }

        stale.State!.Name = "overwrite attempt";
        await FluentActions.Awaiting(() => storage.WriteStateAsync("enterprise", id, stale))
            .Should().ThrowAsync<InconsistentStateException>();
        var fresh = new GrainState<EnterpriseState>(new EnterpriseState());
        await storage.ReadStateAsync("enterprise", id, fresh);
        fresh.State!.Uscc.Should().Be(uscc, "the state JSON is the grain's");
        fresh.ETag.Should().Be("2");
    }

    private static async Task<GrainState<ReminderProbeState>> ReadAsync(IGrainStorage storage, GrainId id)
    {
        var state = new GrainState<ReminderProbeState>(new ReminderProbeState());
        await storage.ReadStateAsync("probe", id, state);
        return state;
    }

    private static async Task<bool> TryWriteAsync(IGrainStorage storage, GrainId id, GrainState<ReminderProbeState> state)
    {
        try
        {
            await storage.WriteStateAsync("probe", id, state);
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }
}
