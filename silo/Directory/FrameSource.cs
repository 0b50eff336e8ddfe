using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Samples.Contracts.Enterprises;
using Samples.Contracts.Inspectors;
using Samples.Contracts.Plans;
using Samples.Grains.Plans;

namespace Samples.Silo.Directory;

/// <summary>
/// Builds a round's frames from the directory table (grouped in PostgreSQL, one query, no grain
/// activations) and the inspector registry.
/// </summary>
public sealed class FrameSource(NpgsqlDataSource database, IOptions<ClusterOptions> cluster, IGrainFactory grains)
{
    public async Task<Frames> BuildAsync(PlanVersion plan, int round, CancellationToken cancellationToken)
    {
        var groups = await ReadGroupsAsync(plan.Definition, cancellationToken);
        var inspectors = await grains.GetGrain<IInspectorRegistryGrain>(IInspectorRegistryGrain.Key).ListAsync();
        return FrameBuilder.Build(plan, round, groups, inspectors);
    }

    private async Task<List<FrameGroup>> ReadGroupsAsync(PlanDefinition plan, CancellationToken cancellationToken)
    {
        // A county code belongs to the prefecture of its first four digits (GB/T 2260).
        await using var command = database.CreateCommand(
            """
            SELECT substr(d.region_code, 1, 4) || '00' AS region, c.category, d.risk_class, d.status,
                   array_agg(d.uscc ORDER BY d.uscc COLLATE "C")
              FROM directory_enterprises d, unnest(d.categories) AS c(category)
             WHERE d.service_id = $1 AND d.categories && $2 AND c.category = ANY($2) AND d.region_code IS NOT NULL
               AND (cardinality($3::text[]) = 0 OR substr(d.region_code, 1, 4) || '00' = ANY($3))
             GROUP BY 1, 2, 3, 4
            """);
        command.Parameters.Add(new() { Value = cluster.Value.ServiceId });
        command.Parameters.Add(new() { Value = plan.Categories.ToArray() });
        command.Parameters.Add(new() { Value = plan.Regions.ToArray() });
        command.CommandTimeout = 120;
        var groups = new List<FrameGroup>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            groups.Add(new FrameGroup(
                reader.GetString(0),
                reader.GetString(1),
                Enum.Parse<RiskClass>(reader.GetString(2)),
                Enum.Parse<EnterpriseStatus>(reader.GetString(3)),
                reader.GetFieldValue<string[]>(4)));
        }

        return groups;
    }
}
