namespace Samples.Contracts.Common;

/// <summary>One thing wrong with a request: which field, and why. Every capability answers bad input with these.</summary>
[GenerateSerializer, Immutable, Alias("samples.field-problem.v1")]
public sealed record FieldProblem(
    [property: Id(0)] string Field,
    [property: Id(1)] string Message);
