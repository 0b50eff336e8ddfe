using Microsoft.Playwright;
using Samples.Tests.Api;
using Samples.Tests.Support;

namespace Samples.Tests.Browser;

/// <summary>The rendered API reference (Swagger UI) works from the silo alone, under its Content-Security-Policy.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ApiReferenceBrowserTests
{
    [Fact]
    public async Task The_api_reference_page_renders_from_the_silo_alone()
    {
        var (silo, _) = await ApiFixture.StartIsolatedAsync("api-docs");
        await using var __ = silo;
        await using var browser = await WebAppBrowser.LaunchAsync();
        var page = await browser.NewPageAsync(WebAppBrowser.Desktop);
        var outside = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(silo.Address.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                outside.Add(request.Url);
            }
        };

        await page.GotoAsync(new Uri(silo.Address, "/api/docs/").ToString());

        await Assertions.Expect(page.Locator(".swagger-ui .title")).ToContainTextAsync("Samples API");
        // Swagger UI renders a long list of operations virtually (only those near the viewport exist): scroll to the one wanted.
        var recordSampling = page.Locator(".opblock-summary-path[data-path='/api/tasks/{taskId}/record-sampling']").First;
        for (var scrolls = 0; scrolls < 200 && await recordSampling.CountAsync() == 0; scrolls++)
        {
            await page.Mouse.WheelAsync(0, 1500);
            await page.WaitForTimeoutAsync(50);
        }

        await Assertions.Expect(recordSampling).ToBeVisibleAsync();
        outside.Should().BeEmpty("the reference page loads nothing from the internet");
        browser.RefusedByPolicy.Should().BeEmpty("the Swagger UI runs under the silo's Content-Security-Policy");
        await WebAppBrowser.ShotAsync(page, "api-reference");
    }
}
