using System.Text.Json;
using System.Text.RegularExpressions;
using Samples.Domain.Tests.Support;

namespace Samples.Tests.Web;

/// <summary>
/// Every word of the web app comes from its resource files (web/src/locales): each Chinese file has its English twin
/// with the same keys, and every key the code names literally is there. A missing key would show as "area.key".
/// </summary>
public sealed partial class LocaleTests
{
    private static readonly string Locales = Path.Combine(RepoPaths.Root, "web", "src", "locales");

    [Fact]
    public void Chinese_and_English_have_the_same_keys_in_every_area()
    {
        var areas = Directory.GetFiles(Path.Combine(Locales, "zh-CN"), "*.json").Select(Path.GetFileName).Order().ToList();
        areas.Should().NotBeEmpty();
        Directory.GetFiles(Path.Combine(Locales, "en"), "*.json").Select(Path.GetFileName).Order().Should().Equal(areas, "each area has both languages");
        foreach (var area in areas)
        {
            Keys("en", area!).Should().BeEquivalentTo(Keys("zh-CN", area!), $"{area} says the same things in both languages");
        }
    }

    [Fact]
    public void Every_key_the_code_names_is_in_the_resource_files()
    {
        var known = Directory.GetFiles(Path.Combine(Locales, "zh-CN"), "*.json")
            .SelectMany(f => Keys("zh-CN", Path.GetFileName(f)).Select(k => $"{Path.GetFileNameWithoutExtension(f)}.{k}")).ToHashSet(StringComparer.Ordinal);
        var sources = Directory.GetFiles(Path.Combine(RepoPaths.Root, "web", "src"), "*.ts", SearchOption.AllDirectories);
        var named = sources.SelectMany(f => KeyCall().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value))).ToList();
        named.Should().HaveCountGreaterThan(100, "the pages name their words by key");
        named.Where(n => !known.Contains(n.Key)).Select(n => $"{n.File}: {n.Key}").Should().BeEmpty("every literal key has a text");
    }

    private static List<string> Keys(string language, string file) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Locales, language, file))).RootElement.EnumerateObject().Select(p => p.Name).ToList();

    [GeneratedRegex(@"\bt\('([a-zA-Z]+\.[\w.\-]+)'")]
    private static partial Regex KeyCall();
}
