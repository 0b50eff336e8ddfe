namespace Samples.Contracts.Tasks;

/// <summary>The task's lab: the test report is issued once every required result is in.</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.issue-report.v1")]
public sealed record IssueReport([property: Id(0)] string ReportNumber) : TaskAction
{
    public override string Name => "issue-report";
}
