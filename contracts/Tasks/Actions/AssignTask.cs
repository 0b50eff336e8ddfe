namespace Samples.Contracts.Tasks;

/// <summary>System (the draw): creates the task with the drawn team. Repeating it with the same facts changes nothing.</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.assign.v1")]
public sealed record AssignTask(
    [property: Id(0)] string DrawId,
    [property: Id(1)] string PlanId,
    [property: Id(2)] string Uscc,
    [property: Id(3)] string Category,
    [property: Id(4)] string Region,
    [property: Id(5)] IReadOnlyList<string> Team,
    [property: Id(6)] string? Replaces = null) : TaskAction
{
    public override string Name => "assign";
}
