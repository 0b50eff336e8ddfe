using Samples.Contracts.Access;
using Samples.Domain.Access;

namespace Samples.Grains.Access;

[GrainType("access-bootstrap")]
public sealed class AccessBootstrapGrain(
    [PersistentState("access-bootstrap", StorageNames.Default)] IPersistentState<AccessBootstrapState> state,
    TimeProvider clock) : Grain, IAccessBootstrapGrain
{
    public const string AdminName = "bootstrap-admin";

    public async Task<IssuedCredential?> EnsureAdminAsync()
    {
        if (state.State.AdminKeyId is not null)
        {
            return null;
        }

        // The key is stored before the bootstrap is marked done: a crash in between leaves an unused
        // key nobody knows, and the next start issues a fresh one, rather than marking done a key that never existed.
        var token = ApiTokens.Create();
        await GrainFactory.GetGrain<IApiKeyGrain>(token.KeyId)
            .CreateAsync(new ApiKeyDefinition(AdminName, Role.Admin, token.Salt, token.SecretHash, "system"));

        state.State.AdminKeyId = token.KeyId;
        state.State.IssuedAt = clock.GetUtcNow();
        await state.WriteOrReloadAsync(this);
        return new IssuedCredential(token.KeyId, AdminName, Role.Admin, token.Token);
    }
}
