namespace Samples.Grains;

/// <summary>Names of the grain storage providers the silo must register.</summary>
public static class StorageNames
{
    /// <summary>The one grain store: PostgreSQL in a real silo, memory in grain tests.</summary>
    public const string Default = "samples";
}
