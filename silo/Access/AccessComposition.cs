using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Samples.Silo.Access;

public static class AccessComposition
{
    /// <summary>API-key authentication, role-based authorisation, and the first-start admin credential.</summary>
    public static IHostApplicationBuilder AddSamplesAccess(this IHostApplicationBuilder builder)
    {
        builder.Services
            .AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        // Deny by default: an endpoint that states no rule of its own needs a valid credential, so a new endpoint
        // someone forgets to mark is closed, not open. Anonymous endpoints say so (AllowAnonymous).
        builder.Services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .Build());
        builder.Services.AddSingleton<UnknownKeyIds>();
        builder.Services.TryAddSingleton(new BootstrapOutput(Console.Out));
        builder.Services.AddHostedService<AdminBootstrapService>();
        return builder;
    }
}
