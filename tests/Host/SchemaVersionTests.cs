using Samples.Domain.Tests.Support;
using Samples.Silo.Database;

namespace Samples.Tests.Host;

public sealed class SchemaVersionTests
{
    [Fact]
    public void The_required_version_is_the_newest_migration_file()
    {
        var versions = System.IO.Directory.GetFiles(RepoPaths.Migrations, "*.sql")
            .Select(f => int.Parse(Path.GetFileName(f)[..4], System.Globalization.CultureInfo.InvariantCulture))
            .Order()
            .ToList();

        versions.Should().Equal(Enumerable.Range(1, versions.Count), "migrations are numbered 0001, 0002, … without gaps");
        SchemaVersion.Required.Should().Be(versions[^1], "the silo must ask for exactly the schema the repository ships");
    }
}
