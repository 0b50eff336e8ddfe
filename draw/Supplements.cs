namespace Samples.Draw;

/// <summary>One supplement of a draw, in step order: a replacement of a withdrawn inspector, a short team's empty seat filled, or an alternate used.</summary>
public sealed record SupplementStep(int Step, Replacement? Replacement, AlternateUse? Use)
{
    /// <summary>Applies the step to a session of the same draw (as the draw grain and the verifier replay it).</summary>
    public void ApplyTo(DrawSession session)
    {
        if (Replacement is { Withdrawn: "" } completion)
        {
            session.Complete(completion.TargetId, completion.Reason);
        }
        else if (Replacement is { } replacement)
        {
            session.Replace(replacement.TargetId, replacement.Withdrawn, replacement.Reason);
        }
        else
        {
            session.UseAlternate(Use!.Replaced, Use.Reason);
        }
    }
}

/// <summary>
/// A draw's supplements (replacements of withdrawn inspectors, alternates used for targets that could not be sampled),
/// replayed onto a fresh session of the same draw in their step order: how a supplemented draw grows by one more step
/// without ever being redone.
/// </summary>
public static class Supplements
{
    /// <summary>Replacements and alternate uses merged in the order of their steps.</summary>
    public static IReadOnlyList<SupplementStep> Ordered(DrawBundle bundle) =>
        bundle.Replacements.Select(r => new SupplementStep(r.Step, r, null))
            .Concat(bundle.AlternateUses.Select(u => new SupplementStep(u.Step, null, u)))
            .OrderBy(s => s.Step)
            .ToArray();

    public static void Replay(DrawSession session, DrawBundle bundle)
    {
        foreach (var step in Ordered(bundle))
        {
            step.ApplyTo(session);
        }
    }
}
