namespace Samples.Contracts.Tasks;

/// <summary>Supervisor: the result goes on the public list (一公开).</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.publish.v1")]
public sealed record PublishResult : TaskAction
{
    public override string Name => "publish";
}
