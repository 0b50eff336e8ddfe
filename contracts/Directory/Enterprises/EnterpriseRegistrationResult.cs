using Samples.Contracts.Common;

namespace Samples.Contracts.Directory;

public enum EnterpriseRegistrationStatus
{
    /// <summary>Newly registered.</summary>
    Registered = 0,

    /// <summary>Already registered with the same data: nothing changed.</summary>
    AlreadyRegistered = 1,

    /// <summary>Already registered with different data: nothing changed.</summary>
    Conflict = 2,

    /// <summary>The request was invalid: nothing changed; see the problems.</summary>
    Invalid = 3,
}

[GenerateSerializer, Immutable, Alias("samples.enterprises.registration-result.v1")]
public sealed record EnterpriseRegistrationResult(
    [property: Id(0)] EnterpriseRegistrationStatus Status,
    [property: Id(1)] EnterpriseView? Enterprise,
    [property: Id(2)] IReadOnlyList<FieldProblem> Problems);
