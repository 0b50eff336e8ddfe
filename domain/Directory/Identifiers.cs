using System.Text.RegularExpressions;

namespace Samples.Domain.Directory;

/// <summary>The key formats of the directories: inspector numbers and lab ids.</summary>
internal static partial class Identifiers
{
    /// <summary>1-32 ASCII letters, digits or dashes, starting with a letter or digit (the inspector and lab rules' pattern).</summary>
    public static bool IsDirectoryId(string value) => DirectoryId().IsMatch(value);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9-]{0,31}\z")]
    private static partial Regex DirectoryId();
}
