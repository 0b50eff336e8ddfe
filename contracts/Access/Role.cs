namespace Samples.Contracts.Access;

/// <summary>What a caller is allowed to do. Names are the ones used in credentials and the API.</summary>
public static class Role
{
    public const string Inspector = "inspector";
    public const string Lab = "lab";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";

    /// <summary>A named witness of draw ceremonies (an enterprise representative, a notary): may add outside entropy, nothing else.</summary>
    public const string Witness = "witness";

    /// <summary>
    /// An enterprise's own account, bound to its USCC: it reads its notices and results once notified, and files its own
    /// objection; nothing of any other enterprise, and nothing of a task before it was notified (a visit is unannounced).
    /// </summary>
    public const string Enterprise = "enterprise";

    /// <summary>The roles that work with the directories and tasks (the witness and the enterprise are not among them).</summary>
    public static IReadOnlyList<string> Staff { get; } = [Inspector, Lab, Supervisor, Admin];

    /// <summary>Every role a credential may have.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Staff, Witness, Enterprise];

    /// <summary>The roles that read tasks (each only its own, decided per task).</summary>
    public static IReadOnlyList<string> TaskReaders { get; } = [.. Staff, Enterprise];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);
}
