using System.CommandLine;
using Samples.Client.Config;
using Samples.Client.Http;
using Samples.Client.Language;
using Samples.Client.Output;

namespace Samples.Client.Commands;

/// <summary>Options every command takes: where the API is, the credential, the output format and the language.</summary>
public sealed class GlobalOptions
{
    public const string DefaultApi = "http://127.0.0.1:5080";

    public Option<string?> Api { get; } = new("--api")
    {
        Description = $"API base address (default: $SAMPLES_API_URL, else the one saved by `samples login`, else {DefaultApi})",
        Recursive = true,
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = "API token smp_KEYID.SECRET (default: $SAMPLES_TOKEN, else the one saved by `samples login`)",
        Recursive = true,
    };

    public Option<string?> Config { get; } = new("--config")
    {
        Description = "The file `samples login` saves to and commands read (default: $SAMPLES_CONFIG, else ~/.config/samples/config.json)",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print JSON for scripts instead of a table",
        Recursive = true,
    };

    public Option<string?> Lang { get; } = new("--lang")
    {
        Description = $"Language of tables, messages and errors: zh (default; headers keep the English term) or en (default: ${Languages.Variable}, else zh)",
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        Lang.AcceptOnlyFromAmong(Languages.Names);
        root.Options.Add(Lang);
        root.Options.Add(Api);
        root.Options.Add(Token);
        root.Options.Add(Json);
        root.Options.Add(Config);
    }

    public ApiClient Client(ParseResult result)
    {
        var api = GivenApi(result);
        var token = result.GetValue(Token) ?? Env("SAMPLES_TOKEN");
        if (api is null || token is null)
        {
            var saved = CliConfig.Load(ConfigPath(result));
            api ??= saved.Api;
            token ??= saved.Token;
        }

        return Client(api ?? DefaultApi, token);
    }

    /// <summary>A client for an address and token as given (checked the same way as the options).</summary>
    public static ApiClient Client(string api, string? token)
    {
        if (!Uri.TryCreate(api, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException(Errors.NotHttp(api), ExitCodes.Usage);
        }

        token = token?.Trim();
        if (token is not null && token.Any(char.IsControl))
        {
            // A token pasted with a line break or a terminal colour code: say so rather than fail inside the HTTP client.
            throw new CliException(Errors.TokenControl, ExitCodes.Usage);
        }

        return new ApiClient(uri, string.IsNullOrEmpty(token) ? null : token);
    }

    /// <summary>The API address from --api or $SAMPLES_API_URL; null when neither is given.</summary>
    public string? GivenApi(ParseResult result) => result.GetValue(Api) ?? Env("SAMPLES_API_URL");

    public string ConfigPath(ParseResult result) => CliConfig.PathOf(result.GetValue(Config));

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    public Printer Printer(ParseResult result) => new(result.InvocationConfiguration.Output, result.GetValue(Json), Language(result));

    /// <summary>--lang, else $SAMPLES_LANG, else Chinese; a --lang that did not parse counts as not given.</summary>
    public Lang Language(ParseResult result)
    {
        string? given = null;
        if (result.GetResult(Lang) is { } given_ && !given_.Errors.Any())
        {
            given = result.GetValue(Lang);
        }

        return Languages.Resolve(given);
    }
}
