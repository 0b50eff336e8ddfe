using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Samples.Client.Commands;
using Samples.Client.Http;
using Samples.Client.Output;

namespace Samples.Client.Directory;

/// <summary><c>samples enterprise|inspector|lab|batch import FILE</c> and <c>… export</c> (admin).</summary>
public static class ImportCommands
{
    /// <param name="directory">The API's name of the directory: enterprises, inspectors, labs or batches.</param>
    public static Command Import(GlobalOptions global, string directory, string header)
    {
        var file = new Argument<FileInfo>("file") { Description = $"CSV file, UTF-8, header: {header}" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every row (and count what would change), without applying anything" };
        var command = new Command("import", $"Import {directory} from CSV: all rows or none; the same file again changes nothing (admin)") { file, dryRun };
        command.SetAction(async (result, cancellationToken) =>
        {
            var info = result.GetValue(file)!;
            if (!info.Exists)
            {
                throw new CliException($"{info.FullName}: no such file", ExitCodes.Usage);
            }

            using var api = global.Client(result);
            var error = result.InvocationConfiguration.Error;
            var progress = new ProgressStream(info.OpenRead(), info.Length, "Uploading", error, !Console.IsErrorRedirected);
            using var content = new StreamContent(progress, 1 << 16);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
            content.Headers.ContentLength = info.Length;
            var path = $"/api/{directory}/import?dryRun={(result.GetValue(dryRun) ? "true" : "false")}&source={Uri.EscapeDataString(info.Name)}";
            var (ok, body) = await api.PostContentAsync(path, content, cancellationToken);
            var output = result.InvocationConfiguration.Output;
            if (result.GetValue(global.Json))
            {
                output.WriteLine(JsonSerializer.Serialize(body, ApiClient.Json));
            }
            else if (ok)
            {
                output.WriteLine(Summary(body));
            }
            else
            {
                if (!body.TryGetProperty("problems", out var problems))
                {
                    error.WriteLine($"samples: {body.GetProperty("detail").GetString()}");
                }
                else
                {
                    error.WriteLine($"samples: the file was not imported, nothing was applied; {problems.GetArrayLength()} problem(s):");
                    foreach (var problem in problems.EnumerateArray())
                    {
                        error.WriteLine($"  row {problem.GetProperty("row").GetInt32()}, {problem.GetProperty("field").GetString()}: {problem.GetProperty("reason").GetString()}");
                    }
                }
            }

            return ok ? ExitCodes.Ok : ExitCodes.Refused;
        });
        return command;
    }

    public static Command Export(GlobalOptions global, string directory)
    {
        var output = new Option<FileInfo?>("--out") { Description = "Write to this file instead of standard output" };
        var command = new Command("export", $"Export the {directory} as CSV, in the format import reads (admin)") { output };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            using var response = await api.GetStreamAsync($"/api/{directory}/export", cancellationToken);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            if (result.GetValue(output) is { } file)
            {
                // Written beside the target and renamed when complete: a broken download leaves no half file.
                var part = file.FullName + ".part";
                await using (var target = File.Create(part))
                {
                    await body.CopyToAsync(target, cancellationToken);
                }

                File.Move(part, file.FullName, overwrite: true);
            }
            else
            {
                using var reader = new StreamReader(body);
                await result.InvocationConfiguration.Output.WriteAsync(await reader.ReadToEndAsync(cancellationToken));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Summary(JsonElement body)
    {
        var rows = body.GetProperty("rows").GetInt32();
        if (body.GetProperty("dryRun").GetBoolean() && !body.TryGetProperty("inserted", out _))
        {
            return $"{rows} rows checked: no problems (nothing applied)";
        }

        var verb = body.GetProperty("dryRun").GetBoolean() ? "would be" : "were";
        return body.TryGetProperty("inserted", out var inserted)
            ? string.Create(CultureInfo.InvariantCulture, $"{rows} rows: {inserted.GetInt64()} new, {body.GetProperty("updated").GetInt64()} changed, {body.GetProperty("unchanged").GetInt64()} unchanged ({verb} applied)")
            : string.Create(CultureInfo.InvariantCulture, $"{rows} rows: {body.GetProperty("changed").GetInt32()} new or changed, {body.GetProperty("unchanged").GetInt32()} unchanged ({verb} applied)");
    }
}
