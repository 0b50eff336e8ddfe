using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Samples.Contracts.Access;
using Samples.Silo.Api;
using Samples.Tests.Support;

namespace Samples.Tests.Api;

/// <summary>
/// Deny by default: every endpoint of the running silo either states who may call it or is explicitly anonymous,
/// and an endpoint that states nothing needs a credential (the fallback policy), so a forgotten rule closes, not opens.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DenyByDefaultTests(ApiFixture api)
{
    /// <summary>The only endpoints that answer without a credential; adding one is a decision this list records.</summary>
    private static readonly string[] Anonymous =
    [
        "GET /",
        "GET /public",
        "GET /health",
        "GET /openapi/{documentName}.json",
        "GET /api/results",
        "GET /api/results/{taskId}/history",
        "GET /api/bulletins/",
        "GET /api/bulletins/{id}",
        "GET /api/bulletins/{id}/pdf",
        "GET /api/bulletins/{id}/csv",
        "GET /api/verify/{code}",
        "GET /api/verify/{code}/pdf",
        "GET /api/verify/files/{sha256}",
        "GET /verify/{code}",
        "GET /api/public/draws/",
        "GET /api/public/draws/{drawId}/bundle",
        "GET /api/public/draws/{drawId}/frames/{file}",
        "GET /api/public/risk/runs/{month}",
        "GET /api/public/risk/draws/{drawId}",
        "GET /api/public/audit/head",
        "GET /api/public/audit/heads",
        "POST /api/session",
    ];

    [Fact]
    public void Every_endpoint_states_who_may_call_it_or_is_explicitly_anonymous()
    {
        var endpoints = api.Silo.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        endpoints.Should().HaveCountGreaterThan(60, "the whole API is enumerated, not a part of it");
        var unruled = endpoints.Where(e => !IsAnonymous(e) && !HasRule(e)).Select(Name).ToList();
        unruled.Should().BeEmpty("an endpoint must say which roles may call it (RequireAuthorization(Roles.…)) or AllowAnonymous");
        endpoints.Where(IsAnonymous).Select(Name).Should().BeEquivalentTo(Anonymous, "only these endpoints are public");
        endpoints.Where(e => IsAnonymous(e) && HasRule(e)).Select(Name).Should().BeEmpty("an endpoint is either public or has roles, not both");
    }

    [Fact]
    public async Task An_endpoint_without_a_rule_needs_a_credential()
    {
        var silo = await RunningSilo.StartAsync(
            RunningSilo.NewServiceId("deny-default"),
            endpoints: app => app.MapGet("/api/test/unruled", () => "reached"));
        await using var _ = silo;
        using var admin = silo.Http(silo.AdminToken());
        var issued = await admin.PostAsJsonAsync("/api/credentials", new { name = "见证人", role = Role.Witness });
        issued.EnsureSuccessStatusCode();
        var witness = (await issued.Content.ReadFromJsonAsync<IssuedCredential>())!.Token;
        using var anonymous = silo.Http();
        using var wrong = silo.Http("smp_abcdefghijkm.wrongsecret");
        using var withCredential = silo.Http(witness);

        var refused = await anonymous.GetAsync("/api/test/unruled");
        var forged = await wrong.GetAsync("/api/test/unruled");
        var allowed = await withCredential.GetAsync("/api/test/unruled");

        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain("This call needs a credential");
        forged.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        allowed.StatusCode.Should().Be(HttpStatusCode.OK, "any valid credential passes the fallback policy");
        (await allowed.Content.ReadAsStringAsync()).Should().Be("reached");
    }

    [Theory]
    [InlineData("/health", HttpStatusCode.OK)]
    [InlineData("/api/public/draws", HttpStatusCode.OK)]
    [InlineData("/api/results", HttpStatusCode.OK)]
    [InlineData("/api/public/audit/heads", HttpStatusCode.OK)]
    [InlineData("/openapi/v1.json", HttpStatusCode.OK)]
    [InlineData("/app/", HttpStatusCode.OK)]
    [InlineData("/app/sw.js", HttpStatusCode.OK)]
    [InlineData("/app/manifest.webmanifest", HttpStatusCode.OK)]
    [InlineData("/api/docs/index.html", HttpStatusCode.OK)]
    [InlineData("/api/docs/swagger-ui-bundle.js", HttpStatusCode.OK)]
    [InlineData("/api/docs/swagger-ui.css", HttpStatusCode.OK)]
    [InlineData("/api/docs", HttpStatusCode.MovedPermanently)]
    [InlineData("/", HttpStatusCode.Redirect)]
    [InlineData("/public", HttpStatusCode.Redirect)]
    public async Task The_public_pages_and_calls_need_no_credential(string path, HttpStatusCode status)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = api.Silo.Address };

        var response = await http.GetAsync(path);

        response.StatusCode.Should().Be(status, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_path_that_matches_nothing_is_401_without_a_credential_and_404_with_one()
    {
        using var anonymous = api.Silo.Http();
        using var supervisor = api.Silo.Http(api.SupervisorToken);

        (await anonymous.GetAsync("/api/no-such-thing")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "nothing tells a caller without a credential what exists");
        (await supervisor.GetAsync("/api/no-such-thing")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static bool IsAnonymous(Endpoint endpoint) => endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;

    private static bool HasRule(Endpoint endpoint) =>
        endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Roles) || !string.IsNullOrEmpty(a.Policy))
        || endpoint.Metadata.GetMetadata<AuthorizationPolicy>() is not null;

    private static string Name(RouteEndpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"];
        return $"{string.Join(",", methods)} {endpoint.RoutePattern.RawText}";
    }
}
