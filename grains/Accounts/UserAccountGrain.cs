using Samples.Contracts.Accounts;
using Samples.Domain.Accounts;

namespace Samples.Grains.Accounts;

public sealed class UserSession
{
    public string Hash { get; set; } = "";
    public string Csrf { get; set; } = "";
    public DateTimeOffset Opened { get; set; }
    public DateTimeOffset LastSeen { get; set; }
}

public sealed class UserAccountState
{
    public bool Exists { get; set; }
    public string Name { get; set; } = "";
    public string Role { get; set; } = "";
    public string? Subject { get; set; }
    public string PasswordHash { get; set; } = "";
    public bool MustChangePassword { get; set; }
    public int Failures { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public List<UserSession> Sessions { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
}

[GrainType("user-account")]
public sealed class UserAccountGrain(
    [PersistentState("user-account", StorageNames.Default)] IPersistentState<UserAccountState> state,
    TimeProvider clock) : Grain, IUserAccountGrain
{
    /// <summary>Sessions kept at most: the oldest is ended when a new one would go beyond.</summary>
    private const int MaxSessions = 20;

    public async Task<bool> CreateAsync(CreateAccount account)
    {
        if (state.State.Exists)
        {
            return false;
        }

        state.State = new UserAccountState
        {
            Exists = true, Name = account.Name.Trim(), Role = account.Role, Subject = account.Subject?.Trim(), PasswordHash = account.PasswordHash,
            MustChangePassword = true, CreatedAt = clock.GetUtcNow(), CreatedBy = account.CreatedBy,
        };
        await state.WriteOrReloadAsync(this);
        await GrainFactory.GetGrain<IAccountRegistryGrain>(IAccountRegistryGrain.Key).AddAsync(View());
        return true;
    }

    public Task<AccountView?> GetAsync() => Task.FromResult(state.State.Exists ? View() : null);

    public Task<LoginRecord?> GetLoginAsync() =>
        Task.FromResult(state.State.Exists ? new LoginRecord(state.State.PasswordHash, Locked(clock.GetUtcNow())) : null);

    public async Task<LoginOutcome> RecordLoginAsync(bool verified, string? sessionHash, string? csrfToken)
    {
        var s = state.State;
        var now = clock.GetUtcNow();
        if (!s.Exists)
        {
            return new(null, null, 0);
        }

        if (Locked(now) is { } locked)
        {
            return new(null, locked, 0);
        }

        if (!verified || sessionHash is null || csrfToken is null)
        {
            s.Failures++;
            s.LockedUntil = AccountRules.LockedUntil(s.Failures, now);
            if (s.LockedUntil is not null)
            {
                s.Failures = 0;
            }

            await state.WriteOrReloadAsync(this);
            return new(null, s.LockedUntil, s.LockedUntil is null ? AccountRules.FailuresBeforeLockout - s.Failures : 0);
        }

        s.Failures = 0;
        s.Sessions.RemoveAll(x => !AccountRules.SessionOpen(x.Opened, x.LastSeen, now));
        if (s.Sessions.Count >= MaxSessions)
        {
            s.Sessions.RemoveAt(0);
        }

        s.Sessions.Add(new UserSession { Hash = sessionHash, Csrf = csrfToken, Opened = now, LastSeen = now });
        await state.WriteOrReloadAsync(this);
        return new(Principal(csrfToken), null, AccountRules.FailuresBeforeLockout);
    }

    public async Task<SessionPrincipal?> SessionAsync(string sessionHash)
    {
        var now = clock.GetUtcNow();
        var session = state.State.Sessions.FirstOrDefault(x => x.Hash == sessionHash);
        if (session is null || !AccountRules.SessionOpen(session.Opened, session.LastSeen, now))
        {
            return null;
        }

        // Written at most once a minute: a session's idle time need not be exact to the second.
        if (now - session.LastSeen > TimeSpan.FromMinutes(1))
        {
            session.LastSeen = now;
            await state.WriteOrReloadAsync(this);
        }

        return Principal(session.Csrf);
    }

    public async Task EndSessionAsync(string sessionHash)
    {
        if (state.State.Sessions.RemoveAll(x => x.Hash == sessionHash) > 0)
        {
            await state.WriteOrReloadAsync(this);
        }
    }

    public async Task<int> EndAllSessionsAsync()
    {
        var ended = state.State.Sessions.Count;
        state.State.Sessions.Clear();
        await state.WriteOrReloadAsync(this);
        return ended;
    }

    public async Task ChangePasswordAsync(string passwordHash, string keepSessionHash)
    {
        state.State.PasswordHash = passwordHash;
        state.State.MustChangePassword = false;
        state.State.Sessions.RemoveAll(x => x.Hash != keepSessionHash);
        await state.WriteOrReloadAsync(this);
    }

    private DateTimeOffset? Locked(DateTimeOffset now) => state.State.LockedUntil is { } until && until > now ? until : null;

    private SessionPrincipal Principal(string csrf) =>
        new(this.GetPrimaryKeyString(), state.State.Name, state.State.Role, state.State.Subject, state.State.MustChangePassword, csrf);

    private AccountView View() => new(
        this.GetPrimaryKeyString(), state.State.Name, state.State.Role, state.State.Subject, state.State.MustChangePassword,
        Locked(clock.GetUtcNow()), state.State.Sessions.Count, state.State.CreatedAt, state.State.CreatedBy);
}

public sealed class AccountRegistryState
{
    public Dictionary<string, AccountView> Accounts { get; set; } = [];
}

[GrainType("account-registry")]
public sealed class AccountRegistryGrain(
    [PersistentState("account-registry", StorageNames.Default)] IPersistentState<AccountRegistryState> state) : Grain, IAccountRegistryGrain
{
    public async Task AddAsync(AccountView account)
    {
        state.State.Accounts[account.UserName] = account;
        await state.WriteOrReloadAsync(this);
    }

    public Task<IReadOnlyList<AccountView>> ListAsync() =>
        Task.FromResult<IReadOnlyList<AccountView>>([.. state.State.Accounts.Values.OrderBy(a => a.UserName, StringComparer.Ordinal)]);
}
