using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Samples.Tests.Support;

namespace Samples.Tests.Api;

/// <summary>What workflow tests share: credentials for the drawn people, and waiting for the read models.</summary>
public static class TaskScenario
{
    public static async Task<string> CredentialAsync(RunningSilo silo, string name, string role, string subject)
    {
        using var admin = silo.Http(silo.AdminToken());
        var response = await admin.PostAsJsonAsync("/api/credentials", new { name, role, subject });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>Read models follow the events: poll until the condition holds (at most 30 s).</summary>
    public static async Task<T> WaitAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        var until = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var value = await probe();
            if (value is not null)
            {
                return value;
            }

            DateTimeOffset.UtcNow.Should().BeBefore(until, "the read model should follow the events within 30 s");
            await Task.Delay(100);
        }
    }

    public static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe)
        where T : struct
    {
        var until = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            DateTimeOffset.UtcNow.Should().BeBefore(until, "the read model should follow the events within 30 s");
            await Task.Delay(100);
        }
    }
}
