using System.Diagnostics;
using System.Globalization;

namespace Samples.Bench.DrawBench;

/// <summary>Timing and memory helpers (Linux: /proc/self/status, /proc/self/clear_refs, /usr/bin/time).</summary>
internal static class Measure
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static string List(IEnumerable<double> values) =>
        string.Join(" ", values.Select(v => v.ToString("0.000", CultureInfo.InvariantCulture)));

    /// <summary>Seconds taken by <paramref name="action"/>, after a full collection so that earlier garbage is not charged to it.</summary>
    public static double Seconds(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>The 1-minute load average (/proc/loadavg): other work competing for the cores while this ran.</summary>
    public static string Load()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }

    /// <summary>A line of /proc/self/status in KiB (VmHWM: peak resident set; VmRSS: now); -1 when unreadable.</summary>
    public static long StatusKiB(string field)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(field.Length + 1).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return -1;
    }

    /// <summary>Resets VmHWM to the current resident set (Linux ≥ 4.0: write 5 to /proc/self/clear_refs); false when not allowed.</summary>
    public static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Runs a program to completion; returns its wall time (seconds, measured here), exit code, standard output and peak
    /// resident set in KiB: from /usr/bin/time's %M when that exists, else sampled from /proc/PID/status every 5 ms (-1 if never read).
    /// </summary>
    public static (double Seconds, int Code, string Output, long PeakKiB, double CpuSeconds, string PeakSource) Run(
        string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        const string time = "/usr/bin/time";
        var useTime = File.Exists(time);
        var report = Path.GetTempFileName();
        var start = new ProcessStartInfo(useTime ? time : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (useTime)
        {
            foreach (var a in (string[])["-f", "%e %M %U %S", "-o", report, program])
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        long sampled = -1;
        while (!process.WaitForExit(5))
        {
            if (!useTime)
            {
                sampled = Math.Max(sampled, ReadHwm(process.Id));
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var stdout = output.Result + error.Result;
        long peak = sampled;
        var cpu = double.NaN;
        if (useTime)
        {
            var fields = File.ReadAllText(report).Trim().Split('\n')[^1].Split(' ');
            peak = fields.Length == 4 && long.TryParse(fields[1], CultureInfo.InvariantCulture, out var kib) ? kib : -1;
            cpu = fields.Length == 4 && double.TryParse(fields[2], CultureInfo.InvariantCulture, out var user) && double.TryParse(fields[3], CultureInfo.InvariantCulture, out var system)
                ? user + system : double.NaN;
        }

        File.Delete(report);
        return (seconds, process.ExitCode, stdout, peak, cpu, useTime ? "/usr/bin/time %M (max RSS)" : "VmHWM sampled every 5 ms");
    }

    private static long ReadHwm(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return -1;
    }
}
