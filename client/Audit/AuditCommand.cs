using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Samples.Client.Commands;
using Samples.Client.Http;
using Samples.Client.Output;
using Samples.Domain.Audit;
using Samples.Client.Language;

namespace Samples.Client.Audit;

/// <summary>
/// <c>samples audit verify</c> downloads the deployment's audit trail page by page and checks it here, not on the server:
/// every row's hash from its content and the previous hash, the sequence without gaps, and each task's own chain.
/// <c>--out FILE</c> keeps a copy, and <c>--file FILE</c> checks a kept copy offline.
/// </summary>
public static class AuditCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static Command Create(GlobalOptions global)
    {
        var file = new Option<FileInfo?>("--file") { Description = "Verify a trail saved with --out (offline, no server)" };
        var output = new Option<FileInfo?>("--out") { Description = "Also save the downloaded trail to this file (JSON lines)" };
        var head = new Option<string?>("--expect-head") { Description = "A head published earlier (GET /api/public/audit/head, or a draw's index entry): it must still be in the trail" };
        var verify = new Command("verify", "Verify the hash-chained audit trail of every task change; exit 0 when whole, 1 when not") { file, output, head };
        verify.SetAction(async (result, cancellationToken) =>
        {
            // Online, the board's latest version of every task is read first, then the trail (written in the same
            // transaction as the board), so every version listed must be in the trail downloaded after it.
            List<StreamVersionRow>? latest = null;
            if (result.GetValue(file) is null)
            {
                using var api = global.Client(result);
                latest = await api.GetAsync<List<StreamVersionRow>>("/api/audit/streams", cancellationToken);
            }

            var rows = result.GetValue(file) is { } saved
                ? await ReadAsync(saved, cancellationToken)
                : await DownloadAsync(global, result, cancellationToken);
            if (result.GetValue(output) is { } keep)
            {
                await File.WriteAllLinesAsync(keep.FullName, rows.Select(r => JsonSerializer.Serialize(r, Json)), cancellationToken);
            }

            var problems = AuditChain.Verify(rows).ToList();
            if (result.GetValue(head) is { } expected && AuditChain.Anchored(rows, expected.Trim()) is { } unanchored)
            {
                problems.Add(unanchored);
            }

            if (latest is not null)
            {
                problems.AddRange(AuditChain.Complete(rows, latest.Select(s => (s.Stream, s.Version))));
            }
            var text = result.InvocationConfiguration.Output;
            var lang = global.Language(result);
            var streams = rows.Select(r => r.Stream).Distinct(StringComparer.Ordinal).Count();
            if (problems.Count == 0)
            {
                await text.WriteLineAsync(Messages.AuditVerified(rows.Count, streams, rows.Count == 0 ? "-" : rows[^1].Sha256).In(lang));
                return ExitCodes.Ok;
            }

            foreach (var p in problems.Take(50))
            {
                await text.WriteLineAsync(p);
            }

            await text.WriteLineAsync(Messages.AuditNotVerified(problems.Count, rows.Count).In(lang));
            return ExitCodes.NotVerified;
        });
        return new Command("audit", "The audit trail of every change, with who made it") { verify };
    }

    private static async Task<List<AuditRow>> DownloadAsync(GlobalOptions global, ParseResult result, CancellationToken cancellationToken)
    {
        using var api = global.Client(result);
        var lang = global.Language(result);

        // A trail of hundreds of thousands of entries takes a while: say how far the download is (its length is not known
        // beforehand, so the count of entries so far).
        return await ProgressReport.RunAsync(result.InvocationConfiguration.Error, Messages.DownloadingAudit.In(lang), null, n => Messages.Entries(n).In(lang), async report =>
        {
            var rows = new List<AuditRow>();
            while (true)
            {
                var page = await api.GetAsync<List<AuditRow>>(string.Create(CultureInfo.InvariantCulture, $"/api/audit?after={(rows.Count == 0 ? 0 : rows[^1].Seq)}&limit=10000"), cancellationToken);
                if (page is not { Count: > 0 })
                {
                    return rows;
                }

                rows.AddRange(page);
                report(rows.Count);
            }
        });
    }

    private static async Task<List<AuditRow>> ReadAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            throw new CliException(Errors.NoSuchFile(file.FullName), ExitCodes.Usage);
        }

        var rows = new List<AuditRow>();
        var n = 0;
        foreach (var line in await File.ReadAllLinesAsync(file.FullName, cancellationToken))
        {
            n++;
            try
            {
                rows.Add(JsonSerializer.Deserialize<AuditRow>(line, Json) ?? throw new JsonException("empty line"));
            }
            catch (JsonException ex)
            {
                throw new CliException(Errors.NotAuditRow(file.Name, n, ex.Message), ExitCodes.Usage);
            }
        }

        return rows;
    }
}

/// <summary>A task's latest version as <c>GET /api/audit/streams</c> lists it.</summary>
internal sealed record StreamVersionRow(string Stream, int Version);
