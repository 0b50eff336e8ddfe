namespace Samples.Contracts.Tasks;

/// <summary>Inspector in the team: what was sampled, sealed and signed.</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.record-sampling.v1")]
public sealed record RecordSampling(
    [property: Id(0)] string BatchId,
    [property: Id(1)] decimal TestQuantity,
    [property: Id(2)] decimal ReserveQuantity,
    [property: Id(3)] string Unit,
    [property: Id(4)] IReadOnlyList<string> Seals,
    [property: Id(5)] bool SignedByEnterprise,
    [property: Id(6)] string? RefusedToSignNote,
    [property: Id(7)] DateOnly SampledOn,
    [property: Id(8)] IReadOnlyDictionary<string, string>? Variants = null,
    [property: Id(9)] IReadOnlyDictionary<string, decimal>? Properties = null,
    [property: Id(10)] IReadOnlyList<PhotoRef>? Photos = null) : TaskAction
{
    public const string ActionName = "record-sampling";

    public override string Name => ActionName;
}
