using Samples.Contracts.Tasks;
using Samples.Domain.Documents;
using Samples.Domain.Reference;

namespace Samples.Silo.Documents;

/// <summary>
/// Issues a task's document: composes it from today's facts; when the latest version already says exactly that, it is
/// the answer (a retry issues nothing twice); when the facts changed, a new version replaces it, and the caller must say
/// why. The PDF is rendered once, stored with its content and audited in one transaction.
/// </summary>
public sealed class DocumentIssuer(DocumentStore store, DocumentFactsSource facts, DocumentSettings settings, TimeProvider clock)
{
    public async Task<IssueOutcome> IssueAsync(TaskView task, DocumentKind kind, string? reason, string issuedBy, string publicBaseUrl, CancellationToken ct)
    {
        var gathered = await facts.GatherAsync(task);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var latest = await store.LatestAsync(task.TaskId, kind.Code, ct);
            var now = clock.GetUtcNow();
            var content = DocumentComposer.Compose(kind, gathered, (latest?.Version ?? 0) + 1, latest?.Number, ChinaTime.DateOf(now));
            if (latest is not null && latest.FactsSha256 == content.FactsSha256())
            {
                return new IssueOutcome(latest, Issued: false, null);
            }

            if (latest is not null && string.IsNullOrWhiteSpace(reason))
            {
                return new IssueOutcome(latest, Issued: false,
                    $"is required: {latest.Number} says something else, so this is a correction (更正), and a correction names its reason");
            }

            var code = VerificationCode.New();
            var pdf = DocumentPdf.Render(content, code, VerifyUrl(publicBaseUrl, code), settings.Authority);
            var json = content.ToJson();
            var document = new StoredDocument(content.Number, code, task.TaskId, kind.Code, content.Version, latest?.Number,
                string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), json, content.Sha256(), content.FactsSha256(),
                Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), issuedBy, now);
            if (await store.InsertAsync(document, pdf, ct))
            {
                return new IssueOutcome(document, Issued: true, null);
            }
        }

        throw new InvalidOperationException($"{kind.Code} of {task.TaskId} kept being issued by someone else at the same time");
    }

    /// <summary>The address a document's QR code opens: the configured public address, else the one the request came to.</summary>
    public string VerifyUrl(string requestBaseUrl, string code) => $"{(settings.PublicUrl ?? requestBaseUrl).TrimEnd('/')}/verify/{code}";
}

/// <summary>The document now in force, whether this call issued it, and, when a correction lacked its reason, why nothing was issued.</summary>
public sealed record IssueOutcome(StoredDocument Document, bool Issued, string? ReasonMissing);

/// <summary>
/// <c>Samples:Documents</c>: the authority printed at the top of every document, the public address its QR code
/// opens (the silo's own when unset) and the CJK font file.
/// </summary>
public sealed record DocumentSettings(string Authority, string? PublicUrl, string FontFile)
{
    public const string DefaultAuthority = "青海省市场监督管理局 Qinghai Administration for Market Regulation";

    public static DocumentSettings Read(IConfiguration configuration) => new(
        configuration["Samples:Documents:Authority"] ?? DefaultAuthority,
        configuration["Samples:Documents:PublicUrl"],
        configuration["Samples:Documents:FontFile"] ?? DocumentFont.DefaultPath);
}
