using Samples.Contracts.Common;

namespace Samples.Contracts.Directory;

/// <summary>A product batch (产品批次), keyed by its batch id (e.g. the sampling record's batch reference).</summary>
[Alias("samples.batches.batch")]
public interface IProductBatchGrain : IGrainWithStringKey
{
    /// <summary>Records the batch; the same definition again changes nothing, a different one is refused (batches do not change).</summary>
    [Alias("DefineAsync")]
    Task<BatchResult> DefineAsync(DefineBatch command);

    [Alias("GetAsync")]
    Task<BatchView?> GetAsync();
}

/// <summary>Order 18's "same product": producer, standard, trademark, specification/model; compared trimmed and case-insensitively.</summary>
[GenerateSerializer, Immutable, Alias("samples.batches.same-product.v1")]
public sealed record SameProductKey(
    [property: Id(0)] string ProducerUscc,
    [property: Id(1)] string Standard,
    [property: Id(2)] string? Trademark,
    [property: Id(3)] string? SpecModel)
{
    /// <summary>One string for indexes and comparisons: fields trimmed, upper-cased, joined by '|'.</summary>
    public string Text => string.Join('|',
        ProducerUscc.Trim().ToUpperInvariant(),
        Standard.Trim().ToUpperInvariant(),
        (Trademark ?? string.Empty).Trim().ToUpperInvariant(),
        (SpecModel ?? string.Empty).Trim().ToUpperInvariant());
}

[GenerateSerializer, Immutable, Alias("samples.batches.view.v1")]
public sealed record BatchView(
    [property: Id(0)] DefineBatch Batch,
    [property: Id(1)] string SameProduct,
    [property: Id(2)] DateTimeOffset RecordedAt,
    [property: Id(3)] string RecordedBy);

[GenerateSerializer, Immutable, Alias("samples.batches.result.v1")]
public sealed record BatchResult(
    [property: Id(0)] bool Changed,
    [property: Id(1)] BatchView? Batch,
    [property: Id(2)] IReadOnlyList<FieldProblem> Problems);
