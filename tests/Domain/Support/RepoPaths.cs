namespace Samples.Domain.Tests.Support;

/// <summary>Finds files of the repository from the test's output folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Migrations => Path.Combine(Root, "ops", "db", "migrations");

    /// <summary>The draw algorithm's spec and its published test vectors, carried by the repository (draw/spec).</summary>
    public static string DrawSpec => Path.Combine(Root, "draw", "spec");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Samples.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Samples.sln not found above {AppContext.BaseDirectory}");
    }
}
