using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Samples.Contracts.Tasks;
using Samples.Domain.Tests.Support;
using Samples.Tests.Api;
using Samples.Tests.Support;

namespace Samples.Tests.Browser;

/// <summary>
/// The supervisor dashboard in headless Chromium (Debian's, driven by Playwright): log in, open every page, compare the
/// figures shown with the API's, verify a draw in the browser (and see a tampered bundle fail), and read the public
/// results without logging in. Screenshots go to TestResults/screenshots.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DashboardBrowserTests
{
    public const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task A_supervisor_sees_progress_overdue_draws_fairness_and_results_as_the_api_reports_them()
    {
        var (silo, boss) = await ApiFixture.StartIsolatedAsync("dashboard");
        await using var _ = silo;
        using var http = silo.Http(boss);
        var planId = "DASH-" + Guid.NewGuid().ToString("N")[..8];
        await DrawScenario.SeedAsync(http: http, planId);
        var drawId = await DrawScenario.CommitAndDrawAsync(http, planId, clock: silo.Clock);
        var (_, uscc) = await TaskScenario.PublishOneAsync(silo, http, planId);
        await OverdueTaskAsync(silo);
        var progress = await TaskScenario.WaitForAsync(async () => await http.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/progress") is var p && p.GetProperty("concluded").GetInt32() == 1 ? p : (JsonElement?)null);
        // The published task is in the results before the overdue list is read: until its publication reaches the board,
        // it is listed there as concluded with a publication deadline that may be flagged (one reaching a missing year).
        var results = await TaskScenario.WaitForAsync(async () => await http.GetFromJsonAsync<JsonElement>("/api/results") is var r && r.GetArrayLength() > 0 ? r : (JsonElement?)null);
        var overdue = await TaskScenario.WaitForAsync(async () => await http.GetFromJsonAsync<JsonElement>("/api/tasks/overdue") is var o && o.GetArrayLength() > 0 ? o : (JsonElement?)null);
        var fairness = await http.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/fairness");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        var refused = RefusedByPolicy(page);
        var site = new Uri(silo.Address, "/dashboard/").ToString();

        // Log in: the page asks for the credential, and a wrong one is refused with the reason.
        await page.GotoAsync(site + $"#/progress?plan={planId}");
        await page.FillAsync("input[name=token]", "smp_wrong.wrong");
        await page.ClickAsync("form button");
        await Expect(page.GetByText("The credential was refused (401)")).ToBeVisibleAsync();
        await page.FillAsync("input[name=token]", boss);
        await page.ClickAsync("form button");

        await Expect(page.GetByTestId("concluded")).ToHaveTextAsync(progress.GetProperty("concluded").GetInt32().ToString(CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("goal")).ToHaveTextAsync(progress.GetProperty("goal").GetInt32().ToString(CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("reached-on")).ToHaveTextAsync(progress.GetProperty("pace").GetProperty("reachedOn").GetString() ?? "—");
        await Expect(page.Locator($"[data-testid=by-category] text[data-key='{DrawScenario.Category}']")).ToHaveTextAsync("1");
        await Expect(page.Locator("#who")).ToContainTextAsync("supervisor");
        var calendar = await http.GetFromJsonAsync<JsonElement>("/api/calendar");
        if (calendar.GetProperty("notice").GetString() is { } notice)
        {
            await Expect(page.GetByTestId("calendar-notice")).ToContainTextAsync(notice);
        }
        else
        {
            await Expect(page.GetByTestId("calendar-notice")).ToHaveCountAsync(0);
        }

        await ShotAsync(page, "progress");

        await page.ClickAsync("nav a[data-page=overdue]");
        await Expect(page.Locator("[data-testid=overdue-table] tbody tr.overdue")).ToHaveCountAsync(overdue.GetArrayLength());
        await Expect(page.Locator("[data-testid=overdue-table]")).ToContainTextAsync(overdue[0].GetProperty("taskId").GetString()!);
        await ShotAsync(page, "overdue");

        await page.ClickAsync("nav a[data-page=draws]");
        await page.ClickAsync($"button[data-draw='{drawId}']");
        var verdict = page.GetByTestId($"verify-{drawId}").GetByTestId("verdict");
        await Expect(verdict).ToHaveTextAsync("✓ verified in this browser", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId($"verify-{drawId}")).ToContainTextAsync("picks: each stratum's quota of smallest tickets");
        await ShotAsync(page, "draws");

        await page.GotoAsync(site + $"#/fairness?plan={planId}");
        var rows = page.Locator("[data-testid=fairness-tests] tbody tr");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.Nth(0)).ToContainTextAsync(fairness.GetProperty("enterprises").GetProperty("pValue").GetDouble().ToString("0.0000", CultureInfo.InvariantCulture));
        await ShotAsync(page, "fairness");

        // 一公开 needs no login: a fresh browser context has no credential.
        var visitor = await (await browser.NewContextAsync()).NewPageAsync();
        var refusedToVisitor = RefusedByPolicy(visitor);
        await visitor.GotoAsync(new Uri(silo.Address, "/dashboard/#/results").ToString());
        await Expect(visitor.Locator("[data-testid=results-table] tbody tr")).ToHaveCountAsync(results.GetArrayLength());
        await Expect(visitor.Locator("[data-testid=results-table]")).ToContainTextAsync(uscc);
        await Expect(visitor.Locator("[data-testid=results-table]")).ToContainTextAsync("合格 pass");
        await ShotAsync(visitor, "public-results");
        refused.Concat(refusedToVisitor).Should().BeEmpty("the pages run under the silo's Content-Security-Policy (no inline script or style)");
    }

    [Fact]
    public async Task A_bundle_changed_on_its_way_to_the_browser_fails_the_check()
    {
        var (silo, boss) = await ApiFixture.StartIsolatedAsync("dashboard-tamper");
        await using var _ = silo;
        using var http = silo.Http(boss);
        var planId = "TAMP-" + Guid.NewGuid().ToString("N")[..8];
        await DrawScenario.SeedAsync(http: http, planId);
        var drawId = await DrawScenario.CommitAndDrawAsync(http, planId, clock: silo.Clock);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync();

        // The first pick is swapped with the first alternate: a server that lies about its draw.
        await page.RouteAsync("**/bundle", async route =>
        {
            var response = await route.FetchAsync();
            var bundle = System.Text.Json.Nodes.JsonNode.Parse(await response.TextAsync())!;
            var pick = bundle["picks"]![0]!;
            var alternate = bundle["alternates"]![0]!;
            (pick["id"], alternate["id"]) = (alternate["id"]!.DeepClone(), pick["id"]!.DeepClone());
            (pick["ticket"], alternate["ticket"]) = (alternate["ticket"]!.DeepClone(), pick["ticket"]!.DeepClone());
            await route.FulfillAsync(new() { Response = response, Body = bundle.ToJsonString() });
        });
        await page.GotoAsync(new Uri(silo.Address, "/dashboard/").ToString());
        await page.FillAsync("input[name=token]", boss);
        await page.ClickAsync("form button");
        await page.ClickAsync("nav a[data-page=draws]");
        await page.ClickAsync($"button[data-draw='{drawId}']");
        var result = page.GetByTestId($"verify-{drawId}");
        await Expect(result.GetByTestId("verdict")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^✗ "), new() { Timeout = 60_000 });
        await Expect(result).ToContainTextAsync("✗ picks");
        await ShotAsync(page, "draws-tampered");
    }

    [Fact]
    public async Task The_browser_draw_code_reproduces_the_spec_vectors()
    {
        var (silo, _) = await ApiFixture.StartIsolatedAsync("dashboard-vectors");
        await using var __ = silo;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(silo.Address, "/dashboard/#/results").ToString());

        (await page.EvaluateAsync<string>("DrawCheck.uniform('abc')")).Should().Be("0.56998071861792858926477341561059638840106636224182943832566300809078486324348");
        (await page.EvaluateAsync<string>("DrawCheck.ticket('AB-130', Sha256.hex('01382438112797316654'))")).Should().Be("0.26299714122838008416507544297546663599715395525154425586041245287750224561854");
        (await page.EvaluateAsync<string>("DrawCheck.nextFraction(DrawCheck.ticket('AB-130', Sha256.hex('01382438112797316654')))")).Should().Be("0.8232357229934205790595761924514048157652891124687533667363938813600770093316");
        (await page.EvaluateAsync<string>("(() => { const s = DrawCheck.stream(['A#2','B#7','C#1','D#4'], '314159'); return Array.from({length: 8}, () => s.next().value.id).join(', '); })()"))
            .Should().Be("D#4, C#1, C#1, B#7, A#2, C#1, D#4, B#7");
        (await page.EvaluateAsync<string>("Sha256.hex('住所 青海省格尔木市')")).Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("住所 青海省格尔木市"u8)));
    }

    [Fact]
    public async Task The_api_reference_page_renders_from_the_silo_alone()
    {
        var (silo, _) = await ApiFixture.StartIsolatedAsync("api-docs");
        await using var __ = silo;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        var refused = RefusedByPolicy(page);
        var outside = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(silo.Address.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                outside.Add(request.Url);
            }
        };

        await page.GotoAsync(new Uri(silo.Address, "/api/docs/").ToString());

        await Expect(page.Locator(".swagger-ui .title")).ToContainTextAsync("Samples API");
        await Expect(page.Locator(".opblock-summary-path[data-path='/api/tasks/{taskId}/record-sampling']").First).ToBeVisibleAsync();
        outside.Should().BeEmpty("the reference page loads nothing from the internet");
        refused.Should().BeEmpty("the Swagger UI runs under the silo's Content-Security-Policy");
        await ShotAsync(page, "api-reference");
    }

    /// <summary>What Chromium reports refusing under the page's Content-Security-Policy (a script, style or call it blocked).</summary>
    private static List<string> RefusedByPolicy(IPage page)
    {
        var refused = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                refused.Add(message.Text);
            }
        };
        return refused;
    }

    internal static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        File.Exists(Chromium).Should().BeTrue($"the browser tests drive Debian's Chromium at {Chromium} (ops/test.sh installs it: apt-get install chromium)");
        return playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
    }

    private static async Task OverdueTaskAsync(RunningSilo silo)
    {
        var taskId = TaskIds.Of("LATE:R1", Codes.NewUscc(), DrawScenario.Category);
        var assign = new AssignTask("LATE:R1", "LATE", taskId.Split(':')[2], DrawScenario.Category, "632800", ["LATE-I1", "LATE-I2"]);
        (await silo.Grains.GetGrain<ISamplingTaskGrain>(taskId).ExecuteAsync(new TaskCommand(assign, TaskActor.System("draw"), DateTimeOffset.UtcNow.AddDays(-30)))).Refusal.Should().BeNull();
    }

    private static async Task ShotAsync(IPage page, string name)
    {
        var folder = Path.Combine(RepoPaths.Root, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
