using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;
using Orleans.Storage;

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
        });
        // Malformed JSON surfaces as an exception so the answer can say what was wrong with it.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return builder;
    }

    /// <summary>The HTTP API: errors become problem bodies; every endpoint states who may call it.</summary>
    public static WebApplication MapSamplesApi(this WebApplication app)
    {
        app.UseExceptionHandler(errors => errors.Run(WriteErrorAsync));
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthEndpoints();
        app.MapCredentialEndpoints();
        app.MapImportEndpoints();
        app.MapEnterpriseEndpoints();
        app.MapInspectorEndpoints();
        app.MapLabEndpoints();
        app.MapPlanEndpoints();
        app.MapDrawEndpoints();
        app.MapFairnessEndpoints();
        app.MapCatalogueEndpoints();
        app.MapBatchEndpoints();
        app.MapSamplingEndpoints();
        app.MapDeadlineEndpoints();
        app.MapTaskEndpoints();
        app.MapProgressEndpoints();
        return app;
    }

    private static async Task WriteErrorAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var (status, title, detail) = error switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.InnerException?.Message is { } inner ? $"{bad.Message} {inner}" : bad.Message),
            InconsistentStateException => (StatusCodes.Status409Conflict, "Concurrent change", "The record changed while this request was handled; nothing was written. Retry the request."),
            PostgresException { IsTransient: false } => (StatusCodes.Status500InternalServerError, "Internal error", "The store refused the operation; it has been logged."),
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
