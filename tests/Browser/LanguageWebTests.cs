using Microsoft.Playwright;
using Samples.Tests.Api;
using Samples.Tests.Support;

namespace Samples.Tests.Browser;

/// <summary>Chinese first, English by the switch in the header, remembered by the browser; the page's language follows.</summary>
[Collection(PostgresCollection.Name)]
public sealed class LanguageWebTests(ApiFixture api)
{
    [Fact]
    public async Task The_app_opens_in_Chinese_and_the_switch_turns_every_label_to_English_and_back()
    {
        await using var browser = await WebAppBrowser.LaunchAsync();
        var page = await browser.NewPageAsync(WebAppBrowser.Phone, mobile: true);
        await page.GotoAsync(new Uri(api.Silo.Address, "/app/#/login").ToString());
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Assertions.Expect(page.GetByLabel("用户名")).ToBeVisibleAsync();

        await page.GetByLabel("语言").SelectOptionAsync("en");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.GetByLabel("User name")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log in" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Published results" })).ToBeVisibleAsync();
        await WebAppBrowser.CheckAndShootAsync(page, "login-english");

        // Remembered: the next visit opens in English; the public results page too.
        await page.GotoAsync(new Uri(api.Silo.Address, "/app/#/results").ToString());
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.Locator("main h1")).Not.ToContainTextAsync("公示");

        await page.GetByLabel("Language").SelectOptionAsync("zh-CN");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        browser.RefusedByPolicy.Should().BeEmpty();
    }
}
