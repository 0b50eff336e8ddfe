namespace Samples.Contracts.Draws;

/// <summary>Reveal the nonce and draw; <see cref="Schedule"/> is the round time when the scheduler asks (lateness is recorded against it).</summary>
[GenerateSerializer, Immutable, Alias("samples.draws.reveal.v1")]
public sealed record RevealDraw(
    [property: Id(0)] string RequestedBy,
    [property: Id(1)] StepSchedule? Schedule = null);
