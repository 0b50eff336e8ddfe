using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Samples.Client.Commands;
using Samples.Client.Http;
using Samples.Client.Output;
using Samples.Client.Language;

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
                throw new CliException(Errors.NoSuchFile(info.FullName), ExitCodes.Usage);
            }

            using var api = global.Client(result);
            var error = result.InvocationConfiguration.Error;
            var lang = global.Language(result);
            var path = $"/api/{directory}/import?dryRun={(result.GetValue(dryRun) ? "true" : "false")}&source={Uri.EscapeDataString(info.Name)}";
            var (ok, body) = await ProgressReport.RunAsync(error, $"{Messages.Uploading.In(lang)} {info.Name}", info.Length, ProgressReport.Megabytes(info.Length), async report =>
            {
                using var content = new StreamContent(new ProgressStream(info.OpenRead(), info.Length, report), 1 << 16);
                content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
                content.Headers.ContentLength = info.Length;
                return await api.PostContentAsync(path, content, cancellationToken);
            });
            var output = result.InvocationConfiguration.Output;
            if (result.GetValue(global.Json))
            {
                output.WriteLine(JsonSerializer.Serialize(body, ApiClient.Json));
            }
            else if (ok)
            {
                output.WriteLine(Summary(body).In(lang));
            }
            else
            {
                if (!body.TryGetProperty("problems", out var problems))
                {
                    error.WriteLine($"samples: {body.GetProperty("detail").GetString()}");
                }
                else
                {
                    error.WriteLine($"samples: {Errors.NotImported(problems.GetArrayLength()).Error(lang)}");
                    foreach (var problem in problems.EnumerateArray())
                    {
                        // The reason is the server's; the row and field are said in the run's language.
                        error.WriteLine(Messages.ImportProblem(problem.GetProperty("row").GetInt32(), problem.GetProperty("field").GetString()!, problem.GetProperty("reason").GetString()!).In(lang));
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

    private static Text Summary(JsonElement body)
    {
        var rows = body.GetProperty("rows").GetInt32();
        var dryRun = body.GetProperty("dryRun").GetBoolean();
        if (dryRun && !body.TryGetProperty("inserted", out _))
        {
            return Messages.RowsChecked(rows);
        }

        return body.TryGetProperty("inserted", out var inserted)
            ? Messages.RowsCounted(rows, inserted.GetInt64(), body.GetProperty("updated").GetInt64(), body.GetProperty("unchanged").GetInt64(), dryRun)
            : Messages.RowsChanged(rows, body.GetProperty("changed").GetInt32(), body.GetProperty("unchanged").GetInt32(), dryRun);
    }
}
