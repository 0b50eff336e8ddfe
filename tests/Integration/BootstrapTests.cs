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

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task With_a_credential_file_the_first_start_writes_the_token_there_owner_only_and_the_console_says_only_where()
    {
        var folder = Directory.CreateTempSubdirectory("samples-admin-");
        var file = Path.Combine(folder.FullName, "admin-token");
        try
        {
            await using var silo = await RunningSilo.StartAsync(
                RunningSilo.NewServiceId("token-file"), settings: new Dictionary<string, string?> { ["Samples:Access:AdminCredentialFile"] = file });

            File.GetUnixFileMode(file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, "others on the machine may read logs, not this");
            var lines = await File.ReadAllLinesAsync(file);
            var token = lines[0].Should().StartWith("export SAMPLES_TOKEN=smp_").And.Subject["export SAMPLES_TOKEN=".Length..];
            lines[1].Should().StartWith("# Web application (/app/): user admin, first password ");
            var password = lines[1].Split("first password ")[1].Split(' ')[0];
            silo.Console.ToString().Should().Contain($"written to {file} (readable by its owner only)").And.NotContain("smp_").And.NotContain(password);
            silo.Log.Entries.Select(e => e.Message).Should().NotContain(m => m.Contains(token, StringComparison.Ordinal));
            using var http = silo.Http(token);
            (await http.GetFromJsonAsync<ApiPrincipal>("/api/whoami"))!.Role.Should().Be(Role.Admin, "the file holds the working credential");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
