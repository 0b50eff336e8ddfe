namespace Samples.Contracts.Tasks;

/// <summary>
/// The enterprise, on its own failed product once rectification was ordered: the evidence of its rectification (files
/// uploaded first, named by SHA-256, of kind <c>rectification</c>) and what it did. A supervisor then records the step.
/// </summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.submit-rectification.v1")]
public sealed record SubmitRectification(
    [property: Id(0)] IReadOnlyList<PhotoRef> Files,
    [property: Id(1)] string Note) : TaskAction
{
    public const string ActionName = "submit-rectification";
    public override string Name => ActionName;
}
