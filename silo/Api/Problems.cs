using Samples.Contracts.Common;

namespace Samples.Silo.Api;

/// <summary>Error answers as RFC 9457 problem bodies; validation problems list every field with its reason.</summary>
public static class Problems
{
    public static IResult Validation(string title, params FieldProblem[] problems) =>
        Results.ValidationProblem(
            problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
            detail: string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}")),
            title: title);

    public static IResult NotFound(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static IResult Conflict(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
}
