using System.Security.Claims;
using Samples.Contracts.Common;
using Samples.Contracts.Directory;
using Samples.Domain.Directory;
using Samples.Silo.Api;
using Samples.Silo.Catalogue;

namespace Samples.Silo.Directory;

public static class EnterpriseEndpoints
{
    public static void MapEnterpriseEndpoints(this IEndpointRouteBuilder app)
    {
        var enterprises = app.MapGroup("/api/enterprises");
        enterprises.MapPost("/", RegisterAsync).RequireAuthorization(Roles.Supervisors).Produces<EnterpriseView>(StatusCodes.Status201Created).Produces<EnterpriseView>();
        enterprises.MapGet("/{uscc}", GetAsync).RequireAuthorization(Roles.Anyone).Produces<EnterpriseView>();
        enterprises.MapPatch("/{uscc}", UpdateAsync).RequireAuthorization(Roles.Supervisors);
        enterprises.MapPost("/{uscc}/status", ChangeStatusAsync).RequireAuthorization(Roles.Supervisors).Produces<EnterpriseView>();
        enterprises.MapPost("/{uscc}/risk-class", SetRiskClassAsync).RequireAuthorization(Roles.Supervisors).Produces<EnterpriseView>();
    }

    private static async Task<IResult> RegisterAsync(RegisterEnterpriseRequest? request, ClaimsPrincipal user, IGrainFactory grains, TimeProvider clock)
    {
        if (request is null)
        {
            return Problems.Validation("The enterprise was not registered.", new FieldProblem("body", "a JSON object with uscc and name is required"));
        }

        // A code that is not even 18 allowed characters cannot name a grain: answer before activating one.
        var check = Uscc.Validate(request.Uscc);
        if (!check.IsValid && !check.Overridable)
        {
            return Problems.Validation("The enterprise was not registered.", new FieldProblem("uscc", check.Problem!));
        }

        var problems = new List<FieldProblem>();
        var kind = request.Kind is null ? EnterpriseKind.Producer : ParseOrReport<EnterpriseKind>(request.Kind, "kind", EnterpriseVocabulary.TryParseKind, problems);
        var risk = request.RiskClass is null ? RiskClass.B : ParseOrReport<RiskClass>(request.RiskClass, "riskClass", EnterpriseVocabulary.TryParseRiskClass, problems);
        problems.AddRange(await CategoryCheck.UnknownAsync(grains, "categories", request.Categories));
        problems.AddRange(RegionCheck.Problems(request.RegionCode, clock));
        var command = new RegisterEnterprise(
            check.Code, request.Name ?? string.Empty, request.Address, request.RegionCode, request.UsccOverrideReason, Caller.Describe(user))
        {
            Kind = kind,
            Categories = request.Categories ?? [],
            Licences = request.Licences ?? [],
            KeySupervision = request.KeySupervision ?? false,
            RiskClass = risk,
        };
        if (problems.Count > 0)
        {
            // Every problem in one answer: add what the registration rules say about the other fields.
            var (rules, _) = EnterpriseRegistrationRules.Check(check.Code, command);
            problems.AddRange(rules.Where(r => problems.All(p => p.Field != r.Field)));
            return Problems.Validation("The enterprise was not registered.", [.. problems]);
        }

        var result = await grains.GetGrain<IEnterpriseGrain>(check.Code).RegisterAsync(command);
        return result.Status switch
        {
            EnterpriseRegistrationStatus.Registered => Results.Created($"/api/enterprises/{check.Code}", result.Enterprise),
            EnterpriseRegistrationStatus.AlreadyRegistered => Results.Ok(result.Enterprise),
            EnterpriseRegistrationStatus.Conflict => Problems.Conflict($"Enterprise {check.Code} is already registered with different data; nothing was changed."),
            _ => Problems.Validation("The enterprise was not registered.", [.. result.Problems]),
        };
    }

    private static async Task<IResult> GetAsync(string uscc, IGrainFactory grains)
    {
        if (Address(uscc, out var code) is { } bad)
        {
            return bad;
        }

        var enterprise = await grains.GetGrain<IEnterpriseGrain>(code).GetAsync();
        return enterprise is null ? NotRegistered(code) : Results.Ok(enterprise);
    }

    private static async Task<IResult> UpdateAsync(string uscc, UpdateEnterpriseRequest? request, ClaimsPrincipal user, IGrainFactory grains, TimeProvider clock)
    {
        if (Address(uscc, out var code) is { } bad)
        {
            return bad;
        }

        var problems = new List<FieldProblem>();
        EnterpriseKind? kind = request?.Kind is null ? null : ParseOrReport<EnterpriseKind>(request.Kind, "kind", EnterpriseVocabulary.TryParseKind, problems);
        problems.AddRange(await CategoryCheck.UnknownAsync(grains, "categories", request?.Categories));
        problems.AddRange(RegionCheck.Problems(request?.RegionCode, clock));
        if (request is null || problems.Count > 0)
        {
            return Problems.Validation("The enterprise was not changed.", [.. problems, .. request is null ? [new FieldProblem("body", "a JSON object with the fields to change is required")] : Array.Empty<FieldProblem>()]);
        }

        var result = await grains.GetGrain<IEnterpriseGrain>(code).UpdateAsync(new UpdateEnterprise(
            Caller.Describe(user), request.Name, request.Address, request.RegionCode, kind, request.Categories, request.Licences, request.KeySupervision));
        return Answer(code, result);
    }

    private static async Task<IResult> ChangeStatusAsync(string uscc, ChangeStatusRequest? request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (Address(uscc, out var code) is { } bad)
        {
            return bad;
        }

        var problems = new List<FieldProblem>();
        var status = ParseOrReport<EnterpriseStatus>(request?.Status, "status", EnterpriseVocabulary.TryParseStatus, problems);
        if (problems.Count > 0)
        {
            return Problems.Validation("The status was not changed.", [.. problems]);
        }

        var result = await grains.GetGrain<IEnterpriseGrain>(code).ChangeStatusAsync(new ChangeEnterpriseStatus(status, request!.Reason ?? string.Empty, Caller.Describe(user)));
        return Answer(code, result);
    }

    private static async Task<IResult> SetRiskClassAsync(string uscc, SetRiskClassRequest? request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (Address(uscc, out var code) is { } bad)
        {
            return bad;
        }

        var problems = new List<FieldProblem>();
        var risk = ParseOrReport<RiskClass>(request?.RiskClass, "riskClass", EnterpriseVocabulary.TryParseRiskClass, problems);
        if (problems.Count > 0)
        {
            return Problems.Validation("The risk class was not recorded.", [.. problems]);
        }

        var result = await grains.GetGrain<IEnterpriseGrain>(code).SetRiskClassAsync(new SetRiskClass(request!.Month ?? string.Empty, risk, Caller.Describe(user)));
        return Answer(code, result);
    }

    /// <summary>The grain a code names, or a 400 when it cannot name one (wrong length or characters).</summary>
    private static IResult? Address(string uscc, out string code)
    {
        var check = Uscc.Validate(uscc);
        code = check.Code;
        return !check.IsValid && !check.Overridable
            ? Problems.Validation("Not a Unified Social Credit Code.", new FieldProblem("uscc", check.Problem!))
            : null;
    }

    private static IResult Answer(string code, EnterpriseChangeResult result) => result.Status switch
    {
        EnterpriseChangeStatus.Changed or EnterpriseChangeStatus.Unchanged => Results.Ok(result.Enterprise),
        EnterpriseChangeStatus.NotRegistered => NotRegistered(code),
        _ => Problems.Validation("Nothing was changed.", [.. result.Problems]),
    };

    private static IResult NotRegistered(string code) => Problems.NotFound($"No enterprise with USCC {code} is registered.");

    private delegate bool Parser<TEnum>(string? text, out TEnum value);

    private static TEnum ParseOrReport<TEnum>(string? text, string field, Parser<TEnum> parse, List<FieldProblem> problems)
        where TEnum : struct, Enum
    {
        if (parse(text, out var value))
        {
            return value;
        }

        problems.Add(new(field, text is null ? $"is required: one of {EnterpriseVocabulary.Expected<TEnum>()}" : $"'{text}' is not one of: {EnterpriseVocabulary.Expected<TEnum>()}"));
        return default;
    }
}

/// <summary>The JSON body of a registration; every field is optional here so that missing ones get a named error.</summary>
public sealed record RegisterEnterpriseRequest(
    string? Uscc,
    string? Name,
    string? Address,
    string? RegionCode,
    string? UsccOverrideReason,
    string? Kind = null,
    IReadOnlyList<string>? Categories = null,
    IReadOnlyList<string>? Licences = null,
    bool? KeySupervision = null,
    string? RiskClass = null);

/// <summary>Fields to change; absent fields stay as they are.</summary>
public sealed record UpdateEnterpriseRequest(
    string? Name,
    string? Address,
    string? RegionCode,
    string? Kind,
    IReadOnlyList<string>? Categories,
    IReadOnlyList<string>? Licences,
    bool? KeySupervision);

public sealed record ChangeStatusRequest(string? Status, string? Reason);

public sealed record SetRiskClassRequest(string? Month, string? RiskClass);
