using Samples.Contracts.Tasks;

namespace Samples.Domain.Documents;

/// <summary>The audit trail's stream names for documents: each document's versions are one chain.</summary>
public static class AuditStreams
{
    public const string Genesis = TaskHistoryEntry.Genesis;

    public static string Document(string subject, string kind) => $"document/{subject}/{kind}";
}
