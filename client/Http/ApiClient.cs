using System.Net;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Samples.Client.Language;

namespace Samples.Client.Http;

/// <summary>Calls the Samples HTTP API and turns its problem answers into <see cref="CliException"/>s.</summary>
public sealed class ApiClient(Uri baseAddress, string? token) : IDisposable
{
    /// <summary>Web defaults, indented, and Chinese text printed as itself rather than as \u escapes.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly HttpClient http = CreateHttp(baseAddress, token, TimeSpan.FromSeconds(30));
    private readonly HttpClient slow = CreateHttp(baseAddress, token, TimeSpan.FromMinutes(30));

    public async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        await ReadAsync<T>(await SendAsync(() => http.GetAsync(path, cancellationToken)), cancellationToken);

    public async Task<T> PostAsync<T>(string path, object body, CancellationToken cancellationToken) =>
        await ReadAsync<T>(await SendAsync(() => http.PostAsJsonAsync(path, body, Json, cancellationToken)), cancellationToken);

    public async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        var response = await SendAsync(() => http.DeleteAsync(path, cancellationToken));
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            response.Dispose();
            return;
        }

        await ReadAsync<JsonElement>(response, cancellationToken);
    }

    /// <summary>
    /// POSTs a change under an Idempotency-Key. When the server cannot be reached or answers 502/503/504, the same
    /// request is sent again under the same key (three tries in all): the server applies it at most once.
    /// </summary>
    public async Task<T> PostOnceAsync<T>(string path, object body, string idempotencyKey, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await SendAsync(() =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, body.GetType(), options: Json) };
                    request.Headers.Add("Idempotency-Key", idempotencyKey);
                    return http.SendAsync(request, cancellationToken);
                });
                if (attempt < 3 && response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
                {
                    response.Dispose();
                    await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
                    continue;
                }

                return await ReadAsync<T>(response, cancellationToken);
            }
            catch (CliException ex) when (ex.ExitCode == ExitCodes.Unavailable && attempt < 3)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
            }
        }
    }

    /// <summary>
    /// POSTs a body as it is (a file), with a long timeout: big imports take minutes. A 400 answer is
    /// returned, not thrown, so the caller can list every problem it holds.
    /// </summary>
    public async Task<(bool Ok, JsonElement Body)> PostContentAsync(string path, HttpContent content, CancellationToken cancellationToken)
    {
        var response = await SendAsync(() => slow.PostAsync(path, content, cancellationToken));
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            using (response)
            {
                return (false, await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken));
            }
        }

        return (true, await ReadAsync<JsonElement>(response, cancellationToken));
    }

    /// <summary>
    /// POSTs a JSON body and answers the status with the body, for a success (200 and 201 say different things) or a
    /// 400 whose refused fields the caller shows one by one; any other problem is thrown as usual.
    /// </summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> PostAnswerAsync(string path, object body, CancellationToken cancellationToken)
    {
        var response = await SendAsync(() => http.PostAsJsonAsync(path, body, Json, cancellationToken));
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.BadRequest)
        {
            using (response)
            {
                return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken));
            }
        }

        return (response.StatusCode, await ReadAsync<JsonElement>(response, cancellationToken));
    }

    /// <summary>GETs a body as a stream (an export).</summary>
    public async Task<HttpResponseMessage> GetStreamAsync(string path, CancellationToken cancellationToken)
    {
        var response = await SendAsync(() => slow.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken));
        if (!response.IsSuccessStatusCode)
        {
            await ReadAsync<object>(response, cancellationToken);
        }

        return response;
    }

    /// <summary>GET that returns the body whatever the status (health answers 503 with a report).</summary>
    public async Task<(HttpStatusCode Status, T? Body)> GetAnyAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => http.GetAsync(path, cancellationToken));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken));
    }

    public void Dispose()
    {
        http.Dispose();
        slow.Dispose();
    }

    private async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            return await send();
        }
        catch (HttpRequestException ex)
        {
            throw new CliException(Errors.CannotReach(baseAddress, ex.Message), ExitCodes.Unavailable);
        }
        catch (TaskCanceledException)
        {
            throw new CliException(Errors.NoAnswerInTime(baseAddress), ExitCodes.Unavailable);
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken))!;
            }

            var problem = await ReadProblemAsync(response, cancellationToken);
            var code = response.StatusCode switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ExitCodes.NotAllowed,
                >= HttpStatusCode.InternalServerError => ExitCodes.Unavailable,
                _ => ExitCodes.Refused,
            };
            // The server's own words, as they come.
            throw new CliException(Text.Same($"{(int)response.StatusCode} {problem}"), code);
        }
    }

    private static async Task<string> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<ProblemBody>(Json, cancellationToken);
            return problem?.Detail ?? problem?.Title ?? response.ReasonPhrase ?? "error";
        }
        catch (JsonException)
        {
            return response.ReasonPhrase ?? "error";
        }
    }

    private static HttpClient CreateHttp(Uri baseAddress, string? token, TimeSpan timeout)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = timeout };
        if (!string.IsNullOrWhiteSpace(token))
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Trim());
        }

        return http;
    }

    private sealed record ProblemBody(string? Title, string? Detail);
}
