
namespace Samples.Silo.Database;

/// <summary>The schema this build needs: the number of the newest file in ops/db/migrations.</summary>
public static class SchemaVersion
{
    public const int Required = 25;

    public const string MigrateCommand = "bash ops/db/migrate.sh";
}
