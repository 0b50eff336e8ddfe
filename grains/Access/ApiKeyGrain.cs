using Samples.Contracts.Access;
using Samples.Domain.Access;

namespace Samples.Grains.Access;

[GrainType("api-key")]
public sealed class ApiKeyGrain(
    [PersistentState("api-key", StorageNames.Default)] IPersistentState<ApiKeyState> state,
    TimeProvider clock) : Grain, IApiKeyGrain
{
    public async Task CreateAsync(ApiKeyDefinition definition)
    {
        if (state.State.Exists)
        {
            throw new InvalidOperationException($"API key '{this.GetPrimaryKeyString()}' already exists.");
        }

        if (!Role.IsKnown(definition.Role))
        {
            throw new ArgumentException($"Unknown role '{definition.Role}'.", nameof(definition));
        }

        state.State = new ApiKeyState
        {
            Exists = true,
            Name = definition.Name,
            Role = definition.Role,
            Subject = definition.Subject,
            Salt = definition.Salt,
            SecretHash = definition.SecretHash,
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = definition.CreatedBy,
        };
        await state.WriteOrReloadAsync(this);
    }

    public Task<ApiPrincipal?> AuthenticateAsync(string secret)
    {
        var key = state.State;
        var ok = key.Exists && key.RevokedAt is null && ApiTokens.Matches(key.Salt, key.SecretHash, secret);
        return Task.FromResult(ok ? new ApiPrincipal(this.GetPrimaryKeyString(), key.Name, key.Role, key.Subject) : null);
    }

    public Task<bool> ExistsAsync()
    {
        if (!state.State.Exists)
        {
            // A guessed key id: give the activation's memory back at once.
            this.DeactivateOnIdle();
        }

        return Task.FromResult(state.State.Exists);
    }

    /// <summary>Revokes the key; false when there is no such key. Revoking twice is harmless.</summary>
    public async Task<bool> RevokeAsync(string revokedBy)
    {
        if (!state.State.Exists)
        {
            return false;
        }

        if (state.State.RevokedAt is not null)
        {
            return true;
        }

        state.State.RevokedAt = clock.GetUtcNow();
        state.State.RevokedBy = revokedBy;
        await state.WriteOrReloadAsync(this);
        return true;
    }
}
