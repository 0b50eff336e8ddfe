namespace Samples.Domain.Operations;

/// <summary>
/// What one grain holds against what its read models hold: the grain's version (its newest change; 0 when it has no
/// state), the board's version for it (null when it has no row, or when the stream has no board, as draws have none) and
/// the versions the audit trail records for its stream.
/// </summary>
public sealed record StreamVersions(string Id, int GrainVersion, int? BoardVersion, IReadOnlyCollection<int> Audited);

/// <summary>
/// A stream whose read models disagree with its grain. <see cref="BoardBehind"/>: the board lacks the grain's newest
/// change; <see cref="MissingAudit"/>: versions the grain made that the audit trail lacks. <see cref="Ahead"/>: a read
/// model holds more than the grain (state lost or restored apart from its read models): re-publishing cannot mend it, a
/// person must look.
/// </summary>
public sealed record StreamLag(string Id, int GrainVersion, int? BoardVersion, bool BoardBehind, IReadOnlyList<int> MissingAudit, bool Ahead)
{
    /// <summary>Re-publishing the grain's events brings its read models level.</summary>
    public bool Repairable => !Ahead && (BoardBehind || MissingAudit.Count > 0);
}

/// <summary>
/// The reconciliation check: grains are the truth, read models are built from their events, and events are idempotent
/// (consumers skip versions they have), so whatever lags is mended by publishing the grain's events again.
/// </summary>
public static class Reconciliation
{
    /// <summary>The streams that lag or run ahead, in id order; <paramref name="hasBoard"/> is false for streams with no board (draws).</summary>
    public static IReadOnlyList<StreamLag> Compare(IEnumerable<StreamVersions> streams, bool hasBoard)
    {
        ArgumentNullException.ThrowIfNull(streams);
        var lags = new List<StreamLag>();
        foreach (var s in streams.OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            var boardBehind = hasBoard && s.GrainVersion > 0 && (s.BoardVersion is null || s.BoardVersion < s.GrainVersion);
            var missing = Enumerable.Range(1, Math.Max(s.GrainVersion, 0)).Where(v => !s.Audited.Contains(v)).ToArray();
            var ahead = (hasBoard && s.BoardVersion > s.GrainVersion) || s.Audited.Any(v => v > s.GrainVersion);
            if (boardBehind || missing.Length > 0 || ahead)
            {
                lags.Add(new StreamLag(s.Id, s.GrainVersion, hasBoard ? s.BoardVersion : null, boardBehind, missing, ahead));
            }
        }

        return lags;
    }
}
