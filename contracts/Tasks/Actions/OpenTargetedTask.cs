namespace Samples.Contracts.Tasks;

/// <summary>
/// Supervisor: opens a targeted inspection (重点检查) of a named enterprise, with a reason of a fixed kind, its reference
/// and evidence, and a team of at least two inspectors the supervisor names (checked against the directory before this is
/// sent). The task then runs the same workflow as a drawn one, and is counted apart from the draws.
/// </summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.open-targeted.v1")]
public sealed record OpenTargetedTask(
    [property: Id(0)] string TaskId,
    [property: Id(1)] string PlanId,
    [property: Id(2)] string Uscc,
    [property: Id(3)] string Category,
    [property: Id(4)] string Region,
    [property: Id(5)] IReadOnlyList<string> Team,
    [property: Id(6)] string ReasonKind,
    [property: Id(7)] string Reference,
    [property: Id(8)] string Evidence,
    [property: Id(9)] IReadOnlyList<string>? EvidenceSha256 = null) : TaskAction
{
    public const string ActionName = "open-targeted";

    public override string Name => ActionName;
}
