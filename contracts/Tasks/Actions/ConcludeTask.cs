namespace Samples.Contracts.Tasks;

/// <summary>Supervisor: concludes once the objection window has closed without objection (or the re-test could not be done).</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.conclude.v1")]
public sealed record ConcludeTask : TaskAction
{
    public override string Name => "conclude";
}
