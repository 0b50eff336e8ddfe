using Npgsql;
using NpgsqlTypes;
using Samples.Contracts.Tasks;

namespace Samples.Silo.Tasks;

/// <summary>
/// Keeps the task board (one row per task) from task events. A row only moves to a higher version, so a repeated or
/// late event changes nothing.
/// </summary>
public static class TaskBoardWriter
{
    private const string Upsert = """
        INSERT INTO task_board (service_id, task_id, plan_id, draw_id, uscc, category, region, stage, version, team, lab_id,
            retest_lab_id, due_on, due_owner, due_what, due_flag, overdue, outcome, batch_id, concluded_on, published_on,
            published_late, publication_due, disposal, changed_at, targeted_reason, targeted_on, purpose)
        SELECT $1, task_id, plan_id, draw_id, uscc, category, region, stage, version,
            CASE WHEN team = '' THEN '{}'::text[] ELSE string_to_array(team, chr(31)) END, lab_id, retest_lab_id, due_on, due_owner,
            due_what, due_flag, CASE WHEN overdue = '' THEN '{}'::text[] ELSE string_to_array(overdue, chr(31)) END, outcome, batch_id,
            concluded_on, published_on, published_late, publication_due, disposal, changed_at, targeted_reason, targeted_on, purpose
        FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[],
            $10::text[], $11::text[], $12::text[], $13::date[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[],
            $19::text[], $20::date[], $21::date[], $22::bool[], $23::date[], $24::text[], $25::timestamptz[], $26::text[], $27::date[], $28::text[])
            AS r(task_id, plan_id, draw_id, uscc, category, region, stage, version, team, lab_id, retest_lab_id, due_on, due_owner,
                 due_what, due_flag, overdue, outcome, batch_id, concluded_on, published_on, published_late, publication_due,
                 disposal, changed_at, targeted_reason, targeted_on, purpose)
        ON CONFLICT (service_id, task_id) DO UPDATE SET
            stage = EXCLUDED.stage, version = EXCLUDED.version, team = EXCLUDED.team, lab_id = EXCLUDED.lab_id,
            retest_lab_id = EXCLUDED.retest_lab_id, due_on = EXCLUDED.due_on, due_owner = EXCLUDED.due_owner,
            due_what = EXCLUDED.due_what, due_flag = EXCLUDED.due_flag, overdue = EXCLUDED.overdue, outcome = EXCLUDED.outcome,
            batch_id = EXCLUDED.batch_id, concluded_on = EXCLUDED.concluded_on, published_on = EXCLUDED.published_on,
            published_late = EXCLUDED.published_late, publication_due = EXCLUDED.publication_due, disposal = EXCLUDED.disposal,
            changed_at = EXCLUDED.changed_at
        WHERE task_board.version < EXCLUDED.version
        """;

    public static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string serviceId, IReadOnlyList<SamplingTaskChanged> events, CancellationToken ct)
    {
        // Within a batch, only each task's newest version matters; arrays carry one row per task.
        var rows = events
            .GroupBy(e => e.Task.TaskId, StringComparer.Ordinal)
            .Select(g => g.MaxBy(e => e.Task.Version)!)
            .OrderBy(e => e.Task.TaskId, StringComparer.Ordinal) // one lock order for concurrent batches: no deadlock
            .ToArray();
        var t = rows.Select(r => r.Task).ToArray();
        await using var command = new NpgsqlCommand(Upsert, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
        Add(command, t.Select(x => x.TaskId));
        Add(command, t.Select(x => x.PlanId));
        Add(command, t.Select(x => x.DrawId));
        Add(command, t.Select(x => x.Uscc));
        Add(command, t.Select(x => x.Category));
        Add(command, t.Select(x => x.Region));
        Add(command, t.Select(x => x.Stage.ToString()));
        command.Parameters.Add(new NpgsqlParameter { Value = t.Select(x => x.Version).ToArray() });
        Add(command, t.Select(x => string.Join('\u001f', x.Team)));
        Add(command, t.Select(x => x.LabId));
        Add(command, t.Select(x => x.RetestLabId));
        command.Parameters.Add(new NpgsqlParameter { Value = t.Select(x => x.Due?.On).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
        Add(command, t.Select(x => x.Due?.Owner));
        Add(command, t.Select(x => x.Due?.What));
        Add(command, t.Select(x => x.Due?.Flag));
        Add(command, t.Select(x => string.Join('\u001f', x.Overdue)));
        Add(command, t.Select(x => x.Outcome));
        Add(command, t.Select(x => x.BatchId));
        command.Parameters.Add(new NpgsqlParameter { Value = t.Select(x => x.ConcludedOn).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = t.Select(x => x.PublishedOn).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = t.Select(x => x.PublishedLate).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = t.Select(x => x.PublicationDue).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
        Add(command, t.Select(x => x.Disposal));
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Entry.At.UtcDateTime).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        Add(command, t.Select(x => x.TargetedReason));
        command.Parameters.Add(new NpgsqlParameter { Value = t.Select(x => x.TargetedOn).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
        Add(command, t.Select(x => Samples.Domain.Tasks.RiskMonitoring.Code(x.Purpose)));
        await command.ExecuteNonQueryAsync(ct);
    }

    private static void Add(NpgsqlCommand command, IEnumerable<string?> values) =>
        command.Parameters.Add(new NpgsqlParameter { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
}
