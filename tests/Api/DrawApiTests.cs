using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Samples.Client;
using Samples.Client.Http;
using Samples.Domain.Catalogue;
using Samples.Draw;
using Samples.Tests.Support;

namespace Samples.Tests.Api;

[Collection(PostgresCollection.Name)]
public sealed class DrawApiTests
{
    [Fact]
    public async Task A_round_is_committed_contributed_to_drawn_and_its_public_bundle_verifies()
    {
        var (silo, supervisor) = await ApiFixture.StartIsolatedAsync("draw");
        await using var _ = silo;
        using var http = silo.Http(supervisor);
        var planId = "DRAW-" + Guid.NewGuid().ToString("N")[..8];
        await DrawScenario.SeedAsync(http, planId);

        var commit = await http.PostAsJsonAsync($"/api/plans/{planId}/rounds/1/commit", new { entropyDeadline = DateTimeOffset.UtcNow.AddSeconds(5) });
        var again = await http.PostAsJsonAsync($"/api/plans/{planId}/rounds/1/commit", new { entropyDeadline = DateTimeOffset.UtcNow.AddHours(2) });
        commit.StatusCode.Should().Be(HttpStatusCode.Created, await commit.Content.ReadAsStringAsync());
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        var first = await commit.Content.ReadFromJsonAsync<JsonElement>();
        var second = await again.Content.ReadFromJsonAsync<JsonElement>();
        var drawId = first.GetProperty("drawId").GetString()!;
        drawId.Should().Be($"{planId}:R1");
        second.GetProperty("drawId").GetString().Should().Be(drawId);
        second.GetProperty("commitment").GetRawText().Should().Be(first.GetProperty("commitment").GetRawText(), "a second commit answers the first commitment");
        first.GetRawText().Should().NotContain("\"nonce\"");

        var path = $"/api/draws/{Uri.EscapeDataString(drawId)}";
        using var anonymous = silo.Http();
        (await anonymous.GetAsync($"/api/public/draws/{Uri.EscapeDataString(drawId)}/bundle")).StatusCode.Should().Be(HttpStatusCode.NotFound, "nothing is drawn yet");
        (await anonymous.PostAsJsonAsync($"{path}/draw", new { })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await Task.Delay(10);
        (await http.PostAsJsonAsync($"{path}/contributions", new { source = "witness 王监督", value = "王监督:7781" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await http.PostAsJsonAsync($"{path}/contributions", new { source = "witness", value = "" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var admin = silo.Http(silo.AdminToken());
        var issued = await admin.PostAsJsonAsync("/api/credentials", new { name = "企业代表李见证", role = "witness" });
        issued.StatusCode.Should().Be(HttpStatusCode.Created, await issued.Content.ReadAsStringAsync());
        using var witness = silo.Http((await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
        await Task.Delay(10);
        (await witness.PostAsJsonAsync($"{path}/contributions", new { source = "someone else", value = "李见证:0420" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await witness.PostAsync($"{path}/draw", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "a witness only contributes");
        (await witness.GetAsync("/api/inspectors")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await witness.GetAsync("/api/whoami")).StatusCode.Should().Be(HttpStatusCode.OK);
        var early = await http.PostAsync($"{path}/draw", null);
        early.StatusCode.Should().Be(HttpStatusCode.Conflict, "witnesses have until the deadline");
        await DrawScenario.PassAsync(first.GetProperty("entropyDeadline").GetDateTimeOffset(), silo.Clock);
        var drawn = await http.PostAsync($"{path}/draw", null);
        drawn.StatusCode.Should().Be(HttpStatusCode.OK, await drawn.Content.ReadAsStringAsync());
        var late = await http.PostAsJsonAsync($"{path}/contributions", new { source = "drand", value = "drand:1:ab" });
        late.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await late.Content.ReadAsStringAsync()).Should().Contain("revealed");
        (await http.GetFromJsonAsync<JsonElement>(path)).GetProperty("step").GetString().Should().Be("drawn");

        var bundleText = await anonymous.GetStringAsync($"/api/public/draws/{Uri.EscapeDataString(drawId)}/bundle");
        var bundle = DrawBundle.FromJson(bundleText);
        bundle.Frames.Should().Be(new BundleFrames(null, null, null), "the frames are published as their own files, the bundle names them by hash");
        Verifier.Verify(bundle).Should().ContainSingle(d => d.StartsWith("target frame: not in the bundle", StringComparison.Ordinal));
        var frames = new FrameFiles(
            await anonymous.GetByteArrayAsync($"/api/public/draws/{Uri.EscapeDataString(drawId)}/frames/targets.csv"),
            await anonymous.GetByteArrayAsync($"/api/public/draws/{Uri.EscapeDataString(drawId)}/frames/inspectors.csv"),
            await anonymous.GetByteArrayAsync($"/api/public/draws/{Uri.EscapeDataString(drawId)}/frames/exclusions.csv"));
        Verifier.Verify(bundle, frames).Should().BeEmpty("the public frame files are the committed frames");
        var compressed = await PublicDrawFrames.DownloadAsync(anonymous, drawId);
        Verifier.Verify(bundle, compressed).Should().BeEmpty("the compressed files are the same frames, the target frame streamed");
        compressed.Inspectors.Should().Equal(frames.Inspectors);
        var gz = await anonymous.GetAsync($"/api/public/draws/{Uri.EscapeDataString(drawId)}/frames/targets.csv.gz");
        gz.Content.Headers.ContentType!.MediaType.Should().Be("application/gzip");
        PublicDrawFrames.Gunzip(await gz.Content.ReadAsByteArrayAsync()).Should().Equal(frames.Targets);
        var forged = PublicDrawFrames.Gunzip(await gz.Content.ReadAsByteArrayAsync());
        forged[^2] ^= 1;
        Verifier.Verify(bundle, compressed with { OpenTargets = () => new MemoryStream(forged) }).Should()
            .Contain(d => d.StartsWith("target frame: sha256 of the bytes is", StringComparison.Ordinal), "a streamed frame is hashed as it is read");
        (await anonymous.GetAsync($"/api/public/draws/{Uri.EscapeDataString(drawId)}/frames/secrets.csv")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        bundle.Contributions.Should().HaveCount(2);
        bundle.Contributions[0].Source.Should().StartWith("witness 王监督 (entered by ", "a supervisor's entry says who entered it");
        bundle.Contributions[1].Source.Should().StartWith("witness 企业代表李见证 (", "a witness's contribution carries the witness's own name");
        bundle.Picks.Should().NotBeEmpty();
        JsonSerializer.Serialize(bundle.Commitment, DrawBundle.Json).Should().Contain(bundle.Commitment.NonceSha256);
        (await http.PostAsync($"{path}/draw", null)).StatusCode.Should().Be(HttpStatusCode.OK, "a second draw answers the first");
        (await anonymous.GetStringAsync($"/api/public/draws/{Uri.EscapeDataString(drawId)}/bundle")).Should().Be(bundleText);

        var index = await anonymous.GetFromJsonAsync<JsonElement>("/api/public/draws");
        index.EnumerateArray().Should().Contain(d => d.GetProperty("drawId").GetString() == drawId && d.GetProperty("step").GetString() == "drawn");
        index.EnumerateArray().Single(d => d.GetProperty("drawId").GetString() == drawId).GetProperty("commitmentSha256").GetString()
            .Should().Be(bundle.Seals.Commitment, "the public index carries the hash of the commitment published before the draw");
        index.EnumerateArray().Single(d => d.GetProperty("drawId").GetString() == drawId).GetProperty("bundleSha256").GetString()
            .Should().Be(Seals.BundleSha256(bundle), "and of the bundle once drawn");
        (await http.GetAsync("/api/draws/NOPE%3AR1")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await http.PostAsJsonAsync("/api/plans/NO-SUCH-PLAN/rounds/1/commit", new { })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await http.PostAsJsonAsync($"/api/plans/{planId}/rounds/9/commit", new { })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_commit_whose_entropy_window_is_shorter_than_the_deployments_minimum_is_refused_and_changes_nothing()
    {
        var (silo, supervisor) = await ApiFixture.StartIsolatedAsync("window", new Dictionary<string, string?> { ["Samples:Draws:MinimumEntropyWindow"] = "00:10:00" });
        await using var _ = silo;
        using var http = silo.Http(supervisor);
        var planId = "WIN-" + Guid.NewGuid().ToString("N")[..8];
        await DrawScenario.SeedAsync(http, planId);

        var tooShort = await http.PostAsJsonAsync($"/api/plans/{planId}/rounds/1/commit", new { entropyDeadline = DateTimeOffset.UtcNow.AddSeconds(40) });
        tooShort.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await tooShort.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("entropyDeadline")[0].GetString().Should().StartWith("must leave outside entropy open at least 10 minutes");
        (await http.GetAsync($"/api/draws/{Uri.EscapeDataString(planId)}:R1")).StatusCode.Should().Be(HttpStatusCode.NotFound, "nothing was committed");

        var byDefault = await http.PostAsJsonAsync($"/api/plans/{planId}/rounds/1/commit", new { });
        byDefault.StatusCode.Should().Be(HttpStatusCode.Created, await byDefault.Content.ReadAsStringAsync());
        var deadline = (await byDefault.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entropyDeadline").GetDateTimeOffset();
        deadline.Should().BeOnOrAfter(DateTimeOffset.UtcNow.AddMinutes(9.5), "without a deadline the window is the minimum");
    }

    [Fact]
    public async Task A_beacon_named_at_commit_is_the_only_one_taken_the_draw_waits_for_it_and_verify_checks_it_with_a_relay()
    {
        var (silo, supervisor) = await ApiFixture.StartIsolatedAsync("beacon");
        await using var _ = silo;
        using var http = silo.Http(supervisor);
        var planId = "BCN-" + Guid.NewGuid().ToString("N")[..8];
        var drawId = $"{planId}:R1";
        var path = $"/api/draws/{Uri.EscapeDataString(drawId)}";
        await DrawScenario.SeedAsync(http, planId);

        var unknown = await http.PostAsJsonAsync($"/api/plans/{planId}/rounds/1/commit", new { entropyDeadline = DateTimeOffset.UtcNow.AddSeconds(9), beacon = "nist" });
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadAsStringAsync()).Should().Contain("unknown beacon chain");
        (await http.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.NotFound, "a refused commit commits nothing");

        var deadline = DateTimeOffset.UtcNow.AddSeconds(9);
        var commit = await CliRunner.RunAsync(silo, supervisor, "draw", "commit", planId, "--round", "1", "--deadline", deadline.ToString("O", CultureInfo.InvariantCulture), "--beacon", "quicknet");
        commit.Code.Should().Be(ExitCodes.Ok, commit.Error);
        commit.Output.Should().MatchRegex(@"信标 Beacon\s+drand quicknet 第 \d+ 轮，");
        var beacon = (await http.GetFromJsonAsync<JsonElement>(path)).GetProperty("commitment").GetProperty("beacon");
        var round = beacon.GetProperty("round").GetInt64();
        var emitted = beacon.GetProperty("emittedAt").GetDateTimeOffset();
        emitted.Should().BeAfter(DateTimeOffset.UtcNow, "the value does not exist yet when it is named");

        byte[] signature = [.. Enumerable.Range(0, 48).Select(i => (byte)(i * 7))];
        var randomness = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(signature));
        var steered = await http.PostAsJsonAsync($"{path}/contributions", new { source = $"drand quicknet round {round + 1}", value = randomness });
        steered.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a beacon value differing from the committed source is refused");
        (await steered.Content.ReadAsStringAsync()).Should().Contain($"drand quicknet round {round}");
        (await http.PostAsJsonAsync($"{path}/beacon", new { round = round + 1, randomness })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var early = await http.PostAsJsonAsync($"{path}/beacon", new { round, randomness });
        early.StatusCode.Should().Be(HttpStatusCode.Conflict, "nobody knows the value before the chain emits it");
        (await early.Content.ReadAsStringAsync()).Should().Contain("cannot be known before");

        await DrawScenario.PassAsync(deadline, silo.Clock);
        var waiting = await http.PostAsync($"{path}/draw", null);
        waiting.StatusCode.Should().Be(HttpStatusCode.Conflict, "drawing without the committed beacon would let the one who draws choose");
        (await waiting.Content.ReadAsStringAsync()).Should().Contain("enter its randomness");
        var entered = await CliRunner.RunAsync(silo, supervisor, "draw", "beacon", drawId, "--round", round.ToString(CultureInfo.InvariantCulture), "--randomness", randomness);
        entered.Code.Should().Be(ExitCodes.Ok, entered.Error + entered.Output);
        (await http.PostAsync($"{path}/draw", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        var folder = System.IO.Directory.CreateTempSubdirectory("beacon-");
        using var relay = new System.Net.HttpListener();
        var port = FreePort();
        relay.Prefixes.Add($"http://127.0.0.1:{port}/");
        relay.Start();
        var published = randomness;
        var serving = Task.Run(async () =>
        {
            while (relay.IsListening)
            {
                var context = await relay.GetContextAsync();
                var body = context.Request.Url!.AbsolutePath == $"/{Beacons.Chain("quicknet")!.ChainHash}/public/{round}"
                    ? System.Text.Encoding.UTF8.GetBytes($$"""{"round":{{round}},"randomness":"{{published}}","signature":"{{Convert.ToHexStringLower(signature)}}"}""")
                    : [];
                context.Response.StatusCode = body.Length > 0 ? 200 : 404;
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        });
        try
        {
            var file = Path.Combine(folder.FullName, "R1.json");
            (await CliRunner.RunAsync(silo, null, "draw", "bundle", drawId, "--out", file)).Code.Should().Be(ExitCodes.Ok);
            var bundle = DrawBundle.FromJson(await File.ReadAllTextAsync(file));
            bundle.Contributions.Should().ContainSingle(c => c.Source == $"drand quicknet round {round}" && c.Value == randomness);
            File.Exists(Path.Combine(folder.FullName, PublishedFrames.FileName(bundle.Commitment.TargetFrameSha256))).Should().BeTrue("frames are kept under their hash");
            Verifier.Verify(bundle, PublishedFrames.FromFolder(folder.FullName, bundle.Commitment)).Should().BeEmpty("the command wrote the frame files beside the bundle");

            var output = new StringWriter();
            (await SamplesCli.RunAsync(["verify", file, "--beacon-relay", $"http://127.0.0.1:{port}"], output, new StringWriter())).Should().Be(ExitCodes.Ok, output.ToString());
            output.ToString().Should().Contain("与中继公布的值一致");

            published = new string('0', 64);
            output = new StringWriter();
            (await SamplesCli.RunAsync(["verify", file, "--beacon-relay", $"http://127.0.0.1:{port}"], output, new StringWriter())).Should().Be(ExitCodes.NotVerified);
            output.ToString().Should().Contain("the draw took " + randomness);
        }
        finally
        {
            relay.Stop();
            folder.Delete(true);
        }
    }

    [Fact]
    public async Task A_round_whose_teams_cannot_be_staffed_is_refused_naming_the_pool_or_allowed_with_the_shortfall_published_and_completed_later()
    {
        var (silo, supervisor) = await ApiFixture.StartIsolatedAsync("staffing");
        await using var _ = silo;
        using var http = silo.Http(supervisor);
        var planId = "STF-" + Guid.NewGuid().ToString("N")[..8];
        var drawId = $"{planId}:R1";
        await DrawScenario.SeedAsync(http, planId);
        for (var i = 0; i < 4; i++)
        {
            // Four inspectors, one open task each: 4 seats for the 4 drawn targets' 8.
            var body = new { name = $"检查员{i}", unit = i % 2 == 0 ? "海西州市场监督管理局" : "格尔木市市场监督管理局", regionCode = "632800", qualifiedCategories = new[] { DrawScenario.Category }, maxOpenTasks = 1 };
            (await http.PutAsJsonAsync($"/api/inspectors/{planId}-I{i}", body)).IsSuccessStatusCode.Should().BeTrue();
        }

        var frames = await http.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/frames?round=1");
        var pool = frames.GetProperty("staffing").EnumerateArray().Single();
        pool.GetProperty("seatsNeeded").GetInt32().Should().Be(8);
        pool.GetProperty("capacity").GetInt32().Should().Be(4);
        pool.GetProperty("problems")[0].GetString().Should().Be("capacity for 4 of 8 seats", "the frames show the shortfall before anyone commits");

        var refused = await http.PostAsJsonAsync($"/api/plans/{planId}/rounds/1/commit", new { entropyDeadline = DateTimeOffset.UtcNow.AddSeconds(3) });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("staffing")[0].GetString();
        problem.Should().Contain($"{pool.GetProperty("pool").GetString()}: capacity for 4 of 8 seats");
        (await http.GetAsync($"/api/draws/{Uri.EscapeDataString(drawId)}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "nothing was committed");

        var allowed = await http.PostAsJsonAsync($"/api/plans/{planId}/rounds/1/commit", new { entropyDeadline = DateTimeOffset.UtcNow.AddSeconds(3), allowShortTeams = true });
        allowed.StatusCode.Should().Be(HttpStatusCode.Created, await allowed.Content.ReadAsStringAsync());
        var staffing = (await allowed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("commitment").GetProperty("staffing");
        staffing.GetProperty("rule").GetString().Should().Be("allow-short-teams");
        staffing.GetProperty("pools")[0].GetProperty("problems")[0].GetString().Should().Be("capacity for 4 of 8 seats", "the shortfall is published in the commitment");
        await DrawScenario.PassAsync(silo.Clock.GetUtcNow().AddSeconds(3), silo.Clock);
        (await http.PostAsync($"/api/draws/{Uri.EscapeDataString(drawId)}/draw", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        var board = (await TaskScenario.WaitAsync(async () => await http.GetFromJsonAsync<List<JsonElement>>($"/api/plans/{planId}/tasks") is { Count: 4 } b ? b : null))!;
        var shortRow = board.First(r => r.GetProperty("team").GetArrayLength() < 2);
        var taskPath = $"/api/tasks/{Uri.EscapeDataString(shortRow.GetProperty("taskId").GetString()!)}";
        (await http.GetFromJsonAsync<JsonElement>(taskPath)).GetProperty("nextStep").GetString().Should().Contain("samples draw complete");
        var target = $"ENT|{shortRow.GetProperty("uscc").GetString()}|{DrawScenario.Category}";
        var missing = 2 - shortRow.GetProperty("team").GetArrayLength();
        for (var seat = 0; seat < missing; seat++)
        {
            var completed = await CliRunner.RunAsync(silo, supervisor, "draw", "complete", drawId, "--target", target, "--reason", "抽取时检查员不足 team short at the draw");
            completed.Code.Should().Be(ExitCodes.Ok, completed.Error);
        }

        var again = await http.PostAsJsonAsync($"/api/draws/{Uri.EscapeDataString(drawId)}/completions", new { targetId = target, reason = "again" });
        again.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a complete team is not completed again");
        var task = await http.GetFromJsonAsync<JsonElement>(taskPath);
        task.GetProperty("team").EnumerateArray().Count(m => m.GetProperty("status").GetString() == "assigned").Should().Be(2, "the task's team follows the bundle's");
        task.GetProperty("nextStep").GetString().Should().Be("each member accepts or declines");
        var bundle = DrawBundle.FromJson(await silo.Http().GetStringAsync($"/api/public/draws/{Uri.EscapeDataString(drawId)}/bundle"));
        bundle.Teams.Single(t => t.TargetId == target).Members.Should().BeEquivalentTo(task.GetProperty("team").EnumerateArray().Select(m => $"INS|{m.GetProperty("inspectorId").GetString()}"));
        bundle.Replacements.Should().HaveCount(missing).And.OnlyContain(r => r.Withdrawn == "");
        (await PublicDrawFrames.VerifyAsync(silo.Http(), bundle)).Should().BeEmpty();
    }

    private static int FreePort()
    {
        using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Every_commitment_publishes_the_audit_trails_head_in_the_draw_index_and_the_trail_is_checked_against_it()
    {
        var (silo, supervisor) = await ApiFixture.StartIsolatedAsync("anchor");
        await using var _ = silo;
        using var http = silo.Http(supervisor);
        var planId = "ANC-" + Guid.NewGuid().ToString("N")[..8];
        await DrawScenario.SeedAsync(http, planId);
        await DrawScenario.CommitAndDrawAsync(http, planId, 1, silo.Clock);
        var trail = await TaskScenario.WaitAsync(async () => await http.GetFromJsonAsync<List<JsonElement>>("/api/audit?limit=10000") is { Count: > 0 } rows ? rows : null);

        (await http.PostAsJsonAsync($"/api/plans/{planId}/rounds/2/commit", new { entropyDeadline = DateTimeOffset.UtcNow.AddMinutes(5) })).StatusCode.Should().Be(HttpStatusCode.Created);
        var entry = (await silo.Http().GetFromJsonAsync<List<JsonElement>>("/api/public/draws"))!.Single(d => d.GetProperty("drawId").GetString() == $"{planId}:R2");
        var head = entry.GetProperty("auditHeadSha256").GetString();
        head.Should().NotBeNull("the trail had entries when round 2 was committed");
        (await http.GetFromJsonAsync<List<JsonElement>>("/api/audit?limit=10000"))!.Select(r => r.GetProperty("sha256").GetString()).Should().Contain(head);
        var verified = await CliRunner.RunAsync(silo, supervisor, "audit", "verify", "--expect-head", head!);
        verified.Code.Should().Be(0, verified.Output);
        trail.Should().NotBeEmpty();
    }

    [Fact]
    public async Task The_commitment_draw_commit_prints_is_the_one_samples_verify_accepts()
    {
        var (silo, supervisor) = await ApiFixture.StartIsolatedAsync("draw-cli");
        await using var _ = silo;
        using var http = silo.Http(supervisor);
        var planId = "CLI-" + Guid.NewGuid().ToString("N")[..8];
        var drawId = $"{planId}:R1";
        await DrawScenario.SeedAsync(http, planId);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(5);

        var commit = await CliRunner.RunAsync(silo, supervisor, "draw", "commit", planId, "--round", "1", "--deadline", deadline.ToString("O", CultureInfo.InvariantCulture));
        commit.Code.Should().Be(ExitCodes.Ok, commit.Error);
        var printed = commit.Output.Split('\n').Single(l => l.StartsWith("承诺哈希 Commitment sha256", StringComparison.Ordinal))["承诺哈希 Commitment sha256".Length..].Trim();
        printed.Should().MatchRegex("^[0-9a-f]{64}$");
        commit.Output.Should().Contain("(UTC+8)").And.NotContain("+00:00", "people read China time");
        var early = await CliRunner.RunAsync(silo, supervisor, "draw", "reveal", drawId);
        early.Code.Should().Be(ExitCodes.Refused);
        early.Error.Should().Contain($"accepted until {deadline.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm:ss} (UTC+8)").And.NotContain("+00:00");
        await DrawScenario.PassAsync(deadline, silo.Clock);
        (await CliRunner.RunAsync(silo, supervisor, "draw", "reveal", drawId)).Code.Should().Be(ExitCodes.Ok);

        var list = await CliRunner.RunAsync(silo, null, "draw", "list");
        var row = Regex.Split(list.Output.Split('\n').Single(l => l.StartsWith(drawId, StringComparison.Ordinal)).TrimEnd('\r'), "  +");
        row[4].Should().Be("否", "the Late column says no for a draw on time, as Outside entropy does");
        row[^1].Should().Be(printed, "draw list and draw commit show the same commitment hash");
        var folder = System.IO.Directory.CreateTempSubdirectory("draw-cli-");
        try
        {
            var file = Path.Combine(folder.FullName, "R1.json");
            (await CliRunner.RunAsync(silo, null, "draw", "bundle", drawId, "--out", file)).Code.Should().Be(ExitCodes.Ok);
            var output = new StringWriter();
            (await SamplesCli.RunAsync(["verify", file, "--commitment", printed], output, new StringWriter())).Should().Be(ExitCodes.Ok, output.ToString());
            output.ToString().Should().StartWith("验证通过：抽取 " + drawId);
        }
        finally
        {
            folder.Delete(true);
        }
    }

    [Fact]
    public async Task The_departments_recent_samplings_exclude_targets_by_the_6_month_rule_and_recuse_the_inspectors()
    {
        var (silo, supervisor) = await ApiFixture.StartIsolatedAsync("sixmonth");
        await using var _ = silo;
        using var http = silo.Http(supervisor);
        var planId = "SIX-" + Guid.NewGuid().ToString("N")[..8];
        var usccs = await DrawScenario.SeedAsync(http, planId);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var record = new
        {
            batchId = $"{planId}-B1", enterpriseUscc = usccs[0], category = DrawScenario.Category, standard = "GB/T 11075-2013", trademark = "盐湖",
            specModel = "电池级", sampledOn = today.AddMonths(-2).ToString("yyyy-MM-dd"), inspectors = new[] { $"{planId}-I1" },
        };
        var old = record with { batchId = $"{planId}-B0", enterpriseUscc = usccs[1], sampledOn = today.AddMonths(-7).ToString("yyyy-MM-dd") };

        var recorded = await http.PostAsJsonAsync("/api/samplings", new { department = DrawScenario.Department, records = new[] { record, old } });
        recorded.StatusCode.Should().Be(HttpStatusCode.OK, await recorded.Content.ReadAsStringAsync());
        (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("added").GetInt32().Should().Be(2);
        var again = await http.PostAsJsonAsync("/api/samplings", new { department = DrawScenario.Department, records = new[] { record } });
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alreadyRecorded").GetInt32().Should().Be(1, "the same record twice is kept once");
        var changed = await http.PostAsJsonAsync("/api/samplings", new { department = DrawScenario.Department, records = new[] { record with { specModel = "工业级" } } });
        changed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await changed.Content.ReadAsStringAsync()).Should().Contain("records[0].batchId");

        var drawId = await DrawScenario.CommitAndDrawAsync(http, planId, clock: silo.Clock);
        var bundle = DrawBundle.FromJson(await silo.Http().GetStringAsync($"/api/public/draws/{Uri.EscapeDataString(drawId)}/bundle"));

        var frames = await PublicDrawFrames.DownloadAsync(silo.Http(), drawId);
        var exclusions = CanonicalFrames.ParseExclusions(System.Text.Encoding.UTF8.GetString(frames.Exclusions!)).Rows;
        exclusions.Should().ContainSingle(e => e.Id == $"ENT|{usccs[0]}|{DrawScenario.Category}").Which.Reason.Should().StartWith("6-month rule");
        exclusions.Should().NotContain(e => e.Id.Contains(usccs[1], StringComparison.Ordinal), "sampled seven months ago");
        bundle.Commitment.Inspections.Should().Contain(new PastInspection($"INS|{planId}-I1", usccs[0], today.AddMonths(-2)));
        Verifier.Verify(bundle, frames).Should().BeEmpty();
    }

    [Fact]
    public async Task A_paced_plan_sizes_each_round_from_what_remains_of_the_goal_and_publishes_the_figures()
    {
        var (silo, supervisor) = await ApiFixture.StartIsolatedAsync("pacing");
        await using var _ = silo;
        using var http = silo.Http(supervisor);
        var planId = "PACE-" + Guid.NewGuid().ToString("N")[..8];
        await DrawScenario.SeedAsync(http, planId);
        var paced = new
        {
            year = 2026, department = DrawScenario.Department, categories = new[] { DrawScenario.Category }, regions = Array.Empty<string>(),
            quotas = new { ratioByRiskClass = new Dictionary<string, decimal> { ["B"] = 0.5m, ["D"] = 0.5m }, allKeyItemsAtClassD = false },
            goalBatches = 10, roundSchedule = "0 0 9 1 1/2 ?", rounds = 2, pacing = new { marginCap = 0.3m },
        };
        (await http.PutAsJsonAsync($"/api/plans/{planId}", paced)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await http.PutAsJsonAsync($"/api/plans/{planId}", paced with { pacing = new { marginCap = 0.95m } })).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var first = await DrawAsync(http, silo, planId, 1);
        var alternate = new { targetId = first.Picks[0].Id, reason = "企业已停产" };
        var asked = await http.PostAsJsonAsync($"/api/draws/{Uri.EscapeDataString($"{planId}:R1")}/alternates", alternate);
        asked.StatusCode.Should().Be(HttpStatusCode.Accepted, "no task records it: a second supervisor must approve");
        using var admin = silo.Http(silo.AdminToken());
        using var approver = silo.Http(await TaskScenario.CredentialAsync(admin, "第二监督员", Samples.Contracts.Access.Role.Supervisor, null));
        var closed = await approver.PostAsJsonAsync($"/api/draws/{Uri.EscapeDataString($"{planId}:R1")}/alternates", alternate);
        closed.StatusCode.Should().Be(HttpStatusCode.OK, await closed.Content.ReadAsStringAsync());
        var second = await DrawAsync(http, silo, planId, 2);

        // Round 1: 10 to go over 2 rounds = 5, shared 2.5 : 2.5 by the plan's own rule, the extra one to B (ties by key).
        first.Commitment.Rules.Quotas.Pacing!.RoundSize.Should().Be(5);
        first.Commitment.Rules.Quotas.Fixed.Select(f => f.Count).Should().Equal(3, 2);
        first.Picks.Should().HaveCount(5);
        // Round 2: the 5 drawn in round 1 are in progress (one gave way to an alternate); 5 remain for the last round,
        // raised for the 1 in 6 attempted that could not be sampled: 5 / (5/6) = 6.
        second.Commitment.Rules.Quotas.Pacing.Should().BeEquivalentTo(new { Goal = 10, Concluded = 0, InProgress = 5, RoundsLeft = 1, Attempted = 6, CouldNotBeSampled = 1, RoundSize = 6 });
        (await PublicDrawFrames.VerifyAsync(silo.Http(), first)).Should().BeEmpty();
        (await PublicDrawFrames.VerifyAsync(silo.Http(), second)).Should().BeEmpty();
    }

    private static async Task<DrawBundle> DrawAsync(HttpClient http, RunningSilo silo, string planId, int round)
    {
        var drawId = await DrawScenario.CommitAndDrawAsync(http, planId, round, silo.Clock);
        return DrawBundle.FromJson(await silo.Http().GetStringAsync($"/api/public/draws/{Uri.EscapeDataString(drawId)}/bundle"));
    }
}
