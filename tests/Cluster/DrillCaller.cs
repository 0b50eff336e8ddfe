using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Samples.Tests.Cluster;

/// <summary>
/// Calls the cluster's API as a well-behaved client would: each request goes to the next silo in turn, carries an
/// Idempotency-Key, and is retried under the same key (on another silo) when a silo cannot be reached or answers
/// 502/503/504, after the Retry-After the silo gave. Counts what happened.
/// </summary>
public sealed class DrillCaller(IReadOnlyList<Uri> silos) : IDisposable
{
    private readonly HttpClient[] clients = silos.Select(s => new HttpClient { BaseAddress = s, Timeout = TimeSpan.FromSeconds(45) }).ToArray();
    private int next;
    private long calls;
    private long retries;
    private long unavailable;
    private long unreachable;
    private long repeats;
    private long withoutRetryAfter;

    /// <summary>When each successful write was answered (Stopwatch ticks), per task: recovery is read from these.</summary>
    public ConcurrentDictionary<string, ConcurrentBag<long>> Answered { get; } = new();

    /// <summary>The longest a caller waited for one request to succeed, through its retries.</summary>
    public TimeSpan LongestWait { get; private set; }

    public long Calls => Interlocked.Read(ref calls);

    public long Retries => Interlocked.Read(ref retries);

    /// <summary>502/503/504 answers (the silo could not reach a grain, PostgreSQL or the cluster in time), and 409 "concurrent change".</summary>
    public long Unavailable => Interlocked.Read(ref unavailable);

    /// <summary>Requests that found no silo listening (the killed one) or timed out.</summary>
    public long Unreachable => Interlocked.Read(ref unreachable);

    /// <summary>Retries that the silo recognised as already done (the first try had made the change).</summary>
    public long Repeats => Interlocked.Read(ref repeats);

    /// <summary>503 answers that did not say when to retry (should be none).</summary>
    public long WithoutRetryAfter => Interlocked.Read(ref withoutRetryAfter);

    /// <summary>POSTs <paramref name="body"/> until it succeeds (2xx) or <paramref name="patience"/> runs out; any other 4xx/5xx fails.</summary>
    public async Task<JsonElement> PostAsync(string token, string path, object body, string key, string? stream = null, TimeSpan? patience = null)
    {
        var started = Stopwatch.GetTimestamp();
        var until = started + (long)((patience ?? TimeSpan.FromMinutes(2)).TotalSeconds * Stopwatch.Frequency);
        var attempt = 0;
        while (true)
        {
            var client = clients[(int)((uint)Interlocked.Increment(ref next) % clients.Length)];
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("Idempotency-Key", key);
            Interlocked.Increment(ref calls);
            if (attempt++ > 0)
            {
                Interlocked.Increment(ref retries);
            }

            TimeSpan wait;
            try
            {
                using var response = await client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode)
                {
                    if (attempt > 1 && response.Headers.TryGetValues("Idempotent-Replayed", out _))
                    {
                        Interlocked.Increment(ref repeats);
                    }

                    var now = Stopwatch.GetTimestamp();
                    Answered.GetOrAdd(stream ?? path, _ => []).Add(now);
                    Longest(Stopwatch.GetElapsedTime(started, now));
                    return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
                }

                if (response.StatusCode == HttpStatusCode.Conflict && text.Contains("\"Concurrent change\"", StringComparison.Ordinal))
                {
                    // Two writes raced on the record (as when a grain is activated again after its silo died); nothing was
                    // written, and the API says to retry.
                    Interlocked.Increment(ref unavailable);
                    wait = TimeSpan.FromMilliseconds(200);
                }
                else if (response.StatusCode is not (HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout))
                {
                    throw new InvalidOperationException($"POST {path} (key {key}) on {client.BaseAddress}: {(int)response.StatusCode} {text}");
                }
                else
                {
                    Interlocked.Increment(ref unavailable);
                    if (response.Headers.RetryAfter?.Delta is { } delta)
                    {
                        wait = delta;
                    }
                    else
                    {
                        Interlocked.Increment(ref withoutRetryAfter);
                        wait = TimeSpan.FromSeconds(1);
                    }
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref unreachable);
                wait = TimeSpan.FromMilliseconds(200);
            }

            if (Stopwatch.GetTimestamp() > until)
            {
                throw new TimeoutException($"POST {path} (key {key}) did not succeed within its patience after {attempt} attempts");
            }

            await Task.Delay(wait);
        }
    }

    public void Dispose()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    private void Longest(TimeSpan waited)
    {
        lock (clients)
        {
            if (waited > LongestWait)
            {
                LongestWait = waited;
            }
        }
    }
}
