using Samples.Contracts.Common;

namespace Samples.Contracts.Directory;

public enum EnterpriseChangeStatus
{
    Changed = 0,

    /// <summary>The request asked for what was already so: nothing changed.</summary>
    Unchanged = 1,

    NotRegistered = 2,
    Invalid = 3,
}

[GenerateSerializer, Immutable, Alias("samples.enterprises.change-result.v1")]
public sealed record EnterpriseChangeResult(
    [property: Id(0)] EnterpriseChangeStatus Status,
    [property: Id(1)] EnterpriseView? Enterprise,
    [property: Id(2)] IReadOnlyList<FieldProblem> Problems);
