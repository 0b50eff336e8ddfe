using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Samples.Silo.Access;

namespace Samples.Silo.Api;

/// <summary>
/// The API describes itself: the OpenAPI document at <c>/openapi/v1.json</c> and an interactive reference at
/// <c>/api/docs</c>. Roles and error answers are added to every operation from the endpoint's own authorization
/// metadata (<see cref="Roles"/>), so the reference cannot drift from what the API enforces.
/// </summary>
public static class OpenApiComposition
{
    public const string DocumentPath = "/openapi/v1.json";

    public static IHostApplicationBuilder AddSamplesOpenApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi("v1", o =>
        {
            // A task action's name is the route's last segment, not a field of its body (the server reads no "name").
            o.AddSchemaTransformer((schema, context, _) =>
            {
                if (typeof(Samples.Contracts.Tasks.TaskAction).IsAssignableFrom(context.JsonTypeInfo.Type))
                {
                    schema.Properties?.Remove("name");
                }

                return Task.CompletedTask;
            });
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Samples API (抽检监督)",
                    Version = "v1",
                    Description = "Supervision sampling: directory, plans, verifiable 双随机 draws, the sampling-task workflow, progress and 一公开. "
                        + "Send `Authorization: Bearer smp_KEYID.SECRET`; each operation says which roles may call it. Errors are RFC 9457 problem "
                        + "bodies; a 400 lists each field and why. Writes to tasks take an `Idempotency-Key` header.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "A Samples API token, smp_KEYID.SECRET (samples credential create)",
                };
                return Task.CompletedTask;
            });
            o.AddOperationTransformer(DescribeAsync);
        });
        return builder;
    }

    public static WebApplication MapSamplesOpenApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint(DocumentPath, "Samples API v1");
            o.RoutePrefix = "api/docs";
            o.DocumentTitle = "Samples API reference";
        });
        return app;
    }

    private static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var roles = metadata.OfType<IAuthorizeData>().Select(a => a.Roles).LastOrDefault(r => !string.IsNullOrEmpty(r));
        // An endpoint without roles falls under the fallback policy (AccessComposition): any valid credential.
        var who = anonymous ? "No credential needed." : roles is null ? "Any valid credential." : $"Roles: {roles.Replace(",", ", ", StringComparison.Ordinal)}.";
        operation.Description = string.IsNullOrEmpty(operation.Description) ? who : $"{who} {operation.Description}";
        operation.Responses ??= new OpenApiResponses();
        var method = context.Description.HttpMethod ?? "GET";
        var path = context.Description.RelativePath ?? string.Empty;
        if (method is "POST" or "PUT" || path.Contains('?', StringComparison.Ordinal))
        {
            Add(operation, "400", "Bad input: nothing was changed; each field and why.", """{"title":"Validation failed","status":400,"detail":"Nothing was changed.","errors":[{"field":"unit","message":"is required"}]}""");
        }

        if (!anonymous)
        {
            Add(operation, "401", "No credential, or one that is unknown or revoked.", """{"title":"Unauthorized","status":401,"detail":"The credential is unknown or revoked."}""");
            Add(operation, "403", "The credential's role may not do this (or the task is not the caller's).", """{"title":"Forbidden","status":403,"detail":"Task QH-2026-DEMO:R1:91632800MA7QHX0817:potash-kcl-gb6549 is not yours."}""");
        }

        if (path.Contains('{', StringComparison.Ordinal))
        {
            Add(operation, "404", "No such record.", """{"title":"Not found","status":404,"detail":"No task QH-2026-DEMO:R1:91632800MA7QHX0817:potash-kcl-gb6549."}""");
        }

        if (method is "POST" or "PUT")
        {
            Add(operation, "409", "The record is not in a state that allows this, or changed meanwhile; or the Idempotency-Key was used for another request.",
                """{"title":"Conflict","status":409,"detail":"record-sampling: the whole team must accept first (BI-0001 has not)."}""");
        }

        Add(operation, "503", "PostgreSQL or the cluster did not answer in time; retry (with the same Idempotency-Key).", """{"title":"Service unavailable","status":503,"detail":"The store or the cluster did not answer in time. Retry shortly."}""");
        if (path.StartsWith("api/tasks/{taskId}/{action}", StringComparison.Ordinal) && method == "POST")
        {
            operation.Description += " The body is the action's fields, e.g. accept: {}; decline: {\"reason\":\"…\"}; record-sampling: "
                + "{\"batchId\":\"B1\",\"testQuantity\":0.5,\"reserveQuantity\":0.5,\"unit\":\"kg\",\"seals\":[\"QH-1\",\"QH-2\"],\"signedByEnterprise\":true,\"sampledOn\":\"2026-11-24\"}; "
                + "hand-over: {\"labId\":\"L1\"}; receive: {\"sealsIntact\":true,\"sealsSeen\":[\"QH-1\",\"QH-2\"]}; post-results: {\"items\":[{\"item\":\"li2co3\",\"kind\":\"value\",\"value\":99.6}]}; "
                + "issue-report: {\"reportNumber\":\"R1\"}; notify-enterprise: {\"receivedOn\":\"2026-11-24\"}; file-objection: {\"filedOn\":\"2026-11-24\",\"items\":[\"li2co3\"],\"reason\":\"…\"}; "
                + "assign-retest: {\"labId\":\"L2\"}; conclude, publish: {}.";
        }

        return Task.CompletedTask;
    }

    private static void Add(OpenApiOperation operation, string status, string description, string example)
    {
        if (operation.Responses!.ContainsKey(status))
        {
            return;
        }

        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Example = JsonNode.Parse(example) } },
        };
    }
}
