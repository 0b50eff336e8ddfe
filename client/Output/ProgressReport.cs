using System.Globalization;
using Samples.Client.Language;
using Spectre.Console;

namespace Samples.Client.Output;

/// <summary>
/// How far a long transfer is, on standard error: a live bar (Spectre.Console) when standard error is a terminal;
/// otherwise (a log, CI, a test's writer) one line when it starts and one when it ends, never a line per step.
/// </summary>
public static class ProgressReport
{
    /// <param name="total">The amount expected (bytes, entries), or null when unknown.</param>
    /// <param name="amount">How an amount reads, e.g. "12.5/80.0 MB" or "12,000 条".</param>
    /// <param name="work">The transfer; it reports the amount done so far, as often as it likes.</param>
    public static async Task<T> RunAsync<T>(TextWriter error, string label, long? total, Func<long, string> amount, Func<Action<long>, Task<T>> work)
    {
        if (ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            return await console.Progress()
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(Markup.Escape(label), maxValue: Math.Max(1, total ?? 1));
                    task.IsIndeterminate = total is null;
                    var result = await work(done =>
                    {
                        task.Value = total is null ? 0 : done;
                        task.Description = Markup.Escape($"{label} {amount(done)}");
                    });
                    task.IsIndeterminate = false;
                    task.Value = task.MaxValue;
                    return result;
                });
        }

        await error.WriteLineAsync($"{label} …");
        long last = 0;
        var value = await work(done => last = done);
        await error.WriteLineAsync(total is { } whole ? $"{label} [{Bar(last, whole)}] {Percent(last, whole),3}% {amount(last)}" : $"{label}: {amount(last)}");
        return value;
    }

    /// <summary>"1.5/80.0 MB": bytes read of a known length.</summary>
    public static Func<long, string> Megabytes(long total) =>
        done => string.Create(CultureInfo.InvariantCulture, $"{done / 1048576.0:0.0}/{total / 1048576.0:0.0} MB");

    private static int Percent(long done, long total) => total == 0 ? 100 : (int)(Math.Min(done, total) * 100 / total);

    private static string Bar(long done, long total) => new string('#', Percent(done, total) / 4).PadRight(25, '.');
}
