namespace Samples.Contracts.Tasks;

/// <summary>
/// Event: task changes from many grains, published as one message. The silo's publisher gathers what grains hand it
/// while the previous publish is under way (group commit), so the bus carries one message per gathering, not one per
/// change; each grain's publish completes when the message carrying its events is published.
/// </summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.changed-batch.v1")]
public sealed record SamplingTasksChanged([property: Id(0)] IReadOnlyList<SamplingTaskChanged> Events);
