namespace Samples.Contracts.Tasks;

/// <summary>System (the draw's completion of a short team): the inspector the pool's stream gave takes an empty seat.</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.complete-team.v1")]
public sealed record CompleteTeam([property: Id(0)] string Inspector) : TaskAction
{
    public override string Name => "complete-team";
}
