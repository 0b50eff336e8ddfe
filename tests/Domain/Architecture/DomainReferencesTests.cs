using System.Xml.Linq;
using Samples.Domain.Reference;
using Samples.Domain.Tests.Support;

namespace Samples.Domain.Tests.Architecture;

/// <summary>The domain is plain C#: it references contracts and draw only, and no host technology reaches it.</summary>
public sealed class DomainReferencesTests
{
    private static readonly string[] Hosts = ["Orleans.Runtime", "Orleans.Core", "Microsoft.AspNetCore", "Npgsql", "MassTransit", "Quartz"];

    [Fact]
    public void The_domain_project_references_contracts_and_draw_and_no_package()
    {
        var project = XDocument.Load(Path.Combine(RepoPaths.Root, "domain", "Samples.Domain.csproj"));

        project.Descendants("PackageReference").Should().BeEmpty("a decision needs no package");
        project.Descendants("ProjectReference").Select(r => r.Attribute("Include")!.Value.Replace('\\', '/').Split('/')[^1])
            .Should().BeEquivalentTo("Samples.Contracts.csproj", "Samples.Draw.csproj");
    }

    [Fact]
    public void No_domain_file_uses_a_host_technology_and_the_built_assembly_references_none()
    {
        var files = System.IO.Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "domain"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).ToArray();
        files.Should().HaveCountGreaterThan(100);
        var offending = files.SelectMany(f => File.ReadLines(f)
                .Where(l => l.StartsWith("using ", StringComparison.Ordinal) && Hosts.Any(h => l.Contains(h.Split('.')[0], StringComparison.Ordinal)))
                .Select(l => $"{Path.GetRelativePath(RepoPaths.Root, f)}: {l}"))
            .ToArray();
        offending.Should().BeEmpty();

        typeof(ChinaTime).Assembly.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(name => Hosts.Any(h => name.StartsWith(h, StringComparison.Ordinal)) || name.StartsWith("Samples.Grains", StringComparison.Ordinal) || name.StartsWith("Samples.Silo", StringComparison.Ordinal))
            .Should().BeEmpty();
    }
}
