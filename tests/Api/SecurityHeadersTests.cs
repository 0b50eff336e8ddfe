using System.Net;
using System.Text;
using Samples.Silo.Api;
using Samples.Tests.Support;

namespace Samples.Tests.Api;

/// <summary>Every answer, page or API, success or error, carries the security headers.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SecurityHeadersTests(ApiFixture api)
{
    [Theory]
    [InlineData("GET", "/health", null, HttpStatusCode.OK)]
    [InlineData("GET", "/app/", null, HttpStatusCode.OK)]
    [InlineData("GET", "/app/sw.js", null, HttpStatusCode.OK)]
    [InlineData("GET", "/api/docs/index.html", null, HttpStatusCode.OK)]
    [InlineData("GET", "/api/docs/swagger-ui-bundle.js", null, HttpStatusCode.OK)]
    [InlineData("GET", "/openapi/v1.json", null, HttpStatusCode.OK)]
    [InlineData("GET", "/api/public/draws", null, HttpStatusCode.OK)]
    [InlineData("GET", "/", null, HttpStatusCode.Redirect)]
    [InlineData("GET", "/api/whoami", null, HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/api/whoami", "supervisor", HttpStatusCode.OK)]
    [InlineData("GET", "/api/credentials-nothing-here", "supervisor", HttpStatusCode.NotFound)]
    [InlineData("POST", "/api/credentials", "supervisor", HttpStatusCode.Forbidden)]
    [InlineData("POST", "/api/enterprises", "supervisor", HttpStatusCode.BadRequest)]
    public async Task Every_answer_carries_the_security_headers(string method, string path, string? who, HttpStatusCode status)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = api.Silo.Address };
        if (who is not null)
        {
            http.DefaultRequestHeaders.Authorization = new("Bearer", api.SupervisorToken);
        }

        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("{not json", Encoding.UTF8, "application/json");
        }

        var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(status);
        Header(response, "Content-Security-Policy").Should().Be(SecurityHeaders.ContentSecurityPolicy);
        Header(response, "X-Content-Type-Options").Should().Be("nosniff");
        Header(response, "X-Frame-Options").Should().Be("DENY");
        Header(response, "Referrer-Policy").Should().Be("no-referrer");
    }

    [Fact]
    public void The_policy_allows_nothing_from_elsewhere_and_no_inline_script_or_framing()
    {
        var directives = SecurityHeaders.ContentSecurityPolicy.Split(';', StringSplitOptions.TrimEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d.Split(' ')[1..]);

        directives["default-src"].Should().Equal("'self'");
        directives["script-src"].Should().Equal("'self'");
        directives["style-src"].Should().HaveCount(2).And.StartWith("'self'").And.Contain(s => s.StartsWith("'sha256-", StringComparison.Ordinal), "one inline style, by its hash");
        directives["frame-ancestors"].Should().Equal("'none'");
        directives["object-src"].Should().Equal("'none'");
        SecurityHeaders.ContentSecurityPolicy.Should().NotContain("unsafe-").And.NotContain("http");
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}
