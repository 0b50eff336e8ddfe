using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Samples.Domain.Tests.Support;
using Samples.Tests.Support;

namespace Samples.Tests.Browser;

/// <summary>
/// What the web app's browser tests share: Debian's Chromium at a phone's or a desktop's size, a person account made and
/// logged in through the pages (first password changed), the axe accessibility check (zero serious or critical
/// violations), screenshots at both widths in TestResults/screenshots/web, and the Content-Security-Policy watch.
/// </summary>
public sealed class WebAppBrowser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";
    public const string FirstPassword = "First-password-2026";
    public const string OwnPassword = "Own-password-2026";

    /// <summary>A mid-range phone (CSS pixels as Chromium's device list has it).</summary>
    public static readonly ViewportSize Phone = new() { Width = 393, Height = 851 };
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };

    private readonly IPlaywright playwright;

    private WebAppBrowser(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>Messages Chromium logged about refusing something under the Content-Security-Policy.</summary>
    public List<string> RefusedByPolicy { get; } = [];

    public static async Task<WebAppBrowser> LaunchAsync()
    {
        File.Exists(Chromium).Should().BeTrue($"the browser tests drive Debian's Chromium at {Chromium} (ops/test.sh installs it)");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox",
            // A test keeps several people's pages open; the one it is not looking at must not have its timers throttled
            // (a page with Playwright's clock installed runs its timers from a real-time loop).
            "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows"] });
        return new WebAppBrowser(playwright, browser);
    }

    /// <summary>A fresh context (its own cookies and storage) at the given size, China's time zone and language.</summary>
    public async Task<IPage> NewPageAsync(ViewportSize size, bool mobile = false)
    {
        var context = await Browser.NewContextAsync(new()
        {
            ViewportSize = size, IsMobile = mobile, HasTouch = mobile, Locale = "zh-CN", TimezoneId = "Asia/Shanghai",
        });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                RefusedByPolicy.Add(message.Text);
            }
        };
        return page;
    }

    /// <summary>Creates a person account (role, subject) with the admin's token and returns its user name.</summary>
    public static async Task<string> CreateUserAsync(RunningSilo silo, string role, string? subject, string name)
    {
        using var admin = silo.Http(silo.AdminToken());
        var user = $"{role}.{Guid.NewGuid().ToString("N")[..6]}";
        var created = await admin.PostAsJsonAsync("/api/users", new { userName = user, name, role, subject, password = FirstPassword });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return user;
    }

    /// <summary>Logs in through the login page and changes the first password there, as a new person does.</summary>
    public static async Task LogInAsync(IPage page, RunningSilo silo, string user, string firstPassword = FirstPassword)
    {
        await page.GotoAsync(new Uri(silo.Address, "/app/#/login").ToString());
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(firstPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).Last.ClickAsync();
        await Assertions.Expect(page.GetByText("首次登录须先修改密码。")).ToBeVisibleAsync();
        await page.GetByLabel("当前密码").FillAsync(firstPassword);
        await page.GetByLabel("新密码").FillAsync(OwnPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        // The password page stays until the server took the new password; then the role's home opens.
        await Assertions.Expect(page.GetByText("首次登录须先修改密码。")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#who")).ToBeVisibleAsync();
    }

    /// <summary>Runs axe-core (from web/node_modules) on the page; returns the serious and critical violations.</summary>
    public static async Task<IReadOnlyList<string>> AxeAsync(IPage page)
    {
        var axe = Path.Combine(RepoPaths.Root, "web", "node_modules", "axe-core", "axe.min.js");
        File.Exists(axe).Should().BeTrue("axe-core is a dev dependency of web/ (npm ci installs it)");
        // Injected through the test driver, not a <script> the page's policy would have to allow.
        await page.EvaluateAsync(await File.ReadAllTextAsync(axe));
        var result = await page.EvaluateAsync<JsonElement>("async () => (await axe.run(document, { resultTypes: ['violations'] })).violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3) }))");
        return [.. result.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("help").GetString()} at {string.Join(", ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()))}")];
    }

    /// <summary>A full-page screenshot in TestResults/screenshots/web/NAME.png.</summary>
    public static async Task ShotAsync(IPage page, string name)
    {
        var folder = Path.Combine(RepoPaths.Root, "TestResults", "screenshots", "web");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    /// <summary>Checks the page with axe and takes its screenshot at the page's width, then at the other width.</summary>
    public static async Task CheckAndShootAsync(IPage page, string name)
    {
        (await AxeAsync(page)).Should().BeEmpty($"the {name} page has no serious accessibility violation");
        var size = page.ViewportSize!;
        await ShotAsync(page, $"{name}-{(size.Width < 600 ? "phone" : "desktop")}");
        var other = size.Width < 600 ? Desktop : Phone;
        await page.SetViewportSizeAsync(other.Width, other.Height);
        await ShotAsync(page, $"{name}-{(other.Width < 600 ? "phone" : "desktop")}");
        await page.SetViewportSizeAsync(size.Width, size.Height);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}
