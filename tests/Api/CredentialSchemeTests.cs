using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Samples.Tests.Support;

namespace Samples.Tests.Api;

/// <summary>Only <c>Authorization: Bearer</c> and the <c>X-Api-Key</c> header carry a token; any other scheme is a 401 naming the right one.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CredentialSchemeTests(ApiFixture api)
{
    [Theory]
    [InlineData("Basic {0}", "The 'Basic' scheme carries no Samples token")]
    [InlineData("Token {0}", "The 'Token' scheme carries no Samples token")]
    [InlineData("{0}", "An Authorization header without the Bearer scheme carries no Samples token")]
    [InlineData("{0} trailing", "An Authorization header without the Bearer scheme carries no Samples token")]
    public async Task Another_scheme_than_Bearer_is_401_naming_the_scheme_to_use(string header, string reason)
    {
        using var http = api.Silo.Http();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/whoami");
        request.Headers.TryAddWithoutValidation("Authorization", string.Format(System.Globalization.CultureInfo.InvariantCulture, header, api.SupervisorToken));

        var response = await http.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, text);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var detail = JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString();
        detail.Should().Contain(reason).And.Contain("send 'Authorization: Bearer smp_KEYID.SECRET'");
        detail.Should().NotContain(api.SupervisorToken.Split('.')[1], "a token sent the wrong way is not echoed");
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("bearer")]
    public async Task The_Bearer_scheme_carries_the_token_in_any_case(string scheme)
    {
        using var http = api.Silo.Http();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/whoami");
        request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {api.SupervisorToken}");

        var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_X_Api_Key_header_carries_the_token()
    {
        using var http = api.Silo.Http();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/whoami");
        request.Headers.Add("X-Api-Key", api.SupervisorToken);

        var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString().Should().Be("supervisor");
    }

    [Fact]
    public async Task A_wrong_scheme_on_a_public_call_is_ignored()
    {
        using var http = api.Silo.Http();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.TryAddWithoutValidation("Authorization", "Basic dXNlcjpwYXNz");

        var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK, "a public call needs no credential, so a wrong one does not stop it");
    }
}
