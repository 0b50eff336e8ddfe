using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Samples.Client.Http;
using Samples.Contracts.Directory;
using Samples.Domain.Tests.Support;
using Samples.Tests.Support;

namespace Samples.Tests.Api;

[Collection(PostgresCollection.Name)]
public sealed class ApiTests(ApiFixture api)
{
    [Fact]
    public async Task Health_tells_anyone_the_status_and_nothing_that_finds_the_cluster()
    {
        foreach (var token in new[] { null, api.SupervisorToken, api.InspectorToken, "smp_abcdefghijkm.wrongsecret" })
        {
            using var http = api.Silo.Http(token);

            var response = await http.GetAsync("/health");

            response.StatusCode.Should().Be(HttpStatusCode.OK, "a load balancer needs no credential");
            var body = await response.Content.ReadAsStringAsync();
            JsonSerializer.Deserialize<JsonElement>(body).EnumerateObject().Select(p => $"{p.Name}={p.Value}").Should()
                .Equal(["status=healthy"], "the cluster id, service id and silo addresses are what an Orleans client needs to find the cluster");
        }
    }

    [Fact]
    public async Task Health_reports_silo_postgres_and_membership_to_an_admin()
    {
        using var http = api.Silo.Http(api.AdminToken);

        var response = await http.GetAsync("/health");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var health = await response.Content.ReadFromJsonAsync<JsonElement>();
        health.GetProperty("silo").GetProperty("clusterId").GetString().Should().NotBeNullOrEmpty();
        health.GetProperty("status").GetString().Should().Be("healthy");
        health.GetProperty("silo").GetProperty("status").GetString().Should().Be("Active");
        health.GetProperty("postgres").GetProperty("reachable").GetBoolean().Should().BeTrue();
        health.GetProperty("cluster").GetProperty("activeSilos").GetInt32().Should().Be(1);
        health.GetProperty("messaging").GetProperty("transport").GetString().Should().Be("InMemory");
        health.GetProperty("messaging").GetProperty("status").GetString().Should().Be("Healthy");
        var scheduling = health.GetProperty("scheduling");
        scheduling.GetProperty("running").GetBoolean().Should().BeTrue();
        scheduling.GetProperty("persistent").GetBoolean().Should().BeTrue("Quartz keeps its jobs in PostgreSQL, not in memory");
        scheduling.GetProperty("clustered").GetBoolean().Should().BeFalse("one silo runs unclustered by default");
    }

    [Fact]
    public async Task A_missing_credential_is_401_with_a_problem_body()
    {
        using var http = api.Silo.Http();

        var response = await http.GetAsync($"/api/enterprises/{Codes.NewUscc()}");

        await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized, "This call needs a credential");
        response.Headers.WwwAuthenticate.Should().ContainSingle().Which.Scheme.Should().Be("Bearer");
    }

    [Theory]
    [InlineData("smp_abcdefghijkm.wrongsecret", "The credential is unknown or revoked.")]
    [InlineData("not-a-token", "The credential is not a Samples API token")]
    public async Task A_wrong_credential_is_401_saying_why(string token, string reason)
    {
        using var http = api.Silo.Http(token);

        var response = await http.GetAsync("/api/whoami");

        await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized, reason);
    }

    [Fact]
    public async Task A_tampered_secret_of_a_real_key_is_401()
    {
        using var http = api.Silo.Http(api.SupervisorToken[..^2] + "xx");

        var response = await http.GetAsync("/api/whoami");

        await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized, "The credential is unknown or revoked.");
    }

    [Fact]
    public async Task The_wrong_role_is_403_naming_the_roles_needed()
    {
        using var http = api.Silo.Http(api.InspectorToken);
        var uscc = Codes.NewUscc();

        var response = await http.PostAsJsonAsync("/api/enterprises", new { uscc, name = "某公司" });

        await ShouldBeProblemAsync(response, HttpStatusCode.Forbidden, "Role 'inspector' may not do this; it needs one of: supervisor, admin.");
        using var admin = api.Silo.Http(api.AdminToken);
        (await admin.GetAsync($"/api/enterprises/{uscc}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "nothing was registered");
    }

    [Fact]
    public async Task Only_admins_issue_credentials()
    {
        using var http = api.Silo.Http(api.SupervisorToken);

        var response = await http.PostAsJsonAsync("/api/credentials", new { name = "x", role = "admin" });

        await ShouldBeProblemAsync(response, HttpStatusCode.Forbidden, "it needs one of: admin");
    }

    [Fact]
    public async Task A_bad_code_is_400_naming_the_field_position_and_expected_character()
    {
        using var http = api.Silo.Http(api.SupervisorToken);

        var response = await http.PostAsJsonAsync("/api/enterprises", new { uscc = "91350100M000100Y44", name = "某公司" });

        var body = await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, "position 18: check character is '4', expected '3'");
        body.GetProperty("errors").GetProperty("uscc")[0].GetString().Should().StartWith("position 18");
    }

    [Fact]
    public async Task Every_invalid_field_is_listed_in_one_400()
    {
        using var http = api.Silo.Http(api.SupervisorToken);

        var response = await http.PostAsJsonAsync("/api/enterprises", new { uscc = Codes.NewUscc(), name = "", regionCode = "63" });

        var body = await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, "name: is required");
        body.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(["name", "regionCode"]);
    }

    [Fact]
    public async Task Malformed_json_is_400_with_a_problem_body()
    {
        using var http = api.Silo.Http(api.SupervisorToken);

        var response = await http.PostAsync("/api/enterprises", new StringContent("{\"uscc\": ", Encoding.UTF8, "application/json"));

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, "JSON");
    }

    [Fact]
    public async Task Register_is_201_then_200_for_the_same_data_and_409_for_different_data()
    {
        using var http = api.Silo.Http(api.SupervisorToken);
        var uscc = Codes.NewUscc();
        var body = new { uscc = uscc.ToLowerInvariant(), name = "海西示例钾肥有限公司", regionCode = "632800", address = "格尔木市察尔汗" };

        var created = await http.PostAsJsonAsync("/api/enterprises", body);
        var repeated = await http.PostAsJsonAsync("/api/enterprises", body);
        var different = await http.PostAsJsonAsync("/api/enterprises", body with { name = "别的名字" });

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        created.Headers.Location!.ToString().Should().Be($"/api/enterprises/{uscc}", "the code is stored upper-case");
        var view = await created.Content.ReadFromJsonAsync<EnterpriseView>(ApiClient.Json);
        view!.RegisteredBy.Should().StartWith("王监督 (", "the history records who registered it");
        repeated.StatusCode.Should().Be(HttpStatusCode.OK);
        await ShouldBeProblemAsync(different, HttpStatusCode.Conflict, "already registered with different data");

        using var inspector = api.Silo.Http(api.InspectorToken);
        var read = await inspector.GetFromJsonAsync<EnterpriseView>($"/api/enterprises/{uscc}", ApiClient.Json);
        read!.Name.Should().Be("海西示例钾肥有限公司");
    }

    [Fact]
    public async Task An_unknown_enterprise_is_404()
    {
        using var http = api.Silo.Http(api.InspectorToken);

        var response = await http.GetAsync($"/api/enterprises/{Codes.NewUscc()}");

        await ShouldBeProblemAsync(response, HttpStatusCode.NotFound, "is registered");
    }

    [Fact]
    public async Task An_override_with_its_reason_is_recorded()
    {
        using var http = api.Silo.Http(api.SupervisorToken);
        var valid = Codes.NewUscc();
        var wrong = valid[..17] + (valid[17] == '0' ? '1' : '0');

        var refused = await http.PostAsJsonAsync("/api/enterprises", new { uscc = wrong, name = "试点企业" });
        var accepted = await http.PostAsJsonAsync("/api/enterprises", new { uscc = wrong, name = "试点企业", usccOverrideReason = "2014 pilot code, confirmed by the registry" });

        await ShouldBeProblemAsync(refused, HttpStatusCode.BadRequest, "usccOverrideReason");
        accepted.StatusCode.Should().Be(HttpStatusCode.Created);
        var view = await accepted.Content.ReadFromJsonAsync<EnterpriseView>(ApiClient.Json);
        view!.UsccOverride!.Reason.Should().Be("2014 pilot code, confirmed by the registry");
    }

    [Fact]
    public async Task Update_status_and_risk_class_change_the_entry_and_say_who()
    {
        using var http = api.Silo.Http(api.SupervisorToken);
        var uscc = Codes.NewUscc();
        (await http.PostAsJsonAsync("/api/enterprises", new { uscc, name = "西宁示例光伏组件有限公司", kind = "producer", categories = new[] { "pv-module-csi" } }))
            .StatusCode.Should().Be(HttpStatusCode.Created);

        var patched = await http.PatchAsJsonAsync($"/api/enterprises/{uscc}", new { regionCode = "630100", keySupervision = true });
        var status = await http.PostAsJsonAsync($"/api/enterprises/{uscc}/status", new { status = "deregistered", reason = "注销登记" });
        var risk = await http.PostAsJsonAsync($"/api/enterprises/{uscc}/risk-class", new { month = "2026-10", riskClass = "d" });

        patched.StatusCode.Should().Be(HttpStatusCode.OK);
        status.StatusCode.Should().Be(HttpStatusCode.OK);
        risk.StatusCode.Should().Be(HttpStatusCode.OK);
        var view = (await risk.Content.ReadFromJsonAsync<EnterpriseView>(ApiClient.Json))!;
        view.RegionCode.Should().Be("630100");
        view.KeySupervision.Should().BeTrue();
        view.Status.Should().Be(EnterpriseStatus.Deregistered);
        view.RiskClass.Should().Be(RiskClass.D);
        view.History.Should().HaveCount(4).And.OnlyContain(h => h.By.StartsWith("王监督 (", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Regions_must_be_qinghai_divisions_valid_today()
    {
        using var http = api.Silo.Http(api.SupervisorToken);

        var stale = await http.PostAsJsonAsync("/api/enterprises", new { uscc = Codes.NewUscc(), name = "x", regionCode = "632100" });

        await ShouldBeProblemAsync(stale, HttpStatusCode.BadRequest, "regionCode: 632100 was replaced on 2013-02-08");
    }

    [Fact]
    public async Task Categories_must_be_in_the_catalogue_in_force()
    {
        using var http = api.Silo.Http(api.SupervisorToken);

        var response = await http.PostAsJsonAsync("/api/enterprises", new { uscc = Codes.NewUscc(), name = "x", categories = new[] { "potash" } });

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, "categories: 'potash' is not a category of the catalogue in force; known: cosmetics, drug-tablet");
    }

    [Fact]
    public async Task The_catalogue_is_served_versioned_and_gives_verdicts_with_reasons()
    {
        using var lab = api.Silo.Http(api.InspectorToken);
        using var admin = api.Silo.Http(api.AdminToken);

        var current = await lab.GetFromJsonAsync<JsonElement>("/api/catalogue");
        var verdict = await lab.PostAsJsonAsync("/api/catalogue/verdicts", new
        {
            category = "potash-kcl-gb6549",
            variants = new Dictionary<string, string> { ["grade"] = "premium" },
            results = new Dictionary<string, object> { ["k2o"] = new { kind = "value", value = 59.96m }, ["h2o"] = new { kind = "value", value = 1.2m } },
        });
        var stale = await admin.PostAsync("/api/catalogue", new StringContent(current.GetRawText(), Encoding.UTF8, "application/json"));
        var broken = await admin.PostAsync("/api/catalogue", new StringContent("{\"version\": 99}", Encoding.UTF8, "application/json"));
        var notAdmin = await lab.PostAsync("/api/catalogue", new StringContent("{}", Encoding.UTF8, "application/json"));

        current.GetProperty("version").GetInt32().Should().BeGreaterThanOrEqualTo(1);
        var body = await verdict.Content.ReadAsStringAsync();
        verdict.StatusCode.Should().Be(HttpStatusCode.OK, body);
        var parsed = JsonDocument.Parse(body).RootElement;
        parsed.GetProperty("outcome").GetString().Should().Be("fail", "59.96 % K2O is below the premium grade's 60.0 % by the full-value method");
        await ShouldBeProblemAsync(stale, HttpStatusCode.BadRequest, "is not above the newest version known");
        broken.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        notAdmin.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_wrong_kind_or_status_is_400_listing_the_allowed_words()
    {
        using var http = api.Silo.Http(api.SupervisorToken);
        var uscc = Codes.NewUscc();

        var register = await http.PostAsJsonAsync("/api/enterprises", new { uscc, name = "x", kind = "wholesaler" });
        var status = await http.PostAsJsonAsync($"/api/enterprises/{uscc}/status", new { status = "closed", reason = "whatever" });

        await ShouldBeProblemAsync(register, HttpStatusCode.BadRequest, "kind: 'wholesaler' is not one of: producer, seller, tourist-site-retailer");
        await ShouldBeProblemAsync(status, HttpStatusCode.BadRequest, "status: 'closed' is not one of: active, deregistered, abnormal-operation");
    }

    [Fact]
    public async Task Changing_an_unknown_enterprise_is_404()
    {
        using var http = api.Silo.Http(api.SupervisorToken);

        var response = await http.PatchAsJsonAsync($"/api/enterprises/{Codes.NewUscc()}", new { name = "x" });

        await ShouldBeProblemAsync(response, HttpStatusCode.NotFound, "is registered");
    }

    [Fact]
    public async Task Inspectors_and_labs_are_defined_listed_and_read_back()
    {
        using var http = api.Silo.Http(api.SupervisorToken);
        var number = "API-" + Guid.NewGuid().ToString("N")[..8];
        var lab = "LAB-" + Guid.NewGuid().ToString("N")[..8];
        var body = new { name = "才让", unit = "玉树州市场监督管理局", regionCode = "632700", qualifiedCategories = new[] { "cosmetics" }, maxOpenTasks = 3 };

        var created = await http.PutAsJsonAsync($"/api/inspectors/{number}", body);
        var repeated = await http.PutAsJsonAsync($"/api/inspectors/{number}", body);
        var conflict = await http.PostAsJsonAsync($"/api/inspectors/{number}/conflicts", new { uscc = "91350100M000100Y43", reason = "曾在该企业任职" });
        var badDate = await http.PostAsJsonAsync($"/api/inspectors/{number}/inspections", new { uscc = "91350100M000100Y43" });
        var labCreated = await http.PutAsJsonAsync($"/api/labs/{lab}", new { name = "青海省药品检验检测院", accreditedCategories = new[] { "cosmetics", "drug-tablet" }, mayRetest = true });
        var list = await http.GetFromJsonAsync<JsonElement>("/api/inspectors");

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        repeated.StatusCode.Should().Be(HttpStatusCode.OK);
        conflict.StatusCode.Should().Be(HttpStatusCode.OK);
        await ShouldBeProblemAsync(badDate, HttpStatusCode.BadRequest, "date: is required");
        labCreated.StatusCode.Should().Be(HttpStatusCode.Created);
        list.EnumerateArray().Should().Contain(i => i.GetProperty("number").GetString() == number && i.GetProperty("conflicts").GetArrayLength() == 1);
        using var inspector = api.Silo.Http(api.InspectorToken);
        (await inspector.GetAsync("/api/inspectors")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the whole directory is for supervisors");
        (await inspector.GetAsync($"/api/labs/{lab}")).StatusCode.Should().Be(HttpStatusCode.OK);
        await ShouldBeProblemAsync(await http.PostAsJsonAsync("/api/inspectors/NOBODY-1/conflicts", new { uscc = "91350100M000100Y43", reason = "亲属关系" }), HttpStatusCode.NotFound, "not in the directory");
    }

    [Fact]
    public async Task A_plan_is_versioned_and_its_frames_count_the_directory()
    {
        var (silo, supervisor) = await ApiFixture.StartIsolatedAsync("frames");
        await using var _ = silo;
        using var http = silo.Http(supervisor);
        const string category = "lithium-carbonate";
        var planId = "PLAN-" + Guid.NewGuid().ToString("N")[..8];
        var codes = Enumerable.Range(0, 4).Select(_ => Codes.NewUscc()).ToArray();
        for (var i = 0; i < codes.Length; i++)
        {
            var created = await http.PostAsJsonAsync("/api/enterprises", new { uscc = codes[i], name = $"企业{i}", regionCode = i < 3 ? "632803" : "630106", categories = new[] { category }, riskClass = i == 0 ? "D" : "B" });
            created.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        await http.PostAsJsonAsync($"/api/enterprises/{codes[2]}/status", new { status = "abnormal", reason = "列入经营异常名录" });
        var plan = new
        {
            year = 2026, department = "青海省市场监督管理局", categories = new[] { category }, regions = Array.Empty<string>(),
            quotas = new { ratioByRiskClass = new Dictionary<string, decimal> { ["B"] = 0.05m, ["d"] = 0.61m }, allKeyItemsAtClassD = true },
            goalBatches = 1000, roundSchedule = "0 0 9 1 1/2 ?", rounds = 6,
        };

        var created1 = await http.PutAsJsonAsync($"/api/plans/{planId}", plan);
        var version2 = await http.PutAsJsonAsync($"/api/plans/{planId}", plan with { goalBatches = 1200 });
        var badCron = await http.PutAsJsonAsync($"/api/plans/{planId}", plan with { roundSchedule = "every month" });
        var frames = await http.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/frames?round=2");

        created1.StatusCode.Should().Be(HttpStatusCode.Created);
        version2.StatusCode.Should().Be(HttpStatusCode.OK);
        (await version2.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32().Should().Be(2);
        await ShouldBeProblemAsync(badCron, HttpStatusCode.BadRequest, "roundSchedule: 'every month' is not a Quartz cron expression");
        await ShouldBeProblemAsync(await http.PutAsJsonAsync($"/api/plans/{planId}", plan with { rounds = 12 }), HttpStatusCode.BadRequest, "rounds: the round schedule fires 6 times in 2026");
        frames.GetProperty("planVersion").GetInt32().Should().Be(2);
        frames.GetProperty("targets").GetInt32().Should().Be(3);
        frames.GetProperty("strata").EnumerateArray().Select(s => s.GetProperty("key").GetString() + "=" + s.GetProperty("members").GetInt32())
            .Should().Equal($"630100|{category}|B=1", $"632800|{category}|B=1", $"632800|{category}|D=1");
        frames.GetProperty("excludedTargetsByReason").GetProperty("on the abnormal-operation list").GetInt32().Should().Be(1);
        await ShouldBeProblemAsync(await http.GetAsync($"/api/plans/{planId}/frames?round=7"), HttpStatusCode.BadRequest, "round: must be between 1 and 6");
    }

    [Fact]
    public async Task A_wrong_secret_for_a_real_key_does_not_lock_its_owner_out_and_a_guessed_key_stays_refused()
    {
        var keyId = api.SupervisorToken[4..16];
        using var wrong = api.Silo.Http($"smp_{keyId}.{new string('x', 43)}");
        (await wrong.GetAsync("/api/whoami")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var owner = api.Silo.Http(api.SupervisorToken);
        (await owner.GetAsync("/api/whoami")).StatusCode.Should().Be(HttpStatusCode.OK, "only key ids never issued are remembered as unknown");

        using var guessed = api.Silo.Http($"smp_zzzzzzzzzzzz.{new string('y', 43)}");
        (await guessed.GetAsync("/api/whoami")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await guessed.GetAsync("/api/whoami")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "answered from the negative cache the second time");
    }

    [Fact]
    public async Task A_revoked_credential_is_refused_at_once()
    {
        using var admin = api.Silo.Http(api.AdminToken);
        var issued = await (await admin.PostAsJsonAsync("/api/credentials", new { name = "临时监督员", role = "supervisor" })).Content.ReadFromJsonAsync<JsonElement>();
        var token = issued.GetProperty("token").GetString()!;
        var keyId = issued.GetProperty("keyId").GetString()!;
        using var lab = api.Silo.Http(token);
        (await lab.GetAsync("/api/whoami")).StatusCode.Should().Be(HttpStatusCode.OK);

        var revoked = await admin.DeleteAsync($"/api/credentials/{keyId}");
        var self = await admin.DeleteAsync($"/api/credentials/{api.AdminToken[4..16]}");

        revoked.StatusCode.Should().Be(HttpStatusCode.NoContent);
        await ShouldBeProblemAsync(await lab.GetAsync("/api/whoami"), HttpStatusCode.Unauthorized, "unknown or revoked");
        await ShouldBeProblemAsync(self, HttpStatusCode.Conflict, "the credential you are using");
        await ShouldBeProblemAsync(await admin.DeleteAsync("/api/credentials/abcdefghijkm"), HttpStatusCode.NotFound, "No credential");
    }

    private static async Task<JsonElement> ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detailPart)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, text);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var body = JsonDocument.Parse(text).RootElement;
        body.GetProperty("status").GetInt32().Should().Be((int)status);
        body.GetProperty("detail").GetString().Should().Contain(detailPart);
        return body;
    }

    [Fact]
    public async Task A_deadline_is_counted_from_the_working_calendar_and_flagged_past_its_last_year()
    {
        using var http = api.Silo.Http(api.InspectorToken);

        var festival = await http.GetFromJsonAsync<JsonElement>("/api/reference/deadline?from=2026-02-12&workingDays=5");
        var holiday = await http.GetFromJsonAsync<JsonElement>("/api/reference/deadline?from=2026-09-20&days=15");
        var unknown = await http.GetFromJsonAsync<JsonElement>("/api/reference/deadline?from=2026-12-20&workingDays=20");

        festival.GetProperty("due").GetString().Should().Be("2026-02-26");
        holiday.GetProperty("due").GetString().Should().Be("2026-10-08");
        unknown.GetProperty("due").ValueKind.Should().Be(JsonValueKind.Null);
        unknown.GetProperty("flag").GetString().Should().Contain("2027");
        (await http.GetAsync("/api/reference/deadline?from=2026-02-12")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await http.GetAsync("/api/reference/deadline?from=2026-02-12&days=3&workingDays=2")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_department_has_one_plan_a_year_so_no_round_is_drawn_again_under_another_plan_id()
    {
        using var supervisor = api.Silo.Http(api.SupervisorToken);
        var department = "测试局-" + Guid.NewGuid().ToString("N")[..8];
        object Plan(int year) => new
        {
            year, department, categories = new[] { DrawScenario.Category }, regions = Array.Empty<string>(),
            quotas = new { ratioByRiskClass = new Dictionary<string, decimal> { ["B"] = 0.5m } }, goalBatches = 10, roundSchedule = "0 0 9 1 1/2 ?", rounds = 2,
        };
        var first = "ONE-" + Guid.NewGuid().ToString("N")[..8];
        var second = "TWO-" + Guid.NewGuid().ToString("N")[..8];
        (await supervisor.PutAsJsonAsync($"/api/plans/{first}", Plan(2026))).StatusCode.Should().Be(HttpStatusCode.Created);

        var again = await supervisor.PutAsJsonAsync($"/api/plans/{second}", Plan(2026));
        again.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("department")[0].GetString()
            .Should().Contain($"already has plan {first} for 2026");
        (await supervisor.GetAsync($"/api/plans/{second}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "nothing was saved");
        (await supervisor.PutAsJsonAsync($"/api/plans/{second}", Plan(2027))).StatusCode.Should().Be(HttpStatusCode.Created, "another year is another plan");
        (await supervisor.PutAsJsonAsync($"/api/plans/{first}", Plan(2026))).StatusCode.Should().Be(HttpStatusCode.OK, "the plan itself may be saved again");
    }

    [Fact]
    public async Task Every_date_out_of_range_is_a_400_naming_its_field_never_a_500()
    {
        using var http = api.Silo.Http(api.InspectorToken);
        using var supervisor = api.Silo.Http(api.SupervisorToken);
        using var admin = api.Silo.Http(api.AdminToken);

        foreach (var query in new[] { "from=9999-12-31&days=5", "from=9999-12-31&workingDays=5", "from=0001-01-01&days=5", "from=abc&days=5" })
        {
            var response = await http.GetAsync($"/api/reference/deadline?{query}");
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, query);
            (await response.Content.ReadAsStringAsync()).Should().Contain("from", query);
        }

        foreach (var year in new[] { 1, 9999 })
        {
            var plan = DrawScenario.Plan(year, "0 0 9 1 1/2 ?", 2);
            var response = await supervisor.PutAsJsonAsync($"/api/plans/FAR-{year}-{Guid.NewGuid():N}"[..20], plan);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, $"year {year}");
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("year", out _).Should().BeTrue();
        }

        var farDays = new { sourceTitle = "x", sourceDate = "2088-11-01", holidays = new object?[] { new { name = "远", daysOff = new[] { "9999-12-31" } }, null } };
        var calendar = await admin.PostAsJsonAsync("/api/calendar/2089", farDays);
        calendar.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await calendar.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.GetProperty("holidays[0].daysOff")[0].GetString().Should().Be("9999-12-31 is not in 2089");
        errors.GetProperty("holidays[1].name")[0].GetString().Should().Contain("named");
    }

    [Fact]
    public async Task An_inspector_credential_acts_as_an_inspector_of_the_directory()
    {
        using var supervisor = api.Silo.Http(api.SupervisorToken);
        using var admin = api.Silo.Http(api.AdminToken);
        var number = "SUBJ-" + Guid.NewGuid().ToString("N")[..8];
        var inspector = new { name = "检查员甲", unit = "海西州市场监督管理局", regionCode = "632800", qualifiedCategories = new[] { "lithium-carbonate" }, maxOpenTasks = 5 };
        (await supervisor.PutAsJsonAsync($"/api/inspectors/{number}", inspector)).IsSuccessStatusCode.Should().BeTrue();

        var issued = await admin.PostAsJsonAsync("/api/credentials", new { name = "检查员甲", role = "inspector", subject = number });
        issued.StatusCode.Should().Be(HttpStatusCode.Created, await issued.Content.ReadAsStringAsync());
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        using var asInspector = api.Silo.Http(token);
        (await asInspector.GetFromJsonAsync<JsonElement>("/api/whoami")).GetProperty("subject").GetString().Should().Be(number);

        var unknown = await admin.PostAsJsonAsync("/api/credentials", new { name = "x", role = "inspector", subject = "NO-SUCH-INSPECTOR" });
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadAsStringAsync()).Should().Contain("subject").And.Contain("NO-SUCH-INSPECTOR");
        (await admin.PostAsJsonAsync("/api/credentials", new { name = "x", role = "supervisor", subject = number })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        foreach (var role in new[] { "inspector", "lab" })
        {
            var nobody = await admin.PostAsJsonAsync("/api/credentials", new { name = "x", role });
            nobody.StatusCode.Should().Be(HttpStatusCode.BadRequest, $"a {role} credential names whom it acts as");
            (await nobody.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("subject")[0].GetString().Should().Contain("is required");
        }
    }
}
