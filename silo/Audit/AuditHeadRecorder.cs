using Samples.Silo.Tasks;

namespace Samples.Silo.Audit;

/// <summary>
/// Reads the audit trail's head and appends it to the head log when it changed (what <see cref="AuditHeadJob"/> runs
/// daily and at start). A head that went back (an earlier seq, or the same seq with another hash) is still recorded, and
/// logged as an error: the trail was rewritten or restored from an older copy since the line before.
/// </summary>
public sealed partial class AuditHeadRecorder(TaskQueries queries, AuditHeadLog log, TimeProvider clock, ILogger<AuditHeadRecorder> logger)
{
    /// <summary>Records the head now; answers the line written, or null when there was nothing new.</summary>
    public async Task<AuditHeadEntry?> RecordAsync(CancellationToken ct)
    {
        var head = await queries.AuditHeadAsync(ct);
        var (written, last) = await log.RecordAsync(head, clock.GetUtcNow(), ct);
        if (written is null)
        {
            LogUnchanged(logger, head?.Seq ?? 0, log.Path);
        }
        else if (written.WentBackFrom(last))
        {
            LogWentBack(logger, last!.Seq, last.Sha256, last.RecordedAt, written.Seq, written.Sha256, log.Path);
        }
        else
        {
            LogRecorded(logger, written.Seq, written.Sha256, log.Path);
        }

        return written;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit head seq {Seq} {Sha256} recorded in {File}")]
    private static partial void LogRecorded(ILogger logger, long seq, string sha256, string file);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Audit head unchanged (seq {Seq}); nothing added to {File}")]
    private static partial void LogUnchanged(ILogger logger, long seq, string file);

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit trail went back: recorded at {RecordedAt:O} with head seq {LastSeq} {LastSha256}, now seq {Seq} {Sha256} (recorded in {File}). It was rewritten or restored from an older copy; samples audit verify --expect-head {LastSha256} shows what is missing")]
    private static partial void LogWentBack(ILogger logger, long lastSeq, string lastSha256, DateTimeOffset recordedAt, long seq, string sha256, string file);
}
