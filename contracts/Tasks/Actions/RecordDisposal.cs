namespace Samples.Contracts.Tasks;

/// <summary>
/// Supervisor: a step of a failed product's disposal (Order 18 Arts 45-49): <c>rectification-ordered</c>,
/// <c>rectified</c>, <c>reinspected</c> (with <see cref="Passed"/>), <c>provincial-notice</c>,
/// <c>second-reinspection</c> (with <see cref="Passed"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.record-disposal.v1")]
public sealed record RecordDisposal(
    [property: Id(0)] string Step,
    [property: Id(1)] DateOnly On,
    [property: Id(2)] bool? Passed = null,
    [property: Id(3)] string? Note = null) : TaskAction
{
    public override string Name => "record-disposal";

    public static readonly IReadOnlyList<string> Steps = ["rectification-ordered", "rectified", "reinspected", "provincial-notice", "second-reinspection", "producer-regulator-notified"];
}
