using System.Net.Http.Json;
using System.Text.Json;
using Samples.Client.Http;
using Samples.Contracts.Reference;
using Samples.Domain.Tests.Support;
using Samples.Tests.Support;

namespace Samples.Tests.Api;

/// <summary>
/// <c>samples calendar add|show|list</c> against the running silo. The year is one no deadline reaches (2090), so the
/// shared silo's other tests count exactly as before.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CalendarCliTests(ApiFixture api) : IDisposable
{
    private const int Year = 2090;
    private readonly string folder = System.IO.Directory.CreateTempSubdirectory("samples-calendar-").FullName;

    [Fact]
    public async Task An_admin_adds_a_year_from_a_file_sees_it_and_corrects_it_only_with_a_reason()
    {
        var schedule = SyntheticCalendar.For(Year);
        var bad = Write("bad.json", schedule with { WorkingWeekendDays = [new DateOnly(Year + 1, 1, 6)] });
        var refused = await CliRunner.RunAsync(api.Silo, api.AdminToken, "calendar", "add", "2090", "--file", bad);
        refused.Code.Should().Be(ExitCodes.Refused);
        refused.Error.Should().Contain("workingWeekendDays: 2091-01-06 is not in 2090");

        var asSupervisor = await CliRunner.RunAsync(api.Silo, api.SupervisorToken, "calendar", "add", "2090", "--file", Write("good.json", schedule));
        asSupervisor.Code.Should().Be(ExitCodes.NotAllowed, "only an admin keeps the calendar");

        var added = await CliRunner.RunAsync(api.Silo, api.AdminToken, "calendar", "add", "2090", "--file", Write("good.json", schedule));
        added.Code.Should().Be(ExitCodes.Ok, added.Error);
        added.Output.Should().Contain("2090 年第 1 版已生效");
        (await CliRunner.RunAsync(api.Silo, api.AdminToken, "calendar", "add", "2090", "--file", Write("good.json", schedule))).Output
            .Should().Contain("2090 年第 1 版已保存过：没有变化");

        var corrected = Write("corrected.json", schedule with { WorkingWeekendDays = [new DateOnly(Year, 3, 4)] });
        var noReason = await CliRunner.RunAsync(api.Silo, api.AdminToken, "calendar", "add", "2090", "--file", corrected);
        noReason.Code.Should().Be(ExitCodes.Refused);
        noReason.Error.Should().Contain("409").And.Contain("needs a reason");
        (await CliRunner.RunAsync(api.Silo, api.AdminToken, "calendar", "add", "2090", "--file", corrected, "--reason", "更正")).Output
            .Should().Contain("2090 年第 2 版已生效");

        var show = await CliRunner.RunAsync(api.Silo, api.InspectorToken, "calendar", "show", "2090", "--lang", "en");
        show.Code.Should().Be(ExitCodes.Ok, show.Error);
        show.Output.Should().Contain("2090 version 1 (added").And.Contain("2090 version 2 (added").And.Contain("reason: 更正")
            .And.Contain("国庆节: 2090-10-01 – 2090-10-07 (7 days off)").And.Contain("worked weekend days (调休上班): 2090-03-04");
        (await CliRunner.RunAsync(api.Silo, api.InspectorToken, "calendar", "show", "2090")).Output.Should().Contain("2090 年第 2 版（")
            .And.Contain("  国庆节：2090-10-01 – 2090-10-07（放假 7 天）").And.Contain("  调休上班日：2090-03-04");
        var list = await CliRunner.RunAsync(api.Silo, api.InspectorToken, "calendar", "list");
        list.Output.Should().Contain("2025").And.Contain("2026").And.Contain("2090");
        var json = JsonDocument.Parse((await CliRunner.RunAsync(api.Silo, api.InspectorToken, "calendar", "list", "--json")).Output).RootElement;
        json.GetProperty("years").EnumerateArray().Should().Contain(y => y.GetProperty("schedule").GetProperty("year").GetInt32() == Year);

        // Both versions are entries of the calendar's chain in the audit trail, which verifies with every other stream.
        using var http = api.Silo.Http(api.SupervisorToken);
        await TaskScenario.WaitAsync(async () => (await http.GetFromJsonAsync<JsonElement>("/api/audit?limit=100000")).EnumerateArray()
            .Count(e => e.GetProperty("stream").GetString() == CalendarChangeRecorded.Stream) >= 2 ? "recorded" : null);
        var verify = await CliRunner.RunAsync(api.Silo, api.SupervisorToken, "audit", "verify");
        verify.Code.Should().Be(ExitCodes.Ok, verify.Error);
        verify.Output.Should().Contain("审计记录验证通过");

        // The public head (no credential) anchors the trail: kept now, checked later.
        var head = await api.Silo.Http().GetFromJsonAsync<JsonElement>("/api/public/audit/head");
        var anchored = await CliRunner.RunAsync(api.Silo, api.SupervisorToken, "audit", "verify", "--expect-head", head.GetProperty("sha256").GetString()!);
        anchored.Code.Should().Be(ExitCodes.Ok, anchored.Output);
        var forged = await CliRunner.RunAsync(api.Silo, api.SupervisorToken, "audit", "verify", "--expect-head", new string('a', 64));
        forged.Code.Should().Be(ExitCodes.NotVerified);
        forged.Output.Should().Contain("is not in the trail");
    }

    public void Dispose() => System.IO.Directory.Delete(folder, recursive: true);

    private string Write(string name, YearSchedule schedule)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, JsonSerializer.Serialize(SyntheticCalendar.Body(schedule), ApiClient.Json));
        return path;
    }
}
