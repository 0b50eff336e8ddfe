using Samples.Contracts.Tasks;

namespace Samples.Domain.Documents;

/// <summary>The audit trail's stream names for documents, public results and bulletins: each one's versions are one chain.</summary>
public static class AuditStreams
{
    public const string Genesis = TaskHistoryEntry.Genesis;

    public static string Document(string subject, string kind) => $"document/{subject}/{kind}";

    /// <summary>A task's published result: its first publication, then each correction or withdrawal.</summary>
    public static string Publication(string taskId) => $"publication/{taskId}";

    /// <summary>A quality bulletin: drafted, then published.</summary>
    public static string Bulletin(string bulletinId) => $"bulletin/{bulletinId}";
}
