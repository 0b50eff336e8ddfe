using Samples.Client.Language;

namespace Samples.Client.Http;

/// <summary>A failure the user gets as one line on standard error and an exit code, never a stack trace.</summary>
public sealed class CliException(Text text, int exitCode) : Exception(text.En)
{
    /// <summary>The message in both languages; shown Chinese first with the English after (English alone with --lang en).</summary>
    public Text Text { get; } = text;

    public int ExitCode { get; } = exitCode;
}

/// <summary>Exit codes scripts can rely on.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Usage = 1;

    /// <summary><c>samples verify</c>: the bundle does not verify (the same number as wrong arguments; the message says which).</summary>
    public const int NotVerified = 1;
    public const int Refused = 2;
    public const int NotAllowed = 3;
    public const int Unavailable = 4;
}
