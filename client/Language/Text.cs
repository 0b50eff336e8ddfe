namespace Samples.Client.Language;

/// <summary>The languages the command line speaks: Chinese by default, English by setting (<c>--lang en</c>, <c>SAMPLES_LANG=en</c>).</summary>
public enum Lang
{
    Zh,
    En,
}

/// <summary>
/// One thing the command line says, in both languages. How it is shown depends on what it is: a label or header keeps
/// the English term after the Chinese (the API, the JSON and the docs name fields in English), an error keeps the
/// English sentence after a slash (what people search for), a message is Chinese only.
/// </summary>
public readonly record struct Text(string Zh, string En)
{
    /// <summary>Words that are the same in both languages: a server's answer, an id, a file name.</summary>
    public static Text Same(string text) => new(text, text);

    /// <summary>A message: the chosen language only.</summary>
    public string In(Lang lang) => lang == Lang.En ? En : Zh;

    /// <summary>A label or column header: "任务 Task", or "Task" in English.</summary>
    public string Label(Lang lang) => lang == Lang.En || Zh == En ? En : $"{Zh} {En}";

    /// <summary>An error: "未找到文件 / no such file", or the English alone.</summary>
    public string Error(Lang lang) => lang == Lang.En || Zh == En ? En : $"{Zh} / {En}";

    public override string ToString() => En;
}

/// <summary>Which language a run speaks: <c>--lang</c>, else <c>$SAMPLES_LANG</c>, else Chinese.</summary>
public static class Languages
{
    public const string Variable = "SAMPLES_LANG";

    public static readonly string[] Names = ["zh", "en"];

    /// <summary>The language named (zh, zh-CN, en, en-US …; any case); null for a name neither starts with.</summary>
    public static Lang? Parse(string? name) =>
        name?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            var n when n.StartsWith("zh", StringComparison.Ordinal) => Lang.Zh,
            var n when n.StartsWith("en", StringComparison.Ordinal) => Lang.En,
            _ => null,
        };

    public static Lang Resolve(string? given) => Parse(given) ?? Parse(Environment.GetEnvironmentVariable(Variable)) ?? Lang.Zh;
}
