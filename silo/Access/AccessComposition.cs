using Microsoft.AspNetCore.Authentication;
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
        builder.Services.AddAuthorization();
        builder.Services.TryAddSingleton(new BootstrapOutput(Console.Out));
        builder.Services.AddHostedService<AdminBootstrapService>();
        return builder;
    }
}
