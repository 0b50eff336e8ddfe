namespace Samples.Domain.Operations;

/// <summary>One exception of a failed delivery's chain (outermost first): its .NET type's full name and, from PostgreSQL, the SQL state.</summary>
public sealed record FailureCause(string TypeName, string? SqlState = null);

/// <summary>What the redelivery decision needs to know of a kept fault.</summary>
public sealed record FaultFacts(bool Transient, DateTimeOffset LastFailedAt, DateTimeOffset? RedeliveredAt, DateTimeOffset? AutoRedeliveredAt)
{
    /// <summary>Waiting: never redelivered, or faulted again after its last redelivery.</summary>
    public bool Waiting => RedeliveredAt is null || LastFailedAt > RedeliveredAt;
}

/// <summary>
/// Decisions about messages a consumer gave up on: whether the cause was transient (the store or the broker did not
/// answer, so the same message will succeed once they do) and whether to redeliver one without an operator.
/// </summary>
public static class FaultTriage
{
    // Exceptions that say "nobody answered" rather than "this message is wrong". NpgsqlException itself (not its
    // PostgresException subclass) is raised for connection failures; a PostgresException is transient only by SQL state.
    private static readonly HashSet<string> TransientTypes = new(StringComparer.Ordinal)
    {
        "Npgsql.NpgsqlException",
        "System.TimeoutException",
        "System.Net.Sockets.SocketException",
        "System.IO.IOException",
        "System.IO.EndOfStreamException",
        "Samples.Silo.Tasks.BrokerUnavailableException",
        "Orleans.Runtime.SiloUnavailableException",
        "System.Threading.Tasks.TaskCanceledException",
    };

    /// <summary>
    /// Transient when any exception of the chain is a connection-level one, or PostgreSQL refused for a reason of its
    /// own state rather than the data: connection (08…), resources (53…), shutdown or starting (57P01-57P03),
    /// serialization or deadlock (40001, 40P01). Anything else (a constraint, a bug) stays until an operator looks.
    /// </summary>
    public static bool IsTransient(IReadOnlyList<FailureCause> chain) => chain.Any(c =>
        TransientTypes.Contains(c.TypeName) || (c.SqlState is { Length: 5 } state && IsTransientSqlState(state)));

    public static bool IsTransientSqlState(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal)
        || state is "57P01" or "57P02" or "57P03" or "40001" or "40P01";

    /// <summary>
    /// Redelivered without an operator when the cause was transient, it is still waiting, and it failed before the store
    /// and the bus were last seen healthy again (<paramref name="healthySince"/>, the start of this recovery), and was not
    /// already redelivered automatically in this recovery: at most once per message per recovery, so a message that
    /// fails again for another reason waits for an operator instead of going round.
    /// </summary>
    public static bool ShouldRedeliverAutomatically(FaultFacts fault, DateTimeOffset healthySince) =>
        fault.Transient && fault.Waiting && fault.LastFailedAt < healthySince
        && (fault.AutoRedeliveredAt is null || fault.AutoRedeliveredAt < healthySince);
}

/// <summary>
/// How long a consumer keeps retrying a message before giving up on it: exponential waits from 100 ms, doubling up to
/// 30 s each, until the budget is spent (the default, 6 minutes, is what the consumers had before it was configurable).
/// </summary>
public static class RetryBudget
{
    public static readonly TimeSpan Default = TimeSpan.FromMinutes(6);
    public static readonly TimeSpan FirstWait = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    /// <summary>The waits between attempts; their sum is the budget (the last one shortened to fit), none for a zero budget.</summary>
    public static IReadOnlyList<TimeSpan> Intervals(TimeSpan budget)
    {
        var waits = new List<TimeSpan>();
        var spent = TimeSpan.Zero;
        var next = FirstWait;
        while (spent < budget)
        {
            var wait = next < budget - spent ? next : budget - spent;
            waits.Add(wait);
            spent += wait;
            next = next * 2 < LongestWait ? next * 2 : LongestWait;
        }

        return waits;
    }

    /// <summary>Null when the text is a usable budget (0 to 1 day), else what is wrong with it.</summary>
    public static string? Problem(TimeSpan budget) =>
        budget < TimeSpan.Zero ? "must not be negative" : budget > TimeSpan.FromDays(1) ? "must be at most a day (1.00:00:00)" : null;
}
