using System.Text.Json;
using System.Text.Json.Nodes;
using Samples.Domain.Tests.Support;
using Samples.Tests.Api;
using Samples.Tests.Support;

namespace Samples.Tests.Web;

/// <summary>
/// The web app's API client is typed from web/src/api/openapi.json at build time; this keeps that file equal to the
/// silo's own OpenAPI document, so a changed endpoint fails here and then in the web build (tsc), never in a user's hands.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class WebApiContractTests(ApiFixture api)
{
    /// <summary>Set to 1 to write the silo's document into web/ (then rebuild the web app and fix what tsc reports).</summary>
    public const string UpdateVariable = "SAMPLES_UPDATE_OPENAPI";

    [Fact]
    public async Task The_web_apps_copy_of_the_OpenAPI_document_is_the_silos_own()
    {
        using var http = new HttpClient { BaseAddress = api.Silo.Address };
        var live = JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!.AsObject();
        live.Remove("servers"); // the address of whichever silo answered
        var path = Path.Combine(RepoPaths.Root, "web", "src", "api", "openapi.json");
        var text = live.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(path, text);
        }

        var copy = JsonNode.Parse(await File.ReadAllTextAsync(path));
        var same = JsonNode.DeepEquals(live, copy);
        if (!same)
        {
            Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "TestResults"));
            await File.WriteAllTextAsync(Path.Combine(RepoPaths.Root, "TestResults", "openapi.json"), text);
        }

        same.Should().BeTrue($"web/src/api/openapi.json must be the silo's document; the silo's is in TestResults/openapi.json (or run this test with {UpdateVariable}=1), then rebuild web/ and fix what tsc reports");
    }
}
