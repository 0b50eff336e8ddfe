using Samples.Tests.Support;

namespace Samples.Tests.Api;

/// <summary><c>samples task open-targeted</c>: a supervisor opens a targeted inspection from the command line; a missing reason is refused, an inspector is not allowed.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TargetedCliTests
{
    [Fact]
    public async Task A_supervisor_opens_a_targeted_inspection_and_an_inspector_may_not()
    {
        var (silo, boss) = await ApiFixture.StartIsolatedAsync("targeted-cli");
        await using var _ = silo;
        using var http = silo.Http(boss);
        var planId = "TCLI-" + Guid.NewGuid().ToString("N")[..8];
        var usccs = await DrawScenario.SeedAsync(http, planId);
        string[] args = ["task", "open-targeted", planId, "--uscc", usccs[0], "--reason-kind", "complaint", "--reference", "12315-2026-0099",
            "--evidence", "投诉：产品主含量不足", "--inspector", $"{planId}-I0", "--inspector", $"{planId}-I1", "--idempotency-key", "cli-open-1"];

        var opened = await CliRunner.RunAsync(silo, boss, args);
        opened.Code.Should().Be(0, opened.Error);
        opened.Output.Should().Contain($"TGT-{planId}-{usccs[0]}-").And.Contain("Assigned");
        var again = await CliRunner.RunAsync(silo, boss, args);
        again.Code.Should().Be(0, "the same key again answers with the same task");
        var board = await TaskScenario.WaitAsync<string>(async () => await http.GetStringAsync($"/api/plans/{planId}/tasks") is var b && b.Contains("TGT-", StringComparison.Ordinal) ? b : null);
        board.Split("\"TGT-").Length.Should().Be(2, "one task was opened, not two");

        var badKind = await CliRunner.RunAsync(silo, boss, [.. args[..6], "whim", .. args[7..^2], "--idempotency-key", "cli-open-2"]);
        badKind.Code.Should().NotBe(0);
        (badKind.Output + badKind.Error).Should().Contain("reasonKind");
        var inspector = await TaskScenario.CredentialAsync(silo, "检查员", Samples.Contracts.Access.Role.Inspector, $"{planId}-I0");
        (await CliRunner.RunAsync(silo, inspector, [.. args[..^1], "cli-open-3"])).Code.Should().NotBe(0, "only supervisors open targeted inspections");
    }
}
