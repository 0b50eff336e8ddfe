using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Samples.Tests.Support;

namespace Samples.Tests.Api;

/// <summary>Person accounts: created by an admin, a password login into a cookie session with a CSRF token, the first password changed, lockout, logout everywhere.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AccountApiTests
{
    private const string First = "Qinghai-2026!first";
    private const string Second = "Haixi-samples-42";

    [Fact]
    public async Task A_person_logs_in_changes_the_first_password_acts_with_the_csrf_token_and_is_logged_out_everywhere()
    {
        var (silo, _) = await ApiFixture.StartIsolatedAsync("accounts");
        await using var _silo = silo;
        using var admin = silo.Http(silo.AdminToken());
        var user = "li.jian." + Guid.NewGuid().ToString("N")[..6];
        // A person acts as a directory entry that exists, as a credential does.
        (await admin.PutAsJsonAsync("/api/inspectors/ACC-I-1", new { name = "李检", unit = "海西州市场监督管理局", regionCode = "632800", qualifiedCategories = new[] { "lithium-carbonate" }, maxOpenTasks = 5 })).EnsureSuccessStatusCode();

        (await admin.PostAsJsonAsync("/api/users", new { userName = user, name = "李检", role = "inspector", password = "short" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var noSubject = await admin.PostAsJsonAsync("/api/users", new { userName = user, name = "李检", role = "inspector", password = First });
        (await noSubject.Content.ReadAsStringAsync()).Should().Contain("subject");
        var created = await admin.PostAsJsonAsync("/api/users", new { userName = user.ToUpperInvariant(), name = "李检", role = "inspector", subject = "ACC-I-1", password = First });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        (await created.Content.ReadAsStringAsync()).Should().NotContain(First).And.NotContain("passwordHash");
        (await admin.PostAsJsonAsync("/api/users", new { userName = user, name = "别人", role = "supervisor", password = First })).StatusCode.Should().Be(HttpStatusCode.Conflict);

        using var browser = Browser(silo);
        (await browser.PostAsJsonAsync("/api/session", new { userName = user, password = "Wrong-password-1" })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await browser.PostAsJsonAsync("/api/session", new { userName = "nobody.here", password = First })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var login = await browser.PostAsJsonAsync("/api/session", new { userName = user, password = First });
        login.StatusCode.Should().Be(HttpStatusCode.OK, await login.Content.ReadAsStringAsync());
        login.Headers.GetValues("Set-Cookie").Single().Should().Contain("httponly").And.Contain("samesite=strict");
        var session = await login.Content.ReadFromJsonAsync<JsonElement>();
        session.GetProperty("mustChangePassword").GetBoolean().Should().BeTrue();
        var csrf = session.GetProperty("csrfToken").GetString()!;

        (await browser.GetAsync("/api/tasks/inbox")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the first password is changed first");
        (await browser.PostAsJsonAsync("/api/session/password", new { currentPassword = First, newPassword = Second })).StatusCode
            .Should().Be(HttpStatusCode.Unauthorized, "a change without the CSRF token could come from another site");
        browser.DefaultRequestHeaders.Add("X-CSRF-Token", csrf);
        (await browser.PostAsJsonAsync("/api/session/password", new { currentPassword = First, newPassword = "aaaaaaaaaaaa" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await browser.PostAsJsonAsync("/api/session/password", new { currentPassword = First, newPassword = Second })).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var me = await browser.GetFromJsonAsync<JsonElement>("/api/session");
        me.GetProperty("role").GetString().Should().Be("inspector");
        me.GetProperty("subject").GetString().Should().Be("ACC-I-1");
        me.GetProperty("mustChangePassword").GetBoolean().Should().BeFalse();
        (await browser.GetAsync("/api/tasks/inbox")).StatusCode.Should().Be(HttpStatusCode.OK, "the session acts as its inspector");
        (await browser.GetAsync("/api/users")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "an inspector is not an admin");

        var listed = await admin.GetFromJsonAsync<List<JsonElement>>("/api/users");
        listed!.Single(u => u.GetProperty("userName").GetString() == user).GetProperty("openSessions").GetInt32().Should().Be(1);
        (await admin.PostAsync($"/api/users/{user}/logout-everywhere", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await browser.GetAsync("/api/session")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "every session of the account ended");

        using var again = Browser(silo);
        (await again.PostAsJsonAsync("/api/session", new { userName = user, password = First })).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the first password is gone");
        (await again.PostAsJsonAsync("/api/session", new { userName = user, password = Second })).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var (silo, _) = await ApiFixture.StartIsolatedAsync("lockout");
        await using var _silo = silo;
        using var admin = silo.Http(silo.AdminToken());
        (await admin.PostAsJsonAsync("/api/users", new { userName = "wang.jian", name = "王监", role = "supervisor", password = First })).StatusCode.Should().Be(HttpStatusCode.Created);
        using var browser = Browser(silo);
        for (var i = 0; i < 5; i++)
        {
            (await browser.PostAsJsonAsync("/api/session", new { userName = "wang.jian", password = $"Wrong-{i}-password" })).StatusCode
                .Should().Be(i < 4 ? HttpStatusCode.Unauthorized : HttpStatusCode.Locked);
        }

        var locked = await browser.PostAsJsonAsync("/api/session", new { userName = "wang.jian", password = First });
        locked.StatusCode.Should().Be(HttpStatusCode.Locked);
        locked.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.FromMinutes(14));
        (await admin.GetFromJsonAsync<List<JsonElement>>("/api/users"))!.Single(u => u.GetProperty("userName").GetString() == "wang.jian").GetProperty("lockedUntil").ValueKind.Should().Be(JsonValueKind.String);
        silo.Clock.Advance(TimeSpan.FromMinutes(16));
        (await browser.PostAsJsonAsync("/api/session", new { userName = "wang.jian", password = First })).StatusCode.Should().Be(HttpStatusCode.OK, "the lock lasts 15 minutes");
    }

    [Fact]
    public async Task The_first_start_prints_the_admin_person_account_whose_first_password_must_be_changed()
    {
        var (silo, _) = await ApiFixture.StartIsolatedAsync("first-admin");
        await using var _silo = silo;
        var line = silo.Console.ToString().Split('\n').Single(l => l.Contains("Web application (/app/): user admin", StringComparison.Ordinal));
        var password = line.Split("first password ")[1].Split(' ')[0];
        using var browser = Browser(silo);
        var login = await browser.PostAsJsonAsync("/api/session", new { userName = "admin", password });
        login.StatusCode.Should().Be(HttpStatusCode.OK, await login.Content.ReadAsStringAsync());
        var session = await login.Content.ReadFromJsonAsync<JsonElement>();
        session.GetProperty("role").GetString().Should().Be("admin");
        session.GetProperty("mustChangePassword").GetBoolean().Should().BeTrue("a printed password is changed at first login");
    }

    [Fact]
    public async Task An_admin_creates_a_user_from_the_command_line_with_a_first_password_shown_once_and_lists_it()
    {
        var (silo, _) = await ApiFixture.StartIsolatedAsync("user-cli");
        await using var _silo = silo;
        var missing = await CliRunner.RunAsync(silo, silo.AdminToken(), "user", "create", "--user", "zhao.lab", "--name", "赵化验", "--role", "lab", "--subject", "LAB-CLI");
        missing.Error.Should().Contain("no lab LAB-CLI in the lab directory", "a person acts as a lab that exists");
        using (var admin = silo.Http(silo.AdminToken()))
        {
            (await admin.PutAsJsonAsync("/api/labs/LAB-CLI", new { name = "赵家实验室", accreditedCategories = new[] { "lithium-carbonate" }, mayRetest = false })).EnsureSuccessStatusCode();
        }

        var created = await CliRunner.RunAsync(silo, silo.AdminToken(), "user", "create", "--user", "zhao.lab", "--name", "赵化验", "--role", "lab", "--subject", "LAB-CLI");
        created.Code.Should().Be(0, created.Error);
        var first = created.Output.Split('\n').Single(l => l.StartsWith("初始密码 First password", StringComparison.Ordinal))["初始密码 First password".Length..].Trim();
        first.Should().MatchRegex("^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$");

        using var browser = Browser(silo);
        (await browser.PostAsJsonAsync("/api/session", new { userName = "zhao.lab", password = first })).StatusCode.Should().Be(HttpStatusCode.OK);
        var list = await CliRunner.RunAsync(silo, silo.AdminToken(), "user", "list");
        list.Output.Split('\n').Single(l => l.StartsWith("zhao.lab", StringComparison.Ordinal)).Should().Contain("赵化验").And.Contain("LAB-CLI").And.Contain("待修改");
        var ended = await CliRunner.RunAsync(silo, silo.AdminToken(), "user", "logout-everywhere", "zhao.lab");
        ended.Output.Should().StartWith("已结束 zhao.lab 的 1 个会话");
    }

    /// <summary>A client that keeps cookies, as a browser does.</summary>
    private static HttpClient Browser(RunningSilo silo) =>
        new(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = silo.Address };
}
