using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Samples.Domain.Tests.Support;
using Samples.Tests.Support;

namespace Samples.Tests.Api;

/// <summary>Writes refuse fields the API does not know, naming them; a body that is not JSON is a 400 and one log line.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RequestBodyTests(ApiFixture api)
{
    [Fact]
    public async Task An_unknown_field_on_a_write_is_400_naming_it_and_registers_nothing()
    {
        using var http = api.Silo.Http(api.SupervisorToken);
        var uscc = Codes.NewUscc();

        var response = await http.PostAsJsonAsync("/api/enterprises", new { uscc, name = "青海示例公司", isAdmin = true });

        var problem = await ShouldBeBadRequestAsync(response, "isAdmin: unknown field");
        problem.GetProperty("errors").GetProperty("isAdmin")[0].GetString().Should().Be("unknown field");
        (await http.GetAsync($"/api/enterprises/{uscc}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "nothing was registered");
    }

    [Fact]
    public async Task An_unknown_field_in_a_change_is_refused_and_the_record_keeps_its_data()
    {
        using var http = api.Silo.Http(api.SupervisorToken);
        var uscc = Codes.NewUscc();
        (await http.PostAsJsonAsync("/api/enterprises", new { uscc, name = "原名示例公司" })).EnsureSuccessStatusCode();

        var response = await http.PatchAsJsonAsync($"/api/enterprises/{uscc}", new { name = "新名示例公司", owner = "someone" });

        await ShouldBeBadRequestAsync(response, "owner: unknown field");
        var stored = await http.GetFromJsonAsync<JsonElement>($"/api/enterprises/{uscc}");
        stored.GetProperty("name").GetString().Should().Be("原名示例公司");
    }

    [Fact]
    public async Task An_unknown_nested_field_is_named_by_its_path()
    {
        using var http = api.Silo.Http(api.SupervisorToken);

        var response = await http.PostAsJsonAsync("/api/samplings", new { department = "QH", records = new object[] { new { batchId = "B1", surprise = 1 } } });

        await ShouldBeBadRequestAsync(response, "records[0].surprise: unknown field");
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_400_naming_the_field()
    {
        using var http = api.Silo.Http(api.SupervisorToken);

        var response = await http.PostAsync("/api/enterprises", Json("""{"uscc": 5, "name": "示例"}"""));

        await ShouldBeBadRequestAsync(response, "uscc: has a value of the wrong type or format");
    }

    [Fact]
    public async Task A_parameter_that_does_not_parse_is_400_naming_it()
    {
        using var http = api.Silo.Http();

        var response = await http.GetAsync("/api/results?limit=many");

        await ShouldBeBadRequestAsync(response, "limit: 'many' is not a valid int");
    }

    [Fact]
    public async Task Malformed_json_is_400_saying_where_and_one_warning_line_without_a_stack_trace()
    {
        using var http = api.Silo.Http(api.SupervisorToken);
        var uscc = Codes.NewUscc();
        (await http.PostAsJsonAsync("/api/enterprises", new { uscc, name = "格式示例公司" })).EnsureSuccessStatusCode();

        var response = await http.PatchAsync($"/api/enterprises/{uscc}", Json("""{"name": "新名", """));

        await ShouldBeBadRequestAsync(response, "body: is not valid JSON at line 1, byte ");
        var logged = api.Silo.Log.Entries.Where(e => e.Message.Contains(uscc, StringComparison.Ordinal) || e.Exception?.ToString().Contains(uscc, StringComparison.Ordinal) == true).ToList();
        logged.Should().ContainSingle("one line for one refused request").Which.Should().Match<LogEntry>(e =>
            e.Level == LogLevel.Warning && e.Exception == null && !e.Message.Contains('\n', StringComparison.Ordinal));
        logged[0].Message.Should().Contain($"PATCH /api/enterprises/{uscc}").And.Contain("400").And.Contain("body: is not valid JSON");
        api.Silo.Log.Entries.Should().NotContain(e => e.Exception is Microsoft.AspNetCore.Http.BadHttpRequestException, "a bad request is not an unhandled exception");
    }

    [Fact]
    public async Task A_body_with_a_line_break_in_a_bad_value_is_still_one_log_line()
    {
        using var http = api.Silo.Http();
        var marker = Guid.NewGuid().ToString("N");

        var response = await http.GetAsync($"/api/results?limit={marker}%0Afake-entry");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        api.Silo.Log.Entries.Where(e => e.Message.Contains(marker, StringComparison.Ordinal)).Should().ContainSingle()
            .Which.Message.Should().NotContain("\n", "a value from the request cannot start a forged log line");
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ShouldBeBadRequestAsync(HttpResponseMessage response, string detailPart)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, text);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var body = JsonDocument.Parse(text).RootElement;
        body.GetProperty("detail").GetString().Should().Contain(detailPart);
        return body;
    }
}
