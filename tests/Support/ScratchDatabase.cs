using Npgsql;

namespace Samples.Tests.Support;

/// <summary>A scratch database: its name, the silo's role's connection and the owner's.</summary>
public sealed record ScratchDatabase(string Name, string App, string Owner)
{
    public static ScratchDatabase Named(string name) => new(
        name,
        new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { Database = name, Pooling = false }.ConnectionString,
        new NpgsqlConnectionStringBuilder(TestDatabase.OwnerConnectionString) { Database = name, Pooling = false }.ConnectionString);
}
