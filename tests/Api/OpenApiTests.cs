using System.Net;
using System.Text.Json;
using Samples.Silo.Api;
using Samples.Tests.Support;

namespace Samples.Tests.Api;

/// <summary>The API's own reference: the OpenAPI document and the interactive page, both without a credential.</summary>
[Collection(PostgresCollection.Name)]
public sealed class OpenApiTests(ApiFixture api)
{
    [Fact]
    public async Task The_document_names_each_operations_roles_and_its_error_answers()
    {
        using var anonymous = api.Silo.Http();

        var document = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json")).RootElement;

        document.GetProperty("info").GetProperty("title").GetString().Should().Contain("Samples API");
        document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString().Should().Be("bearer");
        var paths = document.GetProperty("paths");
        var step = paths.GetProperty("/api/tasks/{taskId}/record-sampling").GetProperty("post");
        step.GetProperty("description").GetString().Should().StartWith("Roles: ");
        step.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()
            .Should().Be("#/components/schemas/RecordSampling", "each action's body is typed (the web app's client is generated from it)");
        paths.EnumerateObject().Select(p => p.Name).Should().NotContain("/api/tasks/{taskId}/{action}", "the catch-all that answers an unknown action is not an operation");
        document.GetProperty("components").GetProperty("schemas").GetProperty("RecordSampling").GetProperty("properties").EnumerateObject().Select(p => p.Name)
            .Should().Contain("batchId").And.NotContain("name", "the route names the action; the body has no such field");
        var responses = step.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
        responses.Should().Contain(["400", "401", "403", "404", "409", "503"]);
        step.GetProperty("responses").GetProperty("409").GetProperty("content").GetProperty("application/problem+json").GetProperty("example").GetProperty("status").GetInt32().Should().Be(409);
        paths.GetProperty("/api/results").GetProperty("get").GetProperty("description").GetString().Should().StartWith("No credential needed.");
        paths.GetProperty("/api/credentials").GetProperty("post").GetProperty("description").GetString().Should().StartWith("Roles: admin.");
        paths.EnumerateObject().Select(p => p.Name).Should().Contain(["/api/plans/{planId}/progress", "/api/public/draws/{drawId}/bundle", "/api/tasks/inbox"]);
        step.GetProperty("tags")[0].GetString().Should().Be("Tasks 抽样任务");
        paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject()).SelectMany(o => o.Value.GetProperty("tags").EnumerateArray().Select(t => t.GetString()))
            .Should().NotContain(t => t == "testhost" || t!.EndsWith("Endpoints", StringComparison.Ordinal), "operations are grouped by what they are about");
    }

    [Fact]
    public async Task Every_operation_documents_its_success_answer_and_the_daily_ones_their_schema()
    {
        using var anonymous = api.Silo.Http();
        var paths = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json")).RootElement.GetProperty("paths");

        var operations = paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Method: o.Name, Operation: o.Value))).ToList();
        operations.Should().HaveCountGreaterThan(50);
        operations.Where(o => !o.Operation.GetProperty("responses").EnumerateObject().Any(r => r.Name.StartsWith('2')))
            .Select(o => $"{o.Method} {o.Path}").Should().BeEmpty("every operation says what it answers when it works");
        foreach (var (path, method) in new[] { ("/api/tasks/{taskId}/record-sampling", "post"), ("/api/tasks/inbox", "get"), ("/api/plans/{planId}/progress", "get"), ("/api/results", "get"), ("/api/enterprises/{uscc}", "get"), ("/api/public/draws", "get") })
        {
            paths.GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json")
                .GetProperty("schema").ValueKind.Should().Be(JsonValueKind.Object, $"{method} {path} has a response schema (the reference page shows an example from it)");
        }
    }

    [Fact]
    public async Task The_interactive_reference_is_served_from_the_silo()
    {
        using var anonymous = api.Silo.Http();

        var page = await anonymous.GetAsync("/api/docs/index.html");

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).Should().Contain("swagger-ui");
        (await anonymous.GetAsync("/api/docs/swagger-ui-bundle.js")).StatusCode.Should().Be(HttpStatusCode.OK, "the page's script comes from the silo, not a CDN");
    }
}
