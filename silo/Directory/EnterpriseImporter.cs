using System.Diagnostics;
using System.Threading.Channels;
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
public sealed class EnterpriseImporter(NpgsqlDataSource database, IOptions<ClusterOptions> cluster, IGrainFactory grains, TimeProvider clock, ILogger<EnterpriseImporter> logger)
{
    public const int VacuumAfterRows = 10_000;

    private const int BatchRows = 1024;

    public async Task<ImportReport> ImportAsync(Stream csv, string source, string by, bool dryRun, CancellationToken cancellationToken)
    {
        // The import's time to whole microseconds, as PostgreSQL keeps it: lean rows read back the state stored with them.
        var stamp = EnterpriseImportStamp.Of(clock.GetUtcNow(), by, source);
        var now = stamp.At;
        var categories = await grains.GetGrain<ICatalogueGrain>(ICatalogueGrain.Key).CategoryCodesAsync();
        var context = new ImportContext(DateOnly.FromDateTime(now.UtcDateTime), categories.ToHashSet(StringComparer.Ordinal));
        await using var writer = await EnterpriseBulkWriter.BeginAsync(database, cluster.Value.ServiceId, cancellationToken, intoEmpty: !dryRun, import: stamp);
        try
        {
            return await ImportAsync(csv, context, writer, dryRun, cancellationToken);
        }
        catch (PostgresException e) when (writer.Direct && e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // The directory was empty when the load began; an enterprise registered meanwhile (by code) collides with a row.
            return new ImportReport(dryRun, writer.Written > int.MaxValue ? int.MaxValue : (int)writer.Written, 0, 0, 0,
                [new ImportProblem(1, "file", "an enterprise of this file was registered while it was being imported; nothing was applied: import the file again")]);
        }
    }

    private async Task<ImportReport> ImportAsync(
        Stream csv, ImportContext context, EnterpriseBulkWriter writer, bool dryRun, CancellationToken cancellationToken)
    {
        var problems = new List<ImportProblem>();
        var rows = 0;
        var watch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        // Two stages on two threads: one reads and checks the rows, the other encodes them (fingerprint, columns) into the
        // copy. Rows travel in batches, a few at a time: memory stays flat whatever the file's size.
        var batches = Channel.CreateBounded<EnterpriseRow[]>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(
            async () =>
            {
                try
                {
                    var batch = new List<EnterpriseRow>(BatchRows);
                    foreach (var result in EnterpriseCsv.Read(csv, context))
                    {
                        rows++;
                        if (!result.IsValid)
                        {
                            // From the first problem on nothing more is written; every later row is still checked.
                            problems.AddRange(result.Problems);
                        }
                        else if (problems.Count == 0)
                        {
                            batch.Add(result.Enterprise!);
                            if (batch.Count == BatchRows)
                            {
                                await batches.Writer.WriteAsync([.. batch], stop.Token);
                                batch.Clear();
                            }
                        }
                    }

                    if (problems.Count == 0 && batch.Count > 0)
                    {
                        await batches.Writer.WriteAsync([.. batch], stop.Token);
                    }
                }
                finally
                {
                    batches.Writer.TryComplete();
                }
            },
            stop.Token);
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(stop.Token))
            {
                foreach (var row in batch)
                {
                    await writer.WriteAsync(row, stop.Token);
                }
            }
        }
        catch
        {
            // The reader must not outlive a failed copy: it is stopped, and waited for, before the error goes on.
            await stop.CancelAsync();
            await Task.WhenAny(reading);
            throw;
        }

        await reading;
        if (problems.Count > 0)
        {
            // Disposing the writer rolls the transaction back: nothing of the file is applied.
            return new ImportReport(dryRun, rows, 0, 0, 0, problems);
        }

        var checkedIn = watch.Elapsed;
        var counts = dryRun ? await writer.CountAsync(cancellationToken) : await writer.CommitAsync(cancellationToken);
        var appliedIn = watch.Elapsed - checkedIn;
        if (counts.Inserted + counts.Updated >= VacuumAfterRows)
        {
            // Large imports leave pages not yet marked all-visible: vacuum now so frames can use the
            // covering index without visiting the table, and the planner has fresh statistics.
            await using var vacuum = database.CreateCommand("VACUUM (ANALYZE) directory_enterprises");
            vacuum.CommandTimeout = 0;
            await vacuum.ExecuteNonQueryAsync(cancellationToken);
        }

        // Where a large import's time went: reading and checking the rows (streamed into the staging table), applying them,
        // vacuuming; and the silo's own CPU time (all its threads), to tell the silo's share from PostgreSQL's.
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Enterprise import of {Rows} rows: checked and staged in {Checked:F1} s, applied in {Applied:F1} s, vacuumed in {Vacuumed:F1} s; silo CPU {Cpu:F1} s",
                rows, checkedIn.TotalSeconds, appliedIn.TotalSeconds, (watch.Elapsed - checkedIn - appliedIn).TotalSeconds,
                (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
        }

        return new ImportReport(dryRun, rows, counts.Inserted, counts.Updated, counts.Unchanged, []);
    }

    /// <summary>Writes the whole directory of this deployment as CSV, in code order, in the format the import reads.</summary>
    public async Task ExportAsync(TextWriter output, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            $"SELECT {EnterpriseDirectoryRow.ReadColumns} FROM {EnterpriseDirectoryRow.ReadFrom} WHERE d.service_id = $1 ORDER BY d.uscc COLLATE \"C\"");
        command.Parameters.Add(new() { Value = cluster.Value.ServiceId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        EnterpriseCsv.Write(output, Rows(reader));
    }

    private static IEnumerable<EnterpriseRow> Rows(NpgsqlDataReader reader)
    {
        var row = 1;
        while (reader.Read())
        {
            yield return EnterpriseImportMapping.ToRow(EnterpriseDirectoryRow.Read(reader, 0), ++row);
        }
    }
}

public sealed record ImportReport(bool DryRun, int Rows, long Inserted, long Updated, long Unchanged, IReadOnlyList<ImportProblem> Problems);
