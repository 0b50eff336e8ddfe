using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Samples.Contracts.Reference;
using Samples.Contracts.Tasks;
using Samples.Domain.Reference;
using Samples.Domain.Tasks;
using Samples.Domain.Tests.Support;
using Samples.Tests.Support;
using static Samples.Tests.Api.TaskScenario;

namespace Samples.Tests.Api;

/// <summary>
/// The working calendar kept by operators, on a real silo: a task's deadline that reaches a year the calendar lacks
/// (today, 20 working days after 5 December 2026 reach 2027) is flagged until an admin adds that year through the API,
/// then it has its date, the overdue list follows and the task's history says it was set late. The year is read from
/// the flag, so the test holds on any day the seed data does not cover.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CalendarApiTests
{
    [Fact]
    public async Task A_deadline_reaching_a_missing_year_is_flagged_until_the_year_is_added_then_dated_and_checked()
    {
        var (silo, supervisorToken) = await ApiFixture.StartIsolatedAsync("calendar");
        await using var _ = silo;
        using var boss = silo.Http(supervisorToken);
        using var admin = silo.Http(silo.AdminToken());
        var planId = "CAL-" + Guid.NewGuid().ToString("N")[..8];
        await DrawScenario.SeedAsync(http: boss, planId);
        await DrawScenario.CommitAndDrawAsync(boss, planId, clock: silo.Clock);

        var cast = await CastAsync(silo, boss, planId);
        var path = $"/api/tasks/{Uri.EscapeDataString(cast.TaskId)}";
        using var first = silo.Http(cast.FirstInspector);
        using var second = silo.Http(cast.SecondInspector);
        using var lab = silo.Http(cast.LabToken);
        var today = ChinaTime.DateOf(DateTimeOffset.UtcNow);
        await Step(first, "accept", new { });
        await Step(second, "accept", new { });
        await Step(first, "record-sampling", new { batchId = cast.BatchId, testQuantity = 0.5m, reserveQuantity = 0.5m, unit = "kg", seals = new[] { "QH-1" }, signedByEnterprise = true, sampledOn = today, variants = new Dictionary<string, string> { ["grade"] = "battery" } });
        await Step(second, "hand-over", new { labId = cast.Lab });
        await Step(lab, "receive", new { sealsIntact = true, sealsSeen = new[] { "QH-1" } });

        // Before: 20 working days from receipt reach a year the calendar does not hold.
        var flagged = await boss.GetFromJsonAsync<JsonElement>(path);
        flagged.GetProperty("due").GetProperty("on").ValueKind.Should().Be(JsonValueKind.Null);
        var flag = flagged.GetProperty("due").GetProperty("flag").GetString()!;
        var year = int.Parse(Regex.Match(flag, @"reach (\d{4})").Groups[1].Value, CultureInfo.InvariantCulture);
        var y = year.ToString(CultureInfo.InvariantCulture);
        await WaitAsync(async () => await OverdueRowAsync(boss, cast.TaskId) is { } r && r.GetProperty("dueFlag").ValueKind == JsonValueKind.String ? "listed" : null);
        var probe = $"/api/reference/deadline?from={today:yyyy-MM-dd}&workingDays=20";
        (await boss.GetFromJsonAsync<JsonElement>(probe)).GetProperty("flag").GetString().Should().Contain(y);
        (await admin.GetFromJsonAsync<JsonElement>("/api/calendar")).GetProperty("notice").GetString().Should().Contain(y);
        (await admin.GetFromJsonAsync<JsonElement>("/health")).GetProperty("warnings").EnumerateArray().Should().ContainSingle()
            .Which.GetString().Should().Contain(y);

        // Refused schedules name the date and change nothing; only an admin adds a year.
        var schedule = SyntheticCalendar.For(year);
        var outside = SyntheticCalendar.Body(schedule with { WorkingWeekendDays = [Saturday(year + 1)] });
        await RefusedAsync(admin, year, outside, HttpStatusCode.BadRequest, $"{Day(Saturday(year + 1))} is not in {y}");
        var both = SyntheticCalendar.Body(schedule with { Holidays = [.. schedule.Holidays, new Holiday("周末", [Saturday(year).AddDays(-1), Saturday(year)])], WorkingWeekendDays = [Saturday(year)] });
        await RefusedAsync(admin, year, both, HttpStatusCode.BadRequest, $"{Day(Saturday(year))} is both a day off");
        await RefusedAsync(boss, year, SyntheticCalendar.Body(schedule), HttpStatusCode.Forbidden, "admin");
        (await admin.GetAsync($"/api/calendar/{y}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "nothing was stored");
        (await boss.GetFromJsonAsync<JsonElement>(path)).GetProperty("due").GetProperty("flag").GetString().Should().Be(flag);

        // The year arrives: the task gets its date, its history says why it came late.
        var added = await admin.PostAsJsonAsync($"/api/calendar/{y}", SyntheticCalendar.Body(schedule));
        added.StatusCode.Should().Be(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetProperty("revision").GetInt32().Should().Be(1);
        var calendar = WorkingCalendar.Of([.. WorkingCalendar.ShippedSchedules, schedule], 1);
        var expected = calendar.AddWorkingDays(today, 20).Due;
        expected.Should().NotBeNull("the test adds the one year the deadline reaches");
        var due = expected!.Value;

        var dated = await WaitForAsync(async () => await boss.GetFromJsonAsync<JsonElement>(path) is var t && t.GetProperty("due").GetProperty("on").ValueKind == JsonValueKind.String ? (JsonElement?)t : null);
        dated.GetProperty("due").GetProperty("on").GetString().Should().Be(Day(due));
        dated.GetProperty("due").GetProperty("flag").ValueKind.Should().Be(JsonValueKind.Null);
        var last = dated.GetProperty("history").EnumerateArray().Last();
        last.GetProperty("action").GetString().Should().Be(FlaggedDeadlines.Action);
        last.GetProperty("detail").GetString().Should().Contain($"reach {y}").And.Contain("revision 1").And.Contain(Day(due));
        (await boss.GetFromJsonAsync<JsonElement>(probe)).GetProperty("due").GetString().Should().Be(Day(due));

        // The overdue list follows (the task leaves it: its date is ahead), the overdue check uses the date, the lab is told.
        await WaitAsync(async () => await OverdueRowAsync(boss, cast.TaskId) is null ? "gone" : null);
        var task = silo.Grains.GetGrain<ISamplingTaskGrain>(cast.TaskId);
        (await task.CheckDeadlinesAsync(due))!.Overdue.Should().BeEmpty("the last day is on time");
        (await task.CheckDeadlinesAsync(due.AddDays(1)))!.Overdue.Should().ContainSingle().Which.Should().Contain(Day(due));
        await WaitAsync(async () => (await boss.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/tasks")).EnumerateArray()
            .Any(r => r.GetProperty("taskId").GetString() == cast.TaskId && r.GetProperty("dueOn").GetString() == Day(due) && r.GetProperty("overdue").GetArrayLength() == 1) ? "board" : null);
        await WaitAsync(async () => (await lab.GetFromJsonAsync<JsonElement>("/api/notifications")).EnumerateArray()
            .Any(n => n.GetProperty("message").GetString()!.Contains("deadline now known", StringComparison.Ordinal)) ? "told" : null);

        // Never silently replaced: the same schedule again is a repeat, a changed one needs a reason and becomes version 2.
        (await admin.PostAsJsonAsync($"/api/calendar/{y}", SyntheticCalendar.Body(schedule))).StatusCode.Should().Be(HttpStatusCode.OK);
        var corrected = schedule with { WorkingWeekendDays = [Saturday(year)] };
        await RefusedAsync(admin, year, SyntheticCalendar.Body(corrected), HttpStatusCode.Conflict, "needs a reason");
        (await admin.PostAsJsonAsync($"/api/calendar/{y}", SyntheticCalendar.Body(corrected, "国务院更正：增加调休上班日"))).StatusCode.Should().Be(HttpStatusCode.Created);
        var versions = await admin.GetFromJsonAsync<JsonElement>($"/api/calendar/{y}");
        versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).Should().Equal(1, 2);
        versions[1].GetProperty("reason").GetString().Should().Be("国务院更正：增加调休上班日");
        var current = await admin.GetFromJsonAsync<JsonElement>("/api/calendar");
        current.GetProperty("revision").GetInt32().Should().Be(2);
        current.GetProperty("years").EnumerateArray().Select(v => v.GetProperty("schedule").GetProperty("year").GetInt32()).Should().Contain(year);

        // Both versions are in the audit trail, in the calendar's own chain.
        await WaitAsync(async () => (await boss.GetFromJsonAsync<JsonElement>("/api/audit?limit=1000")).EnumerateArray()
            .Count(e => e.GetProperty("stream").GetString() == "working-calendar") == 2 ? "both" : null);

        async Task Step(HttpClient who, string action, object body)
        {
            var response = await who.PostAsJsonAsync($"{path}/{action}", body);
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"{action}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task<JsonElement?> OverdueRowAsync(HttpClient boss, string taskId) =>
        (await boss.GetFromJsonAsync<JsonElement>("/api/tasks/overdue")).EnumerateArray()
            .Where(r => r.GetProperty("taskId").GetString() == taskId).Select(r => (JsonElement?)r).FirstOrDefault();

    /// <summary>The first Saturday of the year's March: a weekend day in no synthetic holiday.</summary>
    private static DateOnly Saturday(int year) => Enumerable.Range(1, 7).Select(d => new DateOnly(year, 3, d)).First(d => d.DayOfWeek == DayOfWeek.Saturday);

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task RefusedAsync(HttpClient who, int year, object body, HttpStatusCode status, string says)
    {
        var response = await who.PostAsJsonAsync($"/api/calendar/{year}", body);
        response.StatusCode.Should().Be(status);
        (await response.Content.ReadAsStringAsync()).Should().Contain(says);
    }
}
