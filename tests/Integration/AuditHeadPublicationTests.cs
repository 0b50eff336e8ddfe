using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Samples.Domain.Tests.Support;
using Samples.Silo.Audit;
using Samples.Tests.Api;
using Samples.Tests.Support;

namespace Samples.Tests.Integration;

/// <summary>
/// The audit trail's head leaves the database: a silo on the real PostgreSQL records it in its head log at start and
/// whenever the job runs (only when it changed), and GET /api/public/audit/heads publishes the recorded heads to anyone.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AuditHeadPublicationTests
{
    [Fact]
    public async Task The_head_is_recorded_outside_the_database_at_start_and_when_it_changed_and_published_newest_first()
    {
        var serviceId = RunningSilo.NewServiceId("heads");
        var file = RunningSilo.HeadLogFile(serviceId);
        var silo = await RunningSilo.StartAsync(serviceId);
        JsonElement first;
        try
        {
            first = await AddYearAndWaitForTheHeadAsync(silo, 2091, previous: null);

            var recorder = silo.Services.GetRequiredService<AuditHeadRecorder>();
            await recorder.RecordAsync(CancellationToken.None);
            var lines = Lines(file);
            lines[^1].Should().Be((first.GetProperty("seq").GetInt64(), first.GetProperty("sha256").GetString()), "the job's core wrote the trail's head");
            (await recorder.RecordAsync(CancellationToken.None)).Should().BeNull("the head did not change");
            Lines(file).Should().HaveCount(lines.Count, "an unchanged head adds no line");

            var published = await Published(silo, string.Empty);
            published[0].EnumerateObject().Select(p => p.Name).Should().Equal("seq", "sha256", "at", "recordedAt");
            published[0].GetProperty("sha256").GetString().Should().Be(first.GetProperty("sha256").GetString(), "the newest recorded head is the public head");

            await AddYearAndWaitForTheHeadAsync(silo, 2092, previous: first);
        }
        finally
        {
            await silo.DisposeAsync();
        }

        // The head moved while nobody recorded it: the next start records it.
        var before = Lines(file).Count;
        silo = await RunningSilo.StartAsync(serviceId);
        await using var _ = silo;
        var head = await silo.Http().GetFromJsonAsync<JsonElement>("/api/public/audit/head");
        var until = DateTimeOffset.UtcNow.AddSeconds(30);
        while (Lines(file).Count == before)
        {
            DateTimeOffset.UtcNow.Should().BeBefore(until, "a silo records the trail's head within seconds of its start");
            await Task.Delay(100);
        }

        Lines(file)[^1].Should().Be((head.GetProperty("seq").GetInt64(), head.GetProperty("sha256").GetString()));

        var newestFirst = await Published(silo, string.Empty);
        newestFirst.Select(e => e.GetProperty("seq").GetInt64()).Should().BeInDescendingOrder().And.HaveCount(Lines(file).Count);
        newestFirst[0].GetProperty("sha256").GetString().Should().Be(head.GetProperty("sha256").GetString());
        newestFirst.Should().Contain(e => e.GetProperty("sha256").GetString() == first.GetProperty("sha256").GetString(), "earlier heads stay published");
        (await Published(silo, "?limit=1")).Should().ContainSingle().Which.GetProperty("seq").GetInt64().Should().Be(head.GetProperty("seq").GetInt64());
    }

    /// <summary>Adds a year to the deployment's working calendar (an entry of its audit trail) and answers the public head once it moved.</summary>
    private static async Task<JsonElement> AddYearAndWaitForTheHeadAsync(RunningSilo silo, int year, JsonElement? previous)
    {
        using var admin = silo.Http(silo.AdminToken());
        (await admin.PostAsJsonAsync($"/api/calendar/{year}", SyntheticCalendar.Body(SyntheticCalendar.For(year)))).StatusCode.Should().Be(HttpStatusCode.Created);
        using var anonymous = silo.Http();
        var moved = await TaskScenario.WaitAsync(async () =>
        {
            var answer = await anonymous.GetAsync("/api/public/audit/head");
            if (answer.StatusCode != HttpStatusCode.OK)
            {
                return null;
            }

            var head = await answer.Content.ReadFromJsonAsync<JsonElement>();
            var recorded = await admin.GetFromJsonAsync<JsonElement>("/api/audit?limit=100000");
            var holdsYear = recorded.EnumerateArray().Any(e => e.GetProperty("detail").GetString()!.StartsWith($"{year} version 1", StringComparison.Ordinal));
            return holdsYear && head.GetProperty("seq").GetInt64() > (previous?.GetProperty("seq").GetInt64() ?? 0) ? (object)head : null;
        });
        return (JsonElement)moved;
    }

    private static async Task<List<JsonElement>> Published(RunningSilo silo, string query)
    {
        using var anonymous = silo.Http();
        var answer = await anonymous.GetAsync($"/api/public/audit/heads{query}");
        answer.StatusCode.Should().Be(HttpStatusCode.OK, "the recorded heads are public");
        return [.. (await answer.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
    }

    /// <summary>The file's entries, oldest first; read again while the silo holds it (it locks the file while appending).</summary>
    private static List<(long Seq, string? Sha256)> Lines(string file)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return File.Exists(file) ? [.. File.ReadAllLines(file).Select(l => AuditHeadEntry.Parse(l)!).Select(e => (e.Seq, (string?)e.Sha256))] : [];
            }
            catch (IOException) when (attempt < 100)
            {
                Thread.Sleep(20);
            }
        }
    }
}
