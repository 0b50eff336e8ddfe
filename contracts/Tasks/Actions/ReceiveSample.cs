namespace Samples.Contracts.Tasks;

/// <summary>The lab the samples were handed to (or the re-test lab): receipt with the seal check.</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.receive.v1")]
public sealed record ReceiveSample(
    [property: Id(0)] bool SealsIntact,
    [property: Id(1)] IReadOnlyList<string> SealsSeen,
    [property: Id(2)] string? Note = null) : TaskAction
{
    public override string Name => "receive";
}
