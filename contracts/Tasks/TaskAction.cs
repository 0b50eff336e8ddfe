namespace Samples.Contracts.Tasks;

/// <summary>What can be done to a task. Each action names its owner in its summary; the workflow enforces it.</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.action")]
public abstract record TaskAction
{
    /// <summary>The action's name as the audit trail and the API write it (kebab case).</summary>
    public abstract string Name { get; }
}
