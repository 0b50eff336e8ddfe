using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Samples.Contracts.Catalogue;
using Samples.Domain.Directory;
using Samples.Silo.Api;

namespace Samples.Silo.Directory;

/// <summary>
/// Imports a directory CSV: every row is checked (against the catalogue and divisions in force) while
/// valid rows stream into the bulk writer; if any row is wrong nothing is applied and every problem is
/// reported (row, field, reason). A dry run checks and counts without applying.
/// </summary>
public sealed class EnterpriseImporter(NpgsqlDataSource database, IOptions<ClusterOptions> cluster, IGrainFactory grains, TimeProvider clock)
{
    public const int VacuumAfterRows = 10_000;

    public async Task<ImportReport> ImportAsync(Stream csv, string source, string by, bool dryRun, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var categories = await grains.GetGrain<ICatalogueGrain>(ICatalogueGrain.Key).CategoryCodesAsync();
        var context = new ImportContext(DateOnly.FromDateTime(now.UtcDateTime), categories.ToHashSet(StringComparer.Ordinal));
        var problems = new List<ImportProblem>();
        var rows = 0;
        await using var writer = await EnterpriseBulkWriter.BeginAsync(database, cluster.Value.ServiceId, cancellationToken);
        foreach (var result in EnterpriseCsv.Read(csv, context))
        {
            rows++;
            if (!result.IsValid)
            {
                problems.AddRange(result.Problems);
            }
            else if (problems.Count == 0)
            {
                await writer.WriteAsync(EnterpriseImportMapping.ToState(result.Enterprise!, now, by, source), cancellationToken);
            }
        }

        if (problems.Count > 0)
        {
            // Disposing the writer rolls the transaction back: nothing of the file is applied.
            return new ImportReport(dryRun, rows, 0, 0, 0, problems);
        }

        var counts = dryRun ? await writer.CountAsync(cancellationToken) : await writer.CommitAsync(cancellationToken);
        if (counts.Inserted + counts.Updated >= VacuumAfterRows)
        {
            // Large imports leave pages not yet marked all-visible: vacuum now so frames can use the
            // covering index without visiting the table, and the planner has fresh statistics.
            await using var vacuum = database.CreateCommand("VACUUM (ANALYZE) directory_enterprises");
            vacuum.CommandTimeout = 0;
            await vacuum.ExecuteNonQueryAsync(cancellationToken);
        }

        return new ImportReport(dryRun, rows, counts.Inserted, counts.Updated, counts.Unchanged, []);
    }

    /// <summary>Writes the whole directory of this deployment as CSV, in code order, in the format the import reads.</summary>
    public async Task ExportAsync(TextWriter output, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT state FROM directory_enterprises WHERE service_id = $1 ORDER BY uscc COLLATE \"C\"");
        command.Parameters.Add(new() { Value = cluster.Value.ServiceId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        EnterpriseCsv.Write(output, Rows(reader));
    }

    private static IEnumerable<EnterpriseRow> Rows(NpgsqlDataReader reader)
    {
        var row = 1;
        while (reader.Read())
        {
            yield return EnterpriseImportMapping.ToRow(JsonSerializer.Deserialize<EnterpriseState>(reader.GetString(0), EnterpriseDirectoryRow.Json)!, ++row);
        }
    }
}

public sealed record ImportReport(bool DryRun, int Rows, long Inserted, long Updated, long Unchanged, IReadOnlyList<ImportProblem> Problems);
