namespace Samples.Contracts.Tasks;

/// <summary>Supervisor: the enterprise objected in time to these items.</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.file-objection.v1")]
public sealed record FileObjection(
    [property: Id(0)] DateOnly FiledOn,
    [property: Id(1)] IReadOnlyList<string> Items,
    [property: Id(2)] string Reason) : TaskAction
{
    public override string Name => "file-objection";
}
