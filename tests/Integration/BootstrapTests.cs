using System.Net;
using System.Net.Http.Json;
using Samples.Contracts.Access;
using Samples.Tests.Support;

namespace Samples.Tests.Integration;

[Collection(PostgresCollection.Name)]
public sealed class BootstrapTests
{
    [Fact]
    public async Task The_first_start_prints_an_admin_token_once_and_later_starts_do_not()
    {
        var deployment = RunningSilo.NewServiceId("bootstrap");
        string token;
        await using (var first = await RunningSilo.StartAsync(deployment))
        {
            token = first.AdminToken();
            using var http = first.Http(token);
            var me = await http.GetFromJsonAsync<ApiPrincipal>("/api/whoami");
            me!.Role.Should().Be(Role.Admin);
        }

        await using (var second = await RunningSilo.StartAsync(deployment))
        {
            second.Console.ToString().Should().NotContain("SAMPLES_TOKEN", "the admin token is shown only on the first start");
            using var http = second.Http(token);
            (await http.GetAsync("/api/whoami")).StatusCode.Should().Be(HttpStatusCode.OK, "the credential was stored, hashed, in PostgreSQL");
        }
    }
}
