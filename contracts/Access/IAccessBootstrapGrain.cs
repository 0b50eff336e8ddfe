namespace Samples.Contracts.Access;

/// <summary>
/// Creates the first admin credential exactly once per deployment. A single grain, so two silos
/// starting together cannot both create one.
/// </summary>
[Alias("samples.access.bootstrap")]
public interface IAccessBootstrapGrain : IGrainWithStringKey
{
    public const string Key = "bootstrap";

    /// <summary>
    /// On the first call ever, issues an admin credential and returns its token (the only time it is
    /// visible); afterwards returns null.
    /// </summary>
    [Alias("EnsureAdminAsync")]
    Task<IssuedCredential?> EnsureAdminAsync();
}

/// <summary>A newly issued credential; <see cref="Token"/> is shown once and never stored.</summary>
[GenerateSerializer, Immutable, Alias("samples.access.issued-credential.v1")]
public sealed record IssuedCredential(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Role,
    [property: Id(3)] string Token,
    [property: Id(4)] string? Subject = null);
