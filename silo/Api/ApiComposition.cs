using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;
using Orleans.Storage;
using Samples.Silo.Access;
using Samples.Silo.Accounts;
using Samples.Silo.Audit;
using Samples.Silo.Bulletins;
using Samples.Silo.Catalogue;
using Samples.Silo.Directory;
using Samples.Silo.Documents;
using Samples.Silo.Operations;
using Samples.Silo.Draws;
using Samples.Silo.Plans;
using Samples.Silo.Progress;
using Samples.Silo.Publication;
using Samples.Silo.Reference;
using Samples.Silo.Risk;
using Samples.Silo.Tasks;
using Samples.Silo.Telemetry;

namespace Samples.Silo.Api;

public static class ApiComposition
{
    public static IHostApplicationBuilder AddSamplesApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        // Names and addresses are Chinese: send them as UTF-8 text, not \u escapes.
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            // A field the API does not know is refused, not ignored: {"isAdmin": true} must not look accepted.
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        // Malformed JSON surfaces as an exception so the answer can say what was wrong with it (BadRequestHandler).
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        return builder;
    }

    /// <summary>The HTTP API: errors become problem bodies; every endpoint states who may call it.</summary>
    public static WebApplication MapSamplesApi(this WebApplication app)
    {
        app.UseExceptionHandler(errors => errors.Run(WriteErrorAsync));
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseFirstPasswordRule();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.Tagged("Health 健康").MapHealthEndpoints();
        app.Tagged("Credentials 凭证").MapCredentialEndpoints();
        app.Tagged("Imports and exports 导入导出").MapImportEndpoints();
        app.Tagged("Enterprises 企业").MapEnterpriseEndpoints();
        app.Tagged("Inspectors 检查人员").MapInspectorEndpoints();
        app.Tagged("Labs 检验机构").MapLabEndpoints();
        app.Tagged("Plans 抽查计划").MapPlanEndpoints();
        app.Tagged("Draws 双随机抽取").MapDrawEndpoints();
        app.Tagged("Fairness 公平性").MapFairnessEndpoints();
        app.Tagged("Catalogue 抽查事项").MapCatalogueEndpoints();
        app.Tagged("Batches 产品批次").MapBatchEndpoints();
        app.Tagged("Sampling history 抽样记录").MapSamplingEndpoints();
        app.Tagged("Reference 参考").MapDeadlineEndpoints();
        app.Tagged("Reference 参考").MapCalendarEndpoints();
        app.Tagged("Tasks 抽样任务").MapTaskEndpoints();
        app.Tagged("Tasks 抽样任务").MapPhotoEndpoints();
        app.Tagged("Tasks 抽样任务").MapTargetedTaskEndpoints();
        app.Tagged("Documents 文书").MapDocumentEndpoints();
        app.Tagged("Bulletins 质量公告").MapBulletinEndpoints();
        app.Tagged("Risk 风险分类").MapRiskEndpoints();
        app.Tagged("Progress 进度").MapProgressEndpoints();
        app.Tagged("Publication 公示").MapPublicationEndpoints();
        app.Tagged("Audit 审计").MapAuditEndpoints();
        app.Tagged("Accounts 账户").MapAccountEndpoints();
        app.Tagged("Operations 运维").MapReconcileEndpoints();
        app.Tagged("Operations 运维").MapFaultEndpoints();
        app.MapTelemetryEndpoints();
        return app;
    }

    /// <summary>The endpoints mapped through it share a tag: the API reference groups operations by what they are about.</summary>
    private static RouteGroupBuilder Tagged(this WebApplication app, string tag) => app.MapGroup(string.Empty).WithTags(tag);

    /// <summary>What no exception handler took (a bad request is BadRequestHandler's): the store, the cluster, or a bug.</summary>
    private static async Task WriteErrorAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var (status, title, detail) = error switch
        {
            InconsistentStateException => (StatusCodes.Status409Conflict, "Concurrent change", "The record changed while this request was handled; nothing was written. Retry the request."),
            // A PostgresException raised on another silo arrives without its SQL state (Orleans carries an exception's
            // message, not its fields): only one that says what PostgreSQL refused is the store's refusal, not an outage.
            PostgresException { IsTransient: false } p when !string.IsNullOrEmpty(p.SqlState) => (StatusCodes.Status500InternalServerError, "Internal error", "The store refused the operation; it has been logged."),
            NpgsqlException or TimeoutException or OrleansException => (StatusCodes.Status503ServiceUnavailable, "Service unavailable", "The store or the cluster did not answer in time. Retry shortly."),
            _ => (StatusCodes.Status500InternalServerError, "Internal error", "An unexpected error occurred; it has been logged."),
        };
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "5";
        }

        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
            Exception = error,
        });
    }
}
