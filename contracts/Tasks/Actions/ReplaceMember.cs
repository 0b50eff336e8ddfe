namespace Samples.Contracts.Tasks;

/// <summary>System (the draw's supplement): the member who declined is replaced; no replacer means the pool is exhausted.</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.replace-member.v1")]
public sealed record ReplaceMember([property: Id(0)] string Withdrawn, [property: Id(1)] string? Replacer) : TaskAction
{
    public override string Name => "replace-member";
}
