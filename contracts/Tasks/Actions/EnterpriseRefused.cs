namespace Samples.Contracts.Tasks;

/// <summary>Inspector in the team: the enterprise refused a lawful sampling; the legal consequence is recorded.</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.enterprise-refused.v1")]
public sealed record EnterpriseRefused([property: Id(0)] string Reason) : TaskAction
{
    public override string Name => "enterprise-refused";
}
