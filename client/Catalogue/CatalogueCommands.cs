using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Samples.Client.Commands;
using Samples.Client.Http;
using Samples.Client.Output;
using Samples.Client.Language;

namespace Samples.Client.Catalogue;

/// <summary><c>samples catalogue versions|get|upload</c>: the product catalogue and its limits.</summary>
public static class CatalogueCommands
{
    public static Command Create(GlobalOptions global)
    {
        var command = new Command("catalogue", "The product catalogue and inspection items (随机抽查事项清单)");

        var versions = new Command("versions", "List catalogue versions (shipped and uploaded)");
        versions.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var list = await api.GetAsync<JsonElement>("/api/catalogue/versions", cancellationToken);
            global.Printer(result).Table(list, [Labels.Version, Labels.Effective, Labels.Categories, Labels.Origin, Labels.UploadedBy],
                list.EnumerateArray().Select(v => new[]
                {
                    v.GetProperty("version").GetInt32().ToString(CultureInfo.InvariantCulture), v.GetProperty("effectiveDate").GetString() ?? "-",
                    v.GetProperty("categories").GetInt32().ToString(CultureInfo.InvariantCulture), v.GetProperty("origin").GetString() ?? "-",
                    v.GetProperty("uploadedBy").GetString() ?? "-",
                }));
            return 0;
        });

        var version = new Option<int?>("--version") { Description = "A version number (default: the one in force)" };
        var get = new Command("get", "Print a catalogue version as JSON (the format upload reads)") { version };
        get.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var wanted = result.GetValue(version);
            var json = await api.GetAsync<JsonElement>(wanted is null ? "/api/catalogue" : $"/api/catalogue?version={wanted}", cancellationToken);
            result.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(json, ApiClient.Json));
            return 0;
        });

        var file = new Argument<FileInfo>("file") { Description = "A catalogue document (see domain/Catalogue/README.md); its version must be above every known one" };
        var upload = new Command("upload", "Put a new catalogue version in force (admin), without a release") { file };
        upload.SetAction(async (result, cancellationToken) =>
        {
            var info = result.GetValue(file)!;
            if (!info.Exists)
            {
                throw new CliException(Errors.NoSuchFile(info.FullName), ExitCodes.Usage);
            }

            using var api = global.Client(result);
            using var content = new StreamContent(info.OpenRead());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var (ok, body) = await api.PostContentAsync("/api/catalogue", content, cancellationToken);
            if (!ok)
            {
                result.InvocationConfiguration.Error.WriteLine($"samples: {Errors.CatalogueNotStored.Error(global.Language(result))}");
                foreach (var problem in body.GetProperty("errors").EnumerateObject().SelectMany(p => p.Value.EnumerateArray()))
                {
                    result.InvocationConfiguration.Error.WriteLine($"  {problem.GetString()}");
                }

                return ExitCodes.Refused;
            }

            result.InvocationConfiguration.Output.WriteLine(Messages.CatalogueInForce(body.GetProperty("version").GetInt32()).In(global.Language(result)));
            return 0;
        });

        command.Subcommands.Add(versions);
        command.Subcommands.Add(get);
        command.Subcommands.Add(upload);
        return command;
    }
}
