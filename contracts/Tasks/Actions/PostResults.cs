namespace Samples.Contracts.Tasks;

/// <summary>The task's lab: results item by item (several posts may complete the set; a posted item is not changed).</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.post-results.v1")]
public sealed record PostResults([property: Id(0)] IReadOnlyList<ItemResult> Items) : TaskAction
{
    public override string Name => "post-results";
}
