using System.Text.Json;
using Samples.Client.Http;
using Samples.Client.Language;

namespace Samples.Client.Config;

/// <summary>
/// The credential and API address saved by <c>samples login</c>, so that daily commands need neither <c>--token</c> nor
/// an environment variable. The file is <c>$SAMPLES_CONFIG</c>, else <c>~/.config/samples/config.json</c>, readable by
/// its owner only (<c>--config FILE</c> names another). Command-line options and environment variables win over it.
/// </summary>
public sealed record CliConfig(string? Api, string? Token)
{
    public static string PathOf(string? given) =>
        given is { Length: > 0 } ? given
        : Environment.GetEnvironmentVariable("SAMPLES_CONFIG") is { Length: > 0 } path ? path
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "samples", "config.json");

    /// <summary>The saved settings, or empty ones when there is no file; a file that cannot be read is the user's to fix.</summary>
    public static CliConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            return new CliConfig(null, null);
        }

        try
        {
            return JsonSerializer.Deserialize<CliConfig>(File.ReadAllText(path), ApiClient.Json) ?? new CliConfig(null, null);
        }
        catch (JsonException ex)
        {
            throw new CliException(Errors.ConfigNotJson(path, ex.Message), ExitCodes.Usage);
        }
    }

    public void Save(string path)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);

        // Created empty and owner-only first, so the token is never readable by others, not even for a moment.
        using (File.Create(path))
        {
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(path, JsonSerializer.Serialize(this, ApiClient.Json));
    }

    public static bool Delete(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }
}
