namespace Samples.Contracts.Tasks;

/// <summary>Inspector in the team: the samples are handed to the lab (custody passes).</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.hand-over.v1")]
public sealed record HandOver([property: Id(0)] string LabId) : TaskAction
{
    public override string Name => "hand-over";
}
