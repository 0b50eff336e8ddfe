namespace Samples.Draw;

/// <summary>
/// A draw's supplements (replacements of withdrawn inspectors, alternates used for targets that could not be sampled),
/// replayed onto a fresh session of the same draw in their step order: how a supplemented draw grows by one more step
/// without ever being redone.
/// </summary>
public static class Supplements
{
    public static void Replay(DrawSession session, DrawBundle bundle)
    {
        var steps = bundle.Replacements.Select(r => (r.Step, Replacement: (Replacement?)r, Use: (AlternateUse?)null))
            .Concat(bundle.AlternateUses.Select(u => (u.Step, Replacement: (Replacement?)null, Use: (AlternateUse?)u)))
            .OrderBy(s => s.Step);
        foreach (var step in steps)
        {
            if (step.Replacement is { } replacement)
            {
                session.Replace(replacement.TargetId, replacement.Withdrawn, replacement.Reason);
            }
            else
            {
                session.UseAlternate(step.Use!.Replaced, step.Use.Reason);
            }
        }
    }
}
