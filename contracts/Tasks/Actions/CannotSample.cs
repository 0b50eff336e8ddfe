namespace Samples.Contracts.Tasks;

/// <summary>Inspector in the team: the target cannot be sampled (no such product, not for sale, lot too small); the stratum's next alternate is used.</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.cannot-sample.v1")]
public sealed record CannotSample([property: Id(0)] string Reason) : TaskAction
{
    public override string Name => "cannot-sample";
}
