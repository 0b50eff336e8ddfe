namespace Samples.Contracts.Tasks;

/// <summary>Supervisor: the enterprise received the result in writing on this day; the objection window starts.</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.notify-enterprise.v1")]
public sealed record NotifyEnterprise([property: Id(0)] DateOnly ReceivedOn) : TaskAction
{
    public override string Name => "notify-enterprise";
}
