using System.Security.Claims;
using Samples.Contracts.Accounts;
using Samples.Contracts.Common;
using Samples.Domain.Accounts;
using Samples.Silo.Access;
using Samples.Silo.Api;

namespace Samples.Silo.Accounts;

/// <summary>
/// Person accounts: an admin creates them (name, role, the inspector number or lab id they act as, a first password to
/// change at the first login); people log in with a password into a cookie session with a CSRF token, change their
/// password, log out here or everywhere. Five wrong passwords in a row lock an account for 15 minutes.
/// </summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").RequireAuthorization(Roles.Admins);
        users.MapPost("/", CreateAsync).Produces<AccountView>(StatusCodes.Status201Created);
        users.MapGet("/", ListAsync).Produces<List<AccountView>>();
        users.MapPost("/{userName}/logout-everywhere", async (string userName, IGrainFactory grains) =>
            AccountRules.Key(userName) is { } key && await grains.GetGrain<IUserAccountGrain>(key).GetAsync() is not null
                ? Results.Ok(new { ended = await grains.GetGrain<IUserAccountGrain>(key).EndAllSessionsAsync() })
                : Problems.NotFound($"No user {userName}."));

        app.MapPost("/api/session", LoginAsync).AllowAnonymous().Produces<SessionView>();
        var session = app.MapGroup("/api/session").RequireAuthorization(Roles.AnyCredential);
        session.MapGet("/", (ClaimsPrincipal user) => Results.Ok(View(user))).Produces<SessionView>();
        session.MapDelete("/", LogoutAsync);
        session.MapPost("/password", ChangePasswordAsync);
        session.MapPost("/logout-everywhere", async (ClaimsPrincipal user, IGrainFactory grains, HttpResponse response) =>
        {
            if (Own(user) is not { } own)
            {
                return NotASession();
            }

            Sessions.Clear(response);
            return Results.Ok(new { ended = await grains.GetGrain<IUserAccountGrain>(own.User).EndAllSessionsAsync() });
        });
    }

    /// <summary>
    /// While an account still has its first password, its session may only change the password, see itself and log out:
    /// the admin who set the first password must not be able to act as the person.
    /// </summary>
    public static IApplicationBuilder UseFirstPasswordRule(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.HasClaim(Sessions.MustChangeClaim, "true") && !context.Request.Path.StartsWithSegments("/api/session"))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(
                new { title = "Forbidden", status = 403, detail = "首次登录须先修改密码 / Change your first password first: POST /api/session/password" },
                options: null, contentType: "application/problem+json");
            return;
        }

        await next();
    });

    private static async Task<IResult> CreateAsync(CreateUserRequest? request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var problems = AccountRules.Check(request?.UserName, request?.Name, request?.Role, request?.Subject, request?.Password).ToList();
        if (problems.Count == 0)
        {
            // The person acts as a directory entry that exists, as a credential does.
            problems.AddRange(await CredentialEndpoints.SubjectProblemsAsync(request!.Role!, request.Subject?.Trim(), grains));
        }

        if (problems.Count > 0)
        {
            return Problems.Validation("The user was not created.", [.. problems]);
        }

        var key = AccountRules.Key(request!.UserName)!;
        var created = await grains.GetGrain<IUserAccountGrain>(key).CreateAsync(
            new CreateAccount(request.Name!, request.Role!, request.Subject, Sessions.Hash(request.Password!), Caller.Describe(user)));
        return created
            ? Results.Created($"/api/users/{key}", await grains.GetGrain<IUserAccountGrain>(key).GetAsync())
            : Problems.Conflict($"The user name {key} is taken.");
    }

    /// <summary>Every account as it is now (lockouts and sessions change after the registry recorded it).</summary>
    private static async Task<IResult> ListAsync(IGrainFactory grains)
    {
        var names = await grains.GetGrain<IAccountRegistryGrain>(IAccountRegistryGrain.Key).ListAsync();
        var now = await Task.WhenAll(names.Select(a => grains.GetGrain<IUserAccountGrain>(a.UserName).GetAsync()));
        return Results.Ok(now.OfType<AccountView>().ToArray());
    }

    private static async Task<IResult> LoginAsync(LoginRequest? request, IGrainFactory grains, HttpResponse response, TimeProvider clock)
    {
        if (AccountRules.Key(request?.UserName) is not { } key || string.IsNullOrEmpty(request?.Password))
        {
            return Problems.Validation("Not logged in.", new FieldProblem("userName", "the user name and the password are required"));
        }

        var account = grains.GetGrain<IUserAccountGrain>(key);
        var login = await account.GetLoginAsync();
        // An unknown name is checked against a decoy hash: the answer and its time say nothing about which names exist.
        var verified = Sessions.Verify(login?.PasswordHash, request.Password);
        if (login?.LockedUntil is { } locked)
        {
            return Locked(response, locked, clock.GetUtcNow());
        }

        var secret = verified ? Sessions.NewSecret() : null;
        var outcome = await account.RecordLoginAsync(verified, secret is null ? null : Sessions.SecretHash(secret), secret is null ? null : Sessions.NewSecret());
        if (outcome.LockedUntil is { } nowLocked)
        {
            return Locked(response, nowLocked, clock.GetUtcNow());
        }

        if (outcome.Session is not { } session)
        {
            return Results.Problem(title: "Not logged in.", detail: "用户名或密码错误 / The user name or the password is wrong.", statusCode: StatusCodes.Status401Unauthorized);
        }

        Sessions.Set(response, key, secret!);
        return Results.Ok(new SessionView(session.UserName, session.Name, session.Role, session.Subject, session.MustChangePassword, session.CsrfToken));
    }

    private static IResult Locked(HttpResponse response, DateTimeOffset until, DateTimeOffset now)
    {
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling((until - now).TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(title: "Locked.", statusCode: StatusCodes.Status423Locked,
            detail: $"账户已锁定 / Too many wrong passwords: the account is locked until {Samples.Domain.Reference.ChinaTime.Text(until)}.");
    }

    private static async Task<IResult> LogoutAsync(ClaimsPrincipal user, IGrainFactory grains, HttpResponse response)
    {
        if (Own(user) is not { } own)
        {
            return NotASession();
        }

        await grains.GetGrain<IUserAccountGrain>(own.User).EndSessionAsync(own.Session);
        Sessions.Clear(response);
        return Results.NoContent();
    }

    private static async Task<IResult> ChangePasswordAsync(ChangePasswordRequest? request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (Own(user) is not { } own)
        {
            return NotASession();
        }

        var account = grains.GetGrain<IUserAccountGrain>(own.User);
        if (!Sessions.Verify((await account.GetLoginAsync())?.PasswordHash, request?.CurrentPassword ?? string.Empty))
        {
            return Problems.Validation("The password was not changed.", new FieldProblem("currentPassword", "is not the current password"));
        }

        var problems = AccountRules.Password(request?.NewPassword, own.User).ToList();
        if (request!.NewPassword == request.CurrentPassword)
        {
            problems.Add(new FieldProblem("newPassword", "must differ from the current password"));
        }

        if (problems.Count > 0)
        {
            return Problems.Validation("The password was not changed.", [.. problems]);
        }

        await account.ChangePasswordAsync(Sessions.Hash(request.NewPassword!), own.Session);
        return Results.NoContent();
    }

    /// <summary>The account and session of a login session; null for an API token (which has neither).</summary>
    private static (string User, string Session)? Own(ClaimsPrincipal user) =>
        user.FindFirstValue(Sessions.SessionClaim) is { } session && user.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim) is { } id && id.StartsWith("user:", StringComparison.Ordinal)
            ? (id["user:".Length..], session)
            : null;

    private static IResult NotASession() =>
        Problems.Validation("Not a login session.", new FieldProblem("session", "this call is for a person's login session (POST /api/session), not an API token"));

    private static SessionView View(ClaimsPrincipal user) => new(
        user.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim) ?? string.Empty, user.FindFirstValue(ClaimTypes.Name) ?? string.Empty,
        user.FindFirstValue(ClaimTypes.Role) ?? string.Empty, user.FindFirstValue(ApiKeyAuthenticationHandler.SubjectClaim),
        user.HasClaim(Sessions.MustChangeClaim, "true"), user.FindFirstValue(Sessions.CsrfClaim));
}

public sealed record CreateUserRequest(string? UserName, string? Name, string? Role, string? Subject, string? Password);

public sealed record LoginRequest(string? UserName, string? Password);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>Who is logged in; the CSRF token goes back in X-CSRF-Token on every change (null for an API token).</summary>
public sealed record SessionView(string UserName, string Name, string Role, string? Subject, bool MustChangePassword, string? CsrfToken);
