namespace Samples.Grains;

/// <summary>Names of the grain storage providers the silo must register.</summary>
public static class StorageNames
{
    /// <summary>The general grain store (Orleans' ADO.NET provider on PostgreSQL; memory in grain tests).</summary>
    public const string Default = "samples";

    /// <summary>
    /// The enterprise directory: one row per enterprise in a table of its own, so draws can query it and
    /// bulk imports can write it in one transaction (memory in grain tests).
    /// </summary>
    public const string Directory = "directory";
}
