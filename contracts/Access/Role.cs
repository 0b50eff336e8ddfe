namespace Samples.Contracts.Access;

/// <summary>What a caller is allowed to do. Names are the ones used in credentials and the API.</summary>
public static class Role
{
    public const string Inspector = "inspector";
    public const string Lab = "lab";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Inspector, Lab, Supervisor, Admin];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);
}
