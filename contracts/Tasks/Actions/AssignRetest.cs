namespace Samples.Contracts.Tasks;

/// <summary>
/// Supervisor: the re-test lab. Where the regime draws it at random, <see cref="LabId"/> is left out and the lab is drawn
/// from the re-test list with the draw library (seed and candidates recorded); otherwise it is named.
/// </summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.assign-retest.v1")]
public sealed record AssignRetest([property: Id(0)] string? LabId) : TaskAction
{
    public override string Name => "assign-retest";
}
