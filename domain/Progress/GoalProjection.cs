
namespace Samples.Domain.Progress;

/// <summary>When the goal will be reached at the current pace: batches concluded per day over the last <see cref="Window"/> days (or since the first conclusion, if later).</summary>
public static class GoalProjection
{
    public const int Window = 30;

    public sealed record Projection(int Goal, int Concluded, double PerDay, DateOnly? ReachedOn, string Basis);

    public static Projection Project(int goal, IReadOnlyList<DateOnly> concludedOn, DateOnly today)
    {
        var done = concludedOn.Count;
        if (done >= goal)
        {
            var reached = concludedOn.Order().ElementAt(goal - 1);
            return new(goal, done, 0, reached, $"reached on {reached:yyyy-MM-dd}");
        }

        if (done == 0)
        {
            return new(goal, 0, 0, null, "no batch concluded yet: no pace to project from");
        }

        var from = new[] { concludedOn.Min(), today.AddDays(-(Window - 1)) }.Max();
        var days = today.DayNumber - from.DayNumber + 1;
        var recent = concludedOn.Count(d => d >= from && d <= today);
        if (recent == 0)
        {
            return new(goal, done, 0, null, $"no batch concluded in the last {Window} days: no pace to project from");
        }

        var perDay = (double)recent / days;
        var reachedOn = today.AddDays((int)Math.Ceiling((goal - done) / perDay));
        return new(goal, done, Math.Round(perDay, 2), reachedOn, $"{recent} batches in {days} days since {from:yyyy-MM-dd}");
    }
}
