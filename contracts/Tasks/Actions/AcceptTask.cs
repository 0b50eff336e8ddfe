namespace Samples.Contracts.Tasks;

/// <summary>Inspector in the team: accepts the task.</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.accept.v1")]
public sealed record AcceptTask : TaskAction
{
    public override string Name => "accept";
}
