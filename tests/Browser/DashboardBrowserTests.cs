using Microsoft.Playwright;
using Samples.Contracts.Access;
using Samples.Silo.Telemetry;
using Samples.Tests.Api;
using Samples.Tests.Support;

namespace Samples.Tests.Browser;

/// <summary>The Orleans Dashboard opens in a logged-in admin's browser (the web app's session), under the silo's Content-Security-Policy.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DashboardBrowserTests
{
    [Fact]
    public async Task An_admin_logged_in_to_the_web_app_opens_the_Orleans_dashboard()
    {
        var (silo, _) = await ApiFixture.StartIsolatedAsync("dashboard-web");
        await using var __ = silo;
        var user = await WebAppBrowser.CreateUserAsync(silo, Role.Admin, null, "运维管理员");
        await using var browser = await WebAppBrowser.LaunchAsync();
        var page = await browser.NewPageAsync(WebAppBrowser.Desktop);
        var before = await page.GotoAsync(new Uri(silo.Address, TelemetryComposition.DashboardPath + "/").ToString());
        before!.Status.Should().Be(401, "not logged in yet");

        await WebAppBrowser.LogInAsync(page, silo, user);
        var opened = await page.GotoAsync(new Uri(silo.Address, TelemetryComposition.DashboardPath + "/").ToString());

        opened!.Status.Should().Be(200);
        await Assertions.Expect(page).ToHaveTitleAsync("Orleans Dashboard");
        await Assertions.Expect(page.Locator("#dashboard-sidebar")).ToBeVisibleAsync();
        // The dashboard's own calls (counters, silos) go out with the session cookie and are answered.
        await page.WaitForResponseAsync(r => r.Url.Contains(TelemetryComposition.DashboardPath, StringComparison.Ordinal) && !r.Url.EndsWith('/') && r.Status == 200
            && r.Request.ResourceType is "fetch" or "xhr", new() { Timeout = 15000 });
        await WebAppBrowser.ShotAsync(page, "orleans-dashboard");
        browser.RefusedByPolicy.Should().BeEmpty("the dashboard runs under the silo's Content-Security-Policy");
    }
}
