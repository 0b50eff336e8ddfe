using System.Net.Http.Json;
using System.Text.Json;
using Samples.Client;
using Samples.Client.Http;
using Samples.Domain.Tests.Support;
using Samples.Tests.Support;

namespace Samples.Tests.Api;

/// <summary>The `samples` command line against the running silo, through its real entry point.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CliTests(ApiFixture api)
{
    [Fact]
    public async Task A_registered_enterprise_is_read_back_through_the_command_line()
    {
        var uscc = Codes.NewUscc();

        var register = await RunAsync(api.SupervisorToken, "enterprise", "register", "--uscc", uscc, "--name", "玉树示例药店", "--region", "632700");
        var table = await RunAsync(api.InspectorToken, "enterprise", "get", uscc);
        var json = await RunAsync(api.InspectorToken, "enterprise", "get", uscc, "--json");

        register.Code.Should().Be(ExitCodes.Ok, register.Error);
        table.Code.Should().Be(ExitCodes.Ok, table.Error);
        table.Output.Should().MatchRegex($"统一社会信用代码 USCC +{uscc}").And.Contain("玉树示例药店").And.Contain("王监督");
        // Chinese labels of different widths, yet every value starts at the same display column.
        table.Output.Split('\n').Where(l => !l.StartsWith(' ') && l.Contains("  ", StringComparison.Ordinal)).Select(ValueColumn)
            .Distinct().Should().ContainSingle("the value column lines up under Chinese labels");
        var english = await RunAsync(api.InspectorToken, "enterprise", "get", uscc, "--lang", "en");
        english.Output.Should().Contain($"USCC           {uscc}").And.NotContain("统一社会信用代码");
        json.Code.Should().Be(ExitCodes.Ok, json.Error);
        var view = JsonDocument.Parse(json.Output).RootElement;
        view.GetProperty("uscc").GetString().Should().Be(uscc);
        view.GetProperty("regionCode").GetString().Should().Be("632700");
    }

    [Fact]
    public async Task A_refusal_is_one_line_and_exit_code_2()
    {
        var result = await RunAsync(api.SupervisorToken, "enterprise", "register", "--uscc", "91350100M000100Y44", "--name", "x");

        result.Code.Should().Be(ExitCodes.Refused);
        result.Error.Trim().Should().Be("samples: 400 uscc: position 18: check character is '4', expected '3'; if this is a legal early pilot code, register it with usccOverrideReason stating why");
    }

    [Fact]
    public async Task A_missing_credential_is_exit_code_3()
    {
        var result = await RunAsync(null, "whoami");

        result.Code.Should().Be(ExitCodes.NotAllowed);
        result.Error.Should().Contain("401");
    }

    [Fact]
    public async Task A_token_pasted_with_a_colour_code_or_line_break_is_one_line_and_exit_code_1()
    {
        var result = await RunAsync("smp_abc.def\u001b[0m\nsmp_x", "whoami");

        result.Code.Should().Be(ExitCodes.Usage);
        result.Error.Should().StartWith("samples: 令牌").And.Contain(" / the token").And.NotContain("   at ");
    }

    [Fact]
    public async Task An_unreachable_server_is_one_line_and_exit_code_4()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await SamplesCli.RunAsync(["health", "--api", "http://127.0.0.1:1"], output, error);

        code.Should().Be(ExitCodes.Unavailable);
        error.ToString().Trim().Split('\n').Should().ContainSingle().Which.Should().StartWith("samples: 无法连接 Samples 接口 http://127.0.0.1:1/")
            .And.Contain(" / cannot reach the Samples API at http://127.0.0.1:1/", "Chinese first, the English after");
    }

    [Fact]
    public async Task Health_prints_a_readable_report_to_an_admin_and_the_status_alone_to_anyone_else()
    {
        var result = await RunAsync(api.AdminToken, "health", "--lang", "en");
        var chinese = await RunAsync(api.AdminToken, "health");
        var anonymous = await RunAsync(null, "health", "--lang", "en");
        var supervisor = await RunAsync(api.SupervisorToken, "health");

        result.Code.Should().Be(ExitCodes.Ok, result.Error);
        result.Output.Should().Contain("Status      healthy").And.Contain("PostgreSQL  reachable").And.Contain("1 active silo(s)");
        chinese.Output.Should().MatchRegex(@"状态 Status +healthy").And.MatchRegex("数据库 PostgreSQL +可连接").And.Contain("1 个活动节点");
        anonymous.Code.Should().Be(ExitCodes.Ok, anonymous.Error);
        anonymous.Output.Should().Contain("Status  healthy").And.Contain("admins only").And.NotContain("reachable", "the detail is for admins");
        supervisor.Output.Should().MatchRegex(@"状态 Status +healthy").And.Contain("仅向管理员显示").And.NotContain("可连接");
    }

    [Fact]
    public async Task Plan_frames_are_printed_as_a_table_of_strata()
    {
        var (silo, supervisor) = await ApiFixture.StartIsolatedAsync("cli-frames");
        await using var _ = silo;
        using var http = silo.Http(supervisor);
        const string category = "pv-module-csi";
        var planId = "CLI-" + Guid.NewGuid().ToString("N")[..8];
        await http.PostAsJsonAsync("/api/enterprises", new { uscc = Codes.NewUscc(), name = "示例", regionCode = "632800", categories = new[] { category } });
        (await http.PutAsJsonAsync($"/api/plans/{planId}", new
        {
            year = 2026, department = "示例局", categories = new[] { category }, quotas = new { allKeyItemsAtClassD = true },
            goalBatches = 10, roundSchedule = "0 0 9 1 1/2 ?", rounds = 2,
        })).EnsureSuccessStatusCode();

        var result = await RunOnAsync(silo, supervisor, "plan", "frames", planId, "--round", "2");
        var missing = await RunOnAsync(silo, supervisor, "plan", "frames", "NO-SUCH-PLAN");

        result.Code.Should().Be(ExitCodes.Ok, result.Error);
        result.Output.Should().Contain($"632800|{category}|B").And.MatchRegex(@"合计\s+1");
        missing.Code.Should().Be(ExitCodes.Refused);
        missing.Error.Trim().Should().Be("samples: 404 No plan NO-SUCH-PLAN.");
    }

    [Fact]
    public async Task An_admin_puts_a_new_catalogue_version_in_force_from_the_command_line()
    {
        await using var silo = await RunningSilo.StartAsync(RunningSilo.NewServiceId("cli-catalogue"));
        var admin = silo.AdminToken();
        var file = Path.GetTempFileName();
        try
        {
            var current = await RunOnAsync(silo, admin, "catalogue", "get");
            var document = System.Text.Json.Nodes.JsonNode.Parse(current.Output)!;
            var next = document["version"]!.GetValue<int>() + 1;
            document["version"] = next;
            await File.WriteAllTextAsync(file, document.ToJsonString());

            var upload = await RunOnAsync(silo, admin, "catalogue", "upload", file);
            var again = await RunOnAsync(silo, admin, "catalogue", "upload", file);
            var versions = await RunOnAsync(silo, admin, "catalogue", "versions");

            upload.Output.Trim().Should().Be($"产品目录第 {next} 版已生效", upload.Error);
            again.Code.Should().Be(ExitCodes.Refused);
            again.Error.Should().Contain("is not above the newest version known");
            versions.Output.Should().Contain("uploaded").And.Contain("shipped");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(new[] { "task", "decline", "X" }, "samples: Option '--reason' is required.", "samples task decline")]
    [InlineData(new[] { "task", "frobnicate" }, "samples: Unrecognized command or argument 'frobnicate'.", "samples task")]
    [InlineData(new[] { "task", "record-sampling", "X", "--batch", "B", "--test-quantity", "lots", "--reserve-quantity", "1", "--unit", "kg", "--seal", "S" },
        "samples: Cannot parse argument 'lots' for option '--test-quantity' as expected type 'System.Decimal'.", "samples task record-sampling")]
    public async Task A_wrong_argument_is_named_on_standard_error_with_where_to_find_the_usage(string[] args, string first, string command)
    {
        var result = await RunAsync(api.SupervisorToken, args);

        result.Code.Should().Be(ExitCodes.Usage);
        result.Output.Should().BeEmpty("no help text floods the terminal");
        var lines = result.Error.Trim().Split('\n').Select(l => l.TrimEnd()).ToArray();
        lines.Should().Contain(first).And.EndWith($"samples: 用法见 '{command} --help' / see '{command} --help'");
    }

    [Fact]
    public async Task An_admin_issues_and_revokes_a_credential_from_the_command_line()
    {
        var issued = await RunAsync(api.AdminToken, "credential", "create", "--name", "临时监督员", "--role", "supervisor", "--json");
        issued.Code.Should().Be(ExitCodes.Ok, issued.Error);
        var credential = JsonDocument.Parse(issued.Output).RootElement;
        var token = credential.GetProperty("token").GetString()!;
        var keyId = credential.GetProperty("keyId").GetString()!;
        (await RunAsync(token, "whoami")).Code.Should().Be(ExitCodes.Ok);

        var revoked = await RunAsync(api.AdminToken, "credential", "revoke", keyId);

        revoked.Code.Should().Be(ExitCodes.Ok, revoked.Error);
        revoked.Output.Trim().Should().Be($"已吊销 {keyId}");
        (await RunAsync(token, "whoami")).Code.Should().Be(ExitCodes.NotAllowed, "a revoked token stops working at once");
        var unknown = await RunAsync(api.AdminToken, "credential", "revoke", "nosuchkey0000");
        unknown.Code.Should().Be(ExitCodes.Refused);
        unknown.Error.Trim().Should().Be("samples: 404 No credential nosuchkey0000.");
    }

    /// <summary>The display column where a "label  value" line's value starts.</summary>
    private static int ValueColumn(string line)
    {
        var gap = line.IndexOf("  ", StringComparison.Ordinal);
        return Samples.Client.Output.Printer.Width(line[..(gap + line[gap..].TakeWhile(c => c == ' ').Count())]);
    }

    private Task<(int Code, string Output, string Error)> RunAsync(string? token, params string[] args) => RunOnAsync(api.Silo, token, args);

    private static Task<(int Code, string Output, string Error)> RunOnAsync(RunningSilo silo, string? token, params string[] args) =>
        CliRunner.RunAsync(silo, token, args);
}
