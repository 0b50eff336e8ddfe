
namespace Samples.Contracts.Directory;

/// <summary>
/// A batch of a product at an enterprise. <see cref="SameProduct"/> is the identity of Order 18's 6-month
/// rule: the same producer, standard, trademark and specification/model is the same product.
/// </summary>
[GenerateSerializer, Immutable, Alias("samples.batches.define.v1")]
public sealed record DefineBatch(
    [property: Id(0)] string BatchId,
    [property: Id(1)] string EnterpriseUscc,
    [property: Id(2)] string ProducerUscc,
    [property: Id(3)] string Category,
    [property: Id(4)] string ProductName,
    [property: Id(5)] string? Trademark,
    [property: Id(6)] string? SpecModel,
    [property: Id(7)] string Standard,
    [property: Id(8)] string BatchNumber,
    [property: Id(9)] DateOnly? ProductionDate,
    [property: Id(10)] string RequestedBy)
{
    public SameProductKey SameProduct => new(ProducerUscc, Standard, Trademark, SpecModel);
}
