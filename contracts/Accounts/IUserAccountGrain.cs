namespace Samples.Contracts.Accounts;

/// <summary>
/// A person's account, keyed by the user name (lower case). Only a password hash is stored (hashed by the silo with
/// ASP.NET Core Identity's hasher); sessions are stored as the SHA-256 of their secret, so a database reader cannot
/// take one over.
/// </summary>
[Alias("samples.accounts.user")]
public interface IUserAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account (its first password must be changed at the first login); false when the name is taken.</summary>
    [Alias("CreateAsync")]
    Task<bool> CreateAsync(CreateAccount account);

    [Alias("GetAsync")]
    Task<AccountView?> GetAsync();

    /// <summary>The stored hash and whether a login may be tried now (null for no such account).</summary>
    [Alias("GetLoginAsync")]
    Task<LoginRecord?> GetLoginAsync();

    /// <summary>Records a failed login (locking the account after too many), or opens a session for a verified one.</summary>
    [Alias("RecordLoginAsync")]
    Task<LoginOutcome> RecordLoginAsync(bool verified, string? sessionHash, string? csrfToken);

    /// <summary>The session's principal when the session is open, else null; keeps it alive.</summary>
    [Alias("SessionAsync")]
    Task<SessionPrincipal?> SessionAsync(string sessionHash);

    [Alias("EndSessionAsync")]
    Task EndSessionAsync(string sessionHash);

    /// <summary>Ends every session of the account ("log out everywhere").</summary>
    [Alias("EndAllSessionsAsync")]
    Task<int> EndAllSessionsAsync();

    /// <summary>Stores a new password hash; other sessions end, the first-password requirement is met.</summary>
    [Alias("ChangePasswordAsync")]
    Task ChangePasswordAsync(string passwordHash, string keepSessionHash);
}

/// <summary>Every account name, for the admin's list; key <see cref="Key"/>.</summary>
[Alias("samples.accounts.registry")]
public interface IAccountRegistryGrain : IGrainWithStringKey
{
    public const string Key = "all";

    [Alias("AddAsync")]
    Task AddAsync(AccountView account);

    [Alias("ListAsync")]
    Task<IReadOnlyList<AccountView>> ListAsync();
}

[GenerateSerializer, Immutable, Alias("samples.accounts.create.v1")]
public sealed record CreateAccount(
    [property: Id(0)] string Name,
    [property: Id(1)] string Role,
    [property: Id(2)] string? Subject,
    [property: Id(3)] string PasswordHash,
    [property: Id(4)] string CreatedBy);

[GenerateSerializer, Immutable, Alias("samples.accounts.view.v1")]
public sealed record AccountView(
    [property: Id(0)] string UserName,
    [property: Id(1)] string Name,
    [property: Id(2)] string Role,
    [property: Id(3)] string? Subject,
    [property: Id(4)] bool MustChangePassword,
    [property: Id(5)] DateTimeOffset? LockedUntil,
    [property: Id(6)] int OpenSessions,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] string CreatedBy);

[GenerateSerializer, Immutable, Alias("samples.accounts.login-record.v1")]
public sealed record LoginRecord(
    [property: Id(0)] string PasswordHash,
    [property: Id(1)] DateTimeOffset? LockedUntil);

[GenerateSerializer, Immutable, Alias("samples.accounts.login-outcome.v1")]
public sealed record LoginOutcome(
    [property: Id(0)] SessionPrincipal? Session,
    [property: Id(1)] DateTimeOffset? LockedUntil,
    [property: Id(2)] int FailuresLeft);

/// <summary>Who a session acts as, with its CSRF token (sent back in a header on every change).</summary>
[GenerateSerializer, Immutable, Alias("samples.accounts.session.v1")]
public sealed record SessionPrincipal(
    [property: Id(0)] string UserName,
    [property: Id(1)] string Name,
    [property: Id(2)] string Role,
    [property: Id(3)] string? Subject,
    [property: Id(4)] bool MustChangePassword,
    [property: Id(5)] string CsrfToken);
