using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Samples.Contracts.Common;

namespace Samples.Silo.Api;

/// <summary>
/// A request the API could not read (malformed JSON, an unknown field, a value of the wrong type, a parameter that
/// does not parse) is the caller's mistake, not the server's: a 400 naming the field and what is wrong, and one
/// warning line in the log without a stack trace. Handled here, the exception handler middleware records no error.
/// </summary>
public sealed partial class BadRequestHandler(ILogger<BadRequestHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var problem = Describe(bad);
        var text = $"{problem.Field}: {problem.Message}";
        LogRefused(logger, httpContext.Request.Method, OneLine(httpContext.Request.Path), bad.StatusCode, OneLine(text));
        httpContext.Response.StatusCode = bad.StatusCode;
        var result = bad.StatusCode == StatusCodes.Status400BadRequest
            ? Problems.Validation("Nothing was changed.", problem)
            : Results.Problem(detail: text, statusCode: bad.StatusCode, title: "Bad request");
        await result.ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>The field (a JSON path without <c>$.</c>, a parameter name, or <c>body</c>) and what is wrong with it.</summary>
    public static FieldProblem Describe(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            var field = json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
            // The reader's own exception (also a JsonException) says what is malformed; its message has no path.
            if (json.InnerException is JsonException reader)
            {
                var at = json.LineNumber is { } line ? $" at line {line + 1}, byte {json.BytePositionInLine}" : string.Empty;
                return new FieldProblem("body", $"is not valid JSON{at}: {BeforeLocation(reader.Message)}");
            }

            // UnmappedMemberHandling.Disallow: the property has no member to go to.
            return json.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal)
                ? new FieldProblem(field, "unknown field")
                : new FieldProblem(field, "has a value of the wrong type or format");
        }

        if (BindFailure().Match(bad.Message) is { Success: true } failed)
        {
            var type = failed.Groups["type"].Value;
            type = type.StartsWith("Nullable<", StringComparison.Ordinal) && type.EndsWith('>') ? type[9..^1] : type.TrimEnd('?');
            return new FieldProblem(failed.Groups["name"].Value, $"'{failed.Groups["value"].Value}' is not a valid {type}");
        }

        return new FieldProblem("body", bad.Message);
    }

    private static string BeforeLocation(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut < 0 ? message : message[..cut]).TrimEnd();
    }

    /// <summary>Parts of the line come from the request: no control character may start a new line in the log.</summary>
    private static string OneLine(string text)
    {
        var line = new StringBuilder(Math.Min(text.Length, 300));
        foreach (var c in text.Length > 300 ? text[..300] : text)
        {
            line.Append(char.IsControl(c) ? ' ' : c);
        }

        return line.ToString();
    }

    [GeneratedRegex("""^Failed to bind parameter "(?<type>.+) (?<name>[^ "]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path} with {Status}: {Problem}")]
    private static partial void LogRefused(ILogger logger, string method, string path, int status, string problem);
}
