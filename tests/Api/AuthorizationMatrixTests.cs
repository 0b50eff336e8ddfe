using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Samples.Contracts.Access;
using Samples.Silo.Access;
using Samples.Silo.Api;
using Samples.Domain.Tests.Support;
using Samples.Tests.Support;
using Xunit.Abstractions;

namespace Samples.Tests.Api;

/// <summary>
/// The authorization matrix, generated from the running silo's own endpoint list (so a new endpoint cannot be left
/// out): every endpoint × every role it does not admit is refused (401 without a credential, 403 with one) and changes
/// nothing. Then a run of bad input and abuse: hundreds of malformed, oversized, unknown-field, wrong-scheme and
/// guessed requests, all refused with a 4xx, none a 5xx, nothing changed, and a burst cut short with 429. The counts
/// are printed (the closing note of issue 16 quotes them).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class AuthorizationMatrixTests(ITestOutputHelper output)
{
    private static readonly string[] Roles = [Role.Witness, Role.Inspector, Role.Lab, Role.Supervisor, Role.Admin, Role.Enterprise];

    [Fact]
    public async Task Every_endpoint_refuses_every_role_it_does_not_admit_and_bad_input_is_a_4xx_that_changes_nothing()
    {
        var (silo, supervisorToken) = await ApiFixture.StartIsolatedAsync("matrix", new Dictionary<string, string?>
        {
            ["Samples:RateLimits:AddressBurst"] = "400", ["Samples:RateLimits:AddressPerSecond"] = "5",
        });
        await using var _ = silo;
        var adminToken = silo.AdminToken();
        using var admin = silo.Http(adminToken);
        (await admin.PutAsJsonAsync("/api/labs/MATRIX-LAB", new { name = "矩阵实验室", accreditedCategories = new[] { DrawScenario.Category }, accreditedItems = new[] { "li2co3" }, mayRetest = false })).EnsureSuccessStatusCode();
        var matrixEnterprise = Codes.NewUscc();
        (await admin.PostAsJsonAsync("/api/enterprises", new { uscc = matrixEnterprise, name = "矩阵企业" })).EnsureSuccessStatusCode();
        var tokens = new Dictionary<string, string?>
        {
            [Role.Witness] = await TaskScenario.CredentialAsync(admin, "见证人", Role.Witness, null),
            [Role.Inspector] = await ApiFixture.InspectorAsync(silo, adminToken, supervisorToken, "MATRIX-I", "矩阵检查员"),
            [Role.Lab] = await TaskScenario.CredentialAsync(admin, "矩阵实验室", Role.Lab, "MATRIX-LAB"),
            [Role.Enterprise] = await TaskScenario.CredentialAsync(admin, "矩阵企业", Role.Enterprise, matrixEnterprise),
            [Role.Supervisor] = supervisorToken,
            [Role.Admin] = adminToken,
        };
        var before = await StateAsync(silo, adminToken);

        // The matrix.
        var endpoints = silo.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetMetadata<IHttpMethodMetadata>() is not null).ToList();
        var cases = 0;
        var refusedByRole = Roles.Append("anonymous").ToDictionary(r => r, _ => 0);
        foreach (var endpoint in endpoints)
        {
            var admitted = Admitted(endpoint);
            foreach (var role in Roles.Append("anonymous"))
            {
                if (role != "anonymous" && admitted.Contains(role))
                {
                    continue;
                }

                cases++;
                using var http = silo.Http(role == "anonymous" ? null : tokens[role]);
                var method = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods[0];
                var request = new HttpRequestMessage(new HttpMethod(method), Path(endpoint));
                if (method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                var response = await http.SendAsync(request);
                response.StatusCode.Should().Be(role == "anonymous" ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden,
                    $"{method} {endpoint.RoutePattern.RawText} as {role}");
                refusedByRole[role]++;
            }
        }

        endpoints.Should().HaveCountGreaterThan(50, "the whole API is enumerated");
        (await StateAsync(silo, adminToken)).Should().Be(before, "no refused request changed anything");
        output.WriteLine($"authorization matrix: {endpoints.Count} endpoints x {Roles.Length + 1} callers (anonymous, {string.Join(", ", Roles)}); " +
            $"{cases} refusals checked ({string.Join(", ", refusedByRole.Select(r => $"{r.Key} {r.Value}"))}), all 401/403, state unchanged");

        // Bad input and abuse, by callers the endpoints admit.
        var statuses = new List<HttpStatusCode>();
        using var boss = silo.Http(supervisorToken);
        using var inspector = silo.Http(tokens[Role.Inspector]);
        async Task Send(HttpClient http, HttpMethod method, string path, string? body = null, string? contentType = "application/json")
        {
            var request = new HttpRequestMessage(method, path);
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, contentType!);
            }

            statuses.Add((await http.SendAsync(request)).StatusCode);
        }

        var bodies = new[]
        {
            "{", "not json", "[]", "null", "{\"uscc\": 12}", "{\"uscc\":\"91632800MA7QHX0817\",\"name\":\"x\",\"isAdmin\":true}",
            "{\"uscc\":\"0000\",\"name\":\"x\"}", $"{{\"uscc\":\"91632800MA7QHX0817\",\"name\":\"{new string('长', 5000)}\"}}",
            "{\"uscc\":\"91632800MA7QHX0817\",\"name\":\"x\",\"regionCode\":\"999999\"}", "{\"uscc\":\"\\u0000\",\"name\":\"\\n\"}",
        };
        for (var round = 0; round < 6; round++)
        {
            foreach (var body in bodies)
            {
                await Send(boss, HttpMethod.Post, "/api/enterprises", body);
                await Send(admin, HttpMethod.Post, $"/api/calendar/2027", body);
                await Send(inspector, HttpMethod.Post, $"/api/tasks/{Uri.EscapeDataString($"NO:R1:91632800MA7QHX0817:{DrawScenario.Category}")}/accept", body);
                await Send(boss, HttpMethod.Put, $"/api/plans/BAD-{round}", body);
            }

            foreach (var query in new[] { "from=9999-12-31&days=5", "from=abc&days=1", "from=2026-01-01&days=-1", "from=2026-01-01&workingDays=99999", "from=2026-01-01" })
            {
                await Send(inspector, HttpMethod.Get, $"/api/reference/deadline?{query}");
            }

            await Send(silo.Http(), HttpMethod.Get, $"/api/public/draws/{Guid.NewGuid():N}:R1/bundle");
            await Send(silo.Http(), HttpMethod.Get, $"/api/public/draws/{Guid.NewGuid():N}:R1/frames/targets.csv");
            await Send(silo.Http(), HttpMethod.Get, $"/api/public/audit/heads?limit={(round % 2 == 0 ? "many" : "99999999999")}");
            await Send(silo.Http($"smp_{Guid.NewGuid():N}"[..16] + ".guessed"), HttpMethod.Get, "/api/whoami");
            using var basic = new HttpClient { BaseAddress = silo.Address };
            basic.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", supervisorToken);
            statuses.Add((await basic.GetAsync("/api/whoami")).StatusCode);
            await Send(boss, HttpMethod.Post, "/api/enterprises/import?dryRun=true", "uscc,name\n=cmd|' /C calc'!A0,x", "text/csv");
            await Send(boss, HttpMethod.Get, "/api/plans/NOPE/fairness?from=2026-12-31&to=2026-01-01");
            await Send(boss, HttpMethod.Post, "/api/plans/NOPE/rounds/1/commit", "{\"entropyDeadline\":\"2026-01-01T00:00:00Z\"}");
            await Send(boss, HttpMethod.Post, $"/api/draws/{Guid.NewGuid():N}:R1/replacements", "{\"targetId\":\"ENT|x|y\",\"inspectorId\":\"INS|z\",\"reason\":\"r\"}");
        }

        statuses.Should().HaveCountGreaterThanOrEqualTo(300);
        statuses.Should().NotContain(s => (int)s >= 500, "bad input is the caller's error, never the server's");
        statuses.Should().OnlyContain(s => (int)s >= 400 && (int)s < 500, "every one of these is refused");
        (await StateAsync(silo, adminToken)).Should().Be(before, "no refused request changed anything");

        // A burst from one address.
        using var anonymous = silo.Http();
        var burst = new List<HttpStatusCode>();
        for (var i = 0; i < 400; i++)
        {
            burst.Add((await anonymous.GetAsync("/api/results")).StatusCode);
        }

        burst.Should().Contain(HttpStatusCode.TooManyRequests).And.NotContain(s => (int)s >= 500);
        var classes = statuses.Concat(burst).GroupBy(s => $"{(int)s / 100}xx").OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
        var byCode = statuses.GroupBy(s => (int)s).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}");
        output.WriteLine($"bad input and abuse: {statuses.Count} requests refused ({string.Join(", ", byCode)}), 0 5xx, state unchanged; " +
            $"then a burst of {burst.Count} anonymous requests: {burst.Count(s => s == HttpStatusCode.TooManyRequests)} answered 429; by class over both: {string.Join(", ", classes)}");
    }

    /// <summary>The roles an endpoint admits: every rule on it must pass (a group's and the endpoint's); no rule means any credential.</summary>
    private static HashSet<string> Admitted(Endpoint endpoint)
    {
        var rules = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Where(a => !string.IsNullOrEmpty(a.Roles)).ToList();
        var admitted = new HashSet<string>(Roles);
        foreach (var rule in rules)
        {
            admitted.IntersectWith(rule.Roles!.Split(',', StringSplitOptions.TrimEntries));
        }

        return admitted;
    }

    /// <summary>The route with every parameter filled (an int where the route wants one).</summary>
    private static string Path(RouteEndpoint endpoint) =>
        "/" + RouteParameter().Replace(endpoint.RoutePattern.RawText!.TrimStart('/'), m => m.Groups[2].Value.Contains("int", StringComparison.Ordinal) ? "2027" : "MATRIX-1");

    /// <summary>What the refused requests must not change: the audit trail's head and the directory's size.</summary>
    private static async Task<string> StateAsync(RunningSilo silo, string adminToken)
    {
        using var admin = silo.Http(adminToken);
        var head = await admin.GetAsync("/api/public/audit/head");
        var parts = new List<string> { head.StatusCode == HttpStatusCode.OK ? (await head.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("seq").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) : "empty" };
        foreach (var list in new[] { "enterprises", "inspectors", "labs", "batches" })
        {
            parts.Add($"{list} {(await admin.GetStringAsync($"/api/{list}/export")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length}");
        }

        parts.Add($"calendar {(await admin.GetFromJsonAsync<JsonElement>("/api/calendar")).GetProperty("revision").GetInt32()}");
        return string.Join("; ", parts);
    }

    [GeneratedRegex(@"\{(\*\*)?([^}]*)\}")]
    private static partial Regex RouteParameter();
}
