namespace Samples.Contracts.Access;

/// <summary>One API credential, keyed by its public key id. Only a salted hash of the secret is stored.</summary>
[Alias("samples.access.api-key")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>Creates the credential. Fails if the key id is already taken.</summary>
    [Alias("CreateAsync")]
    Task CreateAsync(ApiKeyDefinition definition);

    /// <summary>The principal when the secret matches this key and the key is not revoked; otherwise null.</summary>
    [Alias("AuthenticateAsync")]
    Task<ApiPrincipal?> AuthenticateAsync(string secret);

    [Alias("RevokeAsync")]
    Task<bool> RevokeAsync(string revokedBy);

    /// <summary>Whether a credential was ever issued under this key id (revoked ones included).</summary>
    [Alias("ExistsAsync")]
    Task<bool> ExistsAsync();
}

/// <summary>What is stored for a new credential: never the secret itself.</summary>
[GenerateSerializer, Immutable, Alias("samples.access.api-key-definition.v1")]
public sealed record ApiKeyDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] string Role,
    [property: Id(2)] byte[] Salt,
    [property: Id(3)] byte[] SecretHash,
    [property: Id(4)] string CreatedBy,
    [property: Id(5)] string? Subject = null);

/// <summary>
/// Who is calling: the credential's id, the person or system it was issued to, the role, and for an inspector or a lab
/// credential the directory entry it acts as (<see cref="Subject"/>: inspector number, lab id), so that an inspector
/// acts only on own tasks and a lab only on samples handed to it.
/// </summary>
[GenerateSerializer, Immutable, Alias("samples.access.api-principal.v1")]
public sealed record ApiPrincipal(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Role,
    [property: Id(3)] string? Subject = null);
