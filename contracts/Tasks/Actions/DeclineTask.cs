namespace Samples.Contracts.Tasks;

/// <summary>Inspector in the team: declines with a reason (recusal, illness); the draw's walk supplies the replacement.</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.decline.v1")]
public sealed record DeclineTask([property: Id(0)] string Reason) : TaskAction
{
    public override string Name => "decline";
}
