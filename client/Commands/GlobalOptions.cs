using System.CommandLine;
using Samples.Client.Http;
using Samples.Client.Output;

namespace Samples.Client.Commands;

/// <summary>Options every command takes: where the API is, the credential, and the output format.</summary>
public sealed class GlobalOptions
{
    public const string DefaultApi = "http://127.0.0.1:5080";

    public Option<string?> Api { get; } = new("--api")
    {
        Description = $"API base address (default: $SAMPLES_API_URL, else {DefaultApi})",
        Recursive = true,
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = "API token smp_KEYID.SECRET (default: $SAMPLES_TOKEN)",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print JSON for scripts instead of a table",
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        root.Options.Add(Api);
        root.Options.Add(Token);
        root.Options.Add(Json);
    }

    public ApiClient Client(ParseResult result)
    {
        var api = result.GetValue(Api) ?? Environment.GetEnvironmentVariable("SAMPLES_API_URL") ?? DefaultApi;
        if (!Uri.TryCreate(api, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException($"--api '{api}' is not an http(s) address", ExitCodes.Usage);
        }

        var token = (result.GetValue(Token) ?? Environment.GetEnvironmentVariable("SAMPLES_TOKEN"))?.Trim();
        if (token is not null && token.Any(char.IsControl))
        {
            // A token pasted with a line break or a terminal colour code: say so rather than fail inside the HTTP client.
            throw new CliException("the token (--token or SAMPLES_TOKEN) contains a line break or control character; paste only smp_….", ExitCodes.Usage);
        }

        return new ApiClient(uri, string.IsNullOrEmpty(token) ? null : token);
    }

    public Printer Printer(ParseResult result) => new(result.InvocationConfiguration.Output, result.GetValue(Json));
}
