using System.Net.Http.Json;
using Samples.Contracts.Access;
using Samples.Tests.Support;

namespace Samples.Tests.Api;

/// <summary>One real silo for the API tests, with an admin, a supervisor and an inspector credential.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public RunningSilo Silo { get; private set; } = null!;

    public string AdminToken { get; private set; } = string.Empty;

    public string SupervisorToken { get; private set; } = string.Empty;

    public string InspectorToken { get; private set; } = string.Empty;

    /// <summary>The inspector number <see cref="InspectorToken"/> acts as (an inspector credential always names one).</summary>
    public const string InspectorNumber = "FIXTURE-I-001";

    public async Task InitializeAsync()
    {
        Silo = await RunningSilo.StartAsync(RunningSilo.NewServiceId("api"));
        AdminToken = Silo.AdminToken();
        SupervisorToken = await IssueAsync("王监督", Role.Supervisor);
        InspectorToken = await InspectorAsync(Silo, AdminToken, SupervisorToken, InspectorNumber, "李检查");
    }

    public async Task DisposeAsync() => await Silo.DisposeAsync();

    /// <summary>A silo of its own, for tests that count what the directory holds; disposed by the caller.</summary>
    public static async Task<(RunningSilo Silo, string SupervisorToken)> StartIsolatedAsync(string purpose, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var silo = await RunningSilo.StartAsync(RunningSilo.NewServiceId(purpose), settings: settings);
        return (silo, await IssueAsync(silo, silo.AdminToken(), "独立监督员", Role.Supervisor));
    }

    private Task<string> IssueAsync(string name, string role) => IssueAsync(Silo, AdminToken, name, role);

    /// <summary>Puts an inspector in the directory and issues a credential acting as them.</summary>
    public static async Task<string> InspectorAsync(RunningSilo silo, string adminToken, string supervisorToken, string number, string name)
    {
        using var supervisor = silo.Http(supervisorToken);
        var entry = new { name, unit = "海西州市场监督管理局", regionCode = "632800", qualifiedCategories = new[] { "lithium-carbonate" }, maxOpenTasks = 5 };
        (await supervisor.PutAsJsonAsync($"/api/inspectors/{number}", entry)).EnsureSuccessStatusCode();
        using var admin = silo.Http(adminToken);
        return await Api.TaskScenario.CredentialAsync(admin, name, Role.Inspector, number);
    }

    private static async Task<string> IssueAsync(RunningSilo silo, string adminToken, string name, string role)
    {
        using var http = silo.Http(adminToken);
        var response = await http.PostAsJsonAsync("/api/credentials", new { name, role });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IssuedCredential>())!.Token;
    }
}
