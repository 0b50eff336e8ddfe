using System.Globalization;
using Samples.Client.Language;

namespace Samples.Client.Language;

// Everything the command line says, Chinese beside English, in one place: a translation is read and changed next to
// its original. What the server says (problem details, stages, verdicts, next steps) is shown as it comes.

/// <summary>Field labels and column headers: shown "中文 English" (English alone with --lang en).</summary>
internal static class Labels
{
    // Tasks
    public static readonly Text Task = new("任务", "Task");
    public static readonly Text Stage = new("阶段", "Stage");
    public static readonly Text Version = new("版本", "Version");
    public static readonly Text Enterprise = new("企业", "Enterprise");
    public static readonly Text Category = new("类别", "Category");
    public static readonly Text Team = new("检查组", "Team");
    public static readonly Text Lab = new("检验机构", "Lab");
    public static readonly Text Verdict = new("结论", "Verdict");
    public static readonly Text Due = new("截止", "Due");
    public static readonly Text Overdue = new("逾期", "Overdue");
    public static readonly Text Next = new("下一步", "Next");
    public static readonly Text Owner = new("责任方", "Owner");
    public static readonly Text What = new("事项", "What");
    public static readonly Text Outcome = new("结果", "Outcome");
    public static readonly Text Seq = new("序号", "#");
    public static readonly Text At = new("时间", "At (UTC+8)");
    public static readonly Text Who = new("操作人", "Who");
    public static readonly Text Action = new("操作", "Action");
    public static readonly Text Detail = new("详情", "Detail");

    // Directory
    public static readonly Text Uscc = new("统一社会信用代码", "USCC");
    public static readonly Text Name = new("名称", "Name");
    public static readonly Text PersonName = new("姓名", "Name");
    public static readonly Text Address = new("地址", "Address");
    public static readonly Text Region = new("地区", "Region");
    public static readonly Text Registered = new("登记", "Registered");
    public static readonly Text UsccOverride = new("代码例外", "USCC override");
    public static readonly Text History = new("历史", "History");
    public static readonly Text Number = new("编号", "Number");
    public static readonly Text Unit = new("单位", "Unit");
    public static readonly Text OnLeave = new("休假", "On leave");
    public static readonly Text MaxOpen = new("在办上限", "Max open");
    public static readonly Text Categories = new("类别", "Categories");
    public static readonly Text Id = new("编号", "Id");
    public static readonly Text Retests = new("可复检", "Re-tests");
    public static readonly Text Stratum = new("层（地区|类别|等级）", "Stratum (region|category|class)");
    public static readonly Text Targets = new("对象数", "Targets");

    // Access and accounts
    public static readonly Text KeyId = new("密钥编号", "Key id");
    public static readonly Text Role = new("角色", "Role");
    public static readonly Text ActsAs = new("对应主体", "Acts as");
    public static readonly Text Token = new("令牌", "Token");
    public static readonly Text Note = new("说明", "Note");
    public static readonly Text LoggedInAs = new("登录身份", "Logged in as");
    public static readonly Text Api = new("接口地址", "API");
    public static readonly Text SavedTo = new("保存位置", "Saved to");
    public static readonly Text User = new("用户名", "User");
    public static readonly Text FirstPassword = new("初始密码", "First password");
    public static readonly Text LockedUntil = new("锁定至", "Locked until (UTC+8)");
    public static readonly Text Sessions = new("会话", "Sessions");

    // Catalogue and calendar
    public static readonly Text Effective = new("生效日期", "Effective");
    public static readonly Text Origin = new("来源", "Origin");
    public static readonly Text UploadedBy = new("上传人", "Uploaded by");
    public static readonly Text Year = new("年份", "Year");
    public static readonly Text DaysOff = new("放假天数", "Days off");
    public static readonly Text WorkedWeekendDays = new("调休上班日", "Worked weekend days");
    public static readonly Text Source = new("依据", "Source");
    public static readonly Text SourceDate = new("发布日期", "Source date");

    // Draws
    public static readonly Text Round = new("轮次", "Round");
    public static readonly Text Draw = new("抽取", "Draw");
    public static readonly Text RoundTime = new("轮次时间", "Round time (UTC+8)");
    public static readonly Text State = new("状态", "State");
    public static readonly Text CommitFires = new("承诺触发", "Commit fires (UTC+8)");
    public static readonly Text DrawFires = new("抽取触发", "Draw fires (UTC+8)");
    public static readonly Text Step = new("步骤", "Step");
    public static readonly Text Committed = new("承诺时间", "Committed (UTC+8)");
    public static readonly Text Revealed = new("揭示时间", "Revealed (UTC+8)");
    public static readonly Text Late = new("迟延", "Late");
    public static readonly Text OutsideEntropy = new("外部熵", "Outside entropy");
    public static readonly Text CommitmentSha256 = new("承诺哈希", "Commitment sha256");
    public static readonly Text PlanVersion = new("计划版本", "Plan version");
    public static readonly Text EntropyUntil = new("外部熵截止", "Entropy until (UTC+8)");
    public static readonly Text Beacon = new("信标", "Beacon");
    public static readonly Text Contributions = new("外部熵份数", "Contributions");
    public static readonly Text Steps = new("步骤记录", "Steps");

    // Fairness
    public static readonly Text Date = new("日期", "Date");
    public static readonly Text Verification = new("验证", "Verification");
    public static readonly Text Rounds = new("轮数", "Rounds");
    public static readonly Text Members = new("成员数", "Members");
    public static readonly Text Expected = new("期望", "Expected");
    public static readonly Text Selected = new("抽中", "Selected");
    public static readonly Text AlternatesUsed = new("递补", "Alternates used");
    public static readonly Text Test = new("检验", "Test");
    public static readonly Text Statistic = new("统计量", "Statistic");
    public static readonly Text DegreesOfFreedom = new("自由度", "df");
    public static readonly Text PValue = new("p 值", "p-value");
    public static readonly Text Cells = new("单元", "Cells");
    public static readonly Text SmallExpected = new("期望<5", "E<5");
    public static readonly Text Impossible = new("不可能", "Impossible");
    public static readonly Text DistinctUnits = new("不同单位数", "Distinct units");
    public static readonly Text Teams = new("检查组数", "Teams");
    public static readonly Text Seats = new("席位", "Seats");
    public static readonly Text Share = new("占比", "Share");
    public static readonly Text FairShare = new("公平占比", "Fair share");
    public static readonly Text FrameShare = new("名录占比", "Frame share");

    // Progress and results
    public static readonly Text Plan = new("计划", "Plan");
    public static readonly Text Concluded = new("已出结论", "Concluded");
    public static readonly Text Failed = new("不合格", "Failed");
    public static readonly Text Enterprises = new("企业", "Enterprises");
    public static readonly Text KeySupervised = new("重点监管", "Key-supervised");
    public static readonly Text Licensed = new("许可", "Licensed");
    public static readonly Text Pace = new("进度", "Pace");
    public static readonly Text GoalReached = new("达成目标", "Goal reached");
    public static readonly Text Month = new("月份", "Month");
    public static readonly Text Published = new("公布", "Published");
    public static readonly Text Batch = new("批次", "Batch");

    // Health
    public static readonly Text Status = new("状态", "Status");
    public static readonly Text Silo = new("节点", "Silo");
    public static readonly Text Postgres = new("数据库", "PostgreSQL");
    public static readonly Text Cluster = new("集群", "Cluster");
    public static readonly Text Messaging = new("消息", "Messaging");
    public static readonly Text Scheduler = new("调度", "Scheduler");
    public static readonly Text Warning = new("警告", "Warning");

    // Documents
    public static readonly Text DocumentKind = new("文书", "Document");
    public static readonly Text Title = new("标题", "Title");
    public static readonly Text Code = new("验证码", "Code");
    public static readonly Text IssuedAt = new("签发时间", "Issued at (UTC+8)");
    public static readonly Text IssuedOn = new("签发日期", "Issued on");
    public static readonly Text IssuedBy = new("签发人", "Issued by");
    public static readonly Text Replaces = new("替代", "Replaces");
    public static readonly Text ReplacedBy = new("被替代", "Replaced by");
    public static readonly Text ContentSha256 = new("内容哈希", "Content sha256");
    public static readonly Text PdfSha256 = new("PDF 哈希", "PDF sha256");
    public static readonly Text Pdf = new("PDF", "PDF");
    public static readonly Text Purpose = new("任务性质", "Purpose");
    public static readonly Text Supervision = new("监督抽查", "supervision sampling");
    public static readonly Text RiskMonitoring = new("风险监测（不作执法处理，单独计数）", "risk monitoring (no enforcement, counted apart)");
}

/// <summary>What the command line reports: Chinese only, English with --lang en.</summary>
internal static class Messages
{
    public static readonly Text Yes = new("是", "yes");
    public static readonly Text No = new("否", "no");
    public static readonly Text None = new("无", "none");
    public static readonly Text LateMark = new("迟延", "late");
    public static readonly Text TokenShownOnce = new("令牌只显示这一次", "the token is shown only now");
    public static readonly Text AsGiven = new("（按输入）", "(as given)");
    public static readonly Text GivePassword = new("把初始密码交给本人；首次登录时必须修改（POST /api/session/password）",
        "give the first password to the person; it must be changed at the first login (POST /api/session/password)");
    public static readonly Text ToChange = new("待修改", "to change");
    public static readonly Text Changed = new("已修改", "changed");
    public static readonly Text Total = new("合计", "total");
    public static readonly Text ExcludedTargets = new("排除的对象", "excluded targets");
    public static readonly Text EligibleInspectors = new("合格检查人员", "eligible inspectors");
    public static readonly Text BuiltIn = new("生成用时（毫秒）", "built in (ms)");
    public static readonly Text NotAtThisPace = new("按当前进度无法达成", "not at the current pace");
    public static readonly Text Reachable = new("可连接", "reachable");
    public static readonly Text Unreachable = new("无法连接", "UNREACHABLE");
    public static readonly Text Clustered = new("集群", "clustered");

    public static Text ActiveSilos(int count) => new($"{count} 个活动节点", $"{count} active silo(s)");
    public static readonly Text HealthDetailForAdmins = new("数据库、消息、调度和集群成员仅向管理员显示（设置 SAMPLES_TOKEN 为管理员令牌）",
        "PostgreSQL, the bus, the scheduler and the cluster's members are shown to admins only (set SAMPLES_TOKEN to an admin token)");
    public static readonly Text Uploading = new("上传", "Uploading");
    public static readonly Text Downloading = new("下载", "Downloading");
    public static readonly Text DownloadingAudit = new("下载审计记录", "Downloading the audit trail");

    // Fairness report
    public static readonly Text DrawsTitle = new("抽取", "Draws");
    public static readonly Text StrataTitle = new("各层：抽中与期望", "Strata: selected against expected");
    public static readonly Text ChiSquareTitle = new("抽中次数的卡方拟合优度检验", "Chi-square goodness of fit of selection counts");
    public static readonly Text UnitMixTitle = new("检查组的单位构成", "Teams' unit mix");
    public static readonly Text Verified = new("已验证", "verified");
    public static readonly Text FramesMissing = new("缺少名录", "frames missing");
    public static readonly Text PerEnterprise = new("按企业", "per enterprise");
    public static readonly Text PerInspectorSeats = new("按检查人员（组内席位）", "per inspector (team seats)");
    public static readonly Text PerInspectorEmissions = new("按检查人员（随机流输出）", "per inspector (stream emissions)");

    public static Text NotVerifiedCell(int problems, string first) => new($"未通过验证（{problems}：{first}）", $"NOT VERIFIED ({problems}: {first})");

    public static Text YesWith(int count) => new($"是（{count}）", $"yes ({count})");

    public static Text MostOverSelected(bool enterprises) =>
        enterprises ? new("抽中最多的企业", "Most over-selected enterprises") : new("抽中最多的检查人员", "Most over-selected inspectors");

    public static Text Revoked(string keyId) => new($"已吊销 {keyId}", $"Revoked {keyId}");

    public static Text Removed(string path) => new($"已删除 {path}", $"Removed {path}");

    public static Text NothingSaved(string path) => new($"{path} 未保存任何凭据", $"Nothing saved at {path}");

    public static Text SessionsEnded(int count, string user) => new($"已结束 {user} 的 {count} 个会话", $"{count} session(s) ended for {user}");

    public static Text CatalogueInForce(int version) => new($"产品目录第 {version} 版已生效", $"catalogue version {version} is in force");

    public static Text CalendarNotice(string notice) => new($"提示：{notice}", $"Notice: {notice}");

    public static Text CalendarVersion(string year, string version, string origin, string? added) =>
        new($"{year} 年第 {version} 版（{origin}{added}）", $"{year} version {version} ({origin}{added})");

    public static Text AddedBy(string at, string by) => new($"，{at} 由 {by} 添加", $", added {at} by {by}");

    public static Text CalendarSource(string title, string date) => new($"  依据：{title}，{date}", $"  source: {title}, {date}");

    public static Text CalendarReason(string reason) => new($"  原因：{reason}", $"  reason: {reason}");

    public static Text Holiday(string name, string span, int days) => new($"  {name}：{span}（放假 {days} 天）", $"  {name}: {span} ({days} days off)");

    public static Text WorkedWeekend(string days) => new($"  调休上班日：{days}", $"  worked weekend days (调休上班): {days}");

    public static Text CalendarRepeat(int year, string version) => new($"{year} 年第 {version} 版已保存过：没有变化", $"{year} version {version} was already stored: nothing changed");

    public static Text CalendarInForce(int year, string version, string revision, string then) =>
        new($"{year} 年第 {version} 版已生效（日历修订 {revision}）；{then}", $"{year} version {version} is in force (calendar revision {revision}); {then}");

    public static Text DemoWritten(int count, string path, double megabytes) =>
        new(string.Create(CultureInfo.InvariantCulture, $"已写入 {count} 家企业到 {path}（{megabytes:0.0} MB）"),
            string.Create(CultureInfo.InvariantCulture, $"{count} enterprises written to {path} ({megabytes:0.0} MB)"));

    public static Text ImportProblem(int row, string field, string reason) => new($"  第 {row} 行，{field}：{reason}", $"  row {row}, {field}: {reason}");

    public static Text RowsChecked(int rows) => new($"已检查 {rows} 行：没有问题（未应用任何更改）", $"{rows} rows checked: no problems (nothing applied)");

    public static Text RowsCounted(int rows, long inserted, long updated, long unchanged, bool dryRun) => new(
        $"{rows} 行：新增 {inserted}，修改 {updated}，未变 {unchanged}（{(dryRun ? "将会应用" : "已应用")}）",
        $"{rows} rows: {inserted} new, {updated} changed, {unchanged} unchanged ({(dryRun ? "would be" : "were")} applied)");

    public static Text RowsChanged(int rows, int changed, int unchanged, bool dryRun) => new(
        $"{rows} 行：新增或修改 {changed}，未变 {unchanged}（{(dryRun ? "将会应用" : "已应用")}）",
        $"{rows} rows: {changed} new or changed, {unchanged} unchanged ({(dryRun ? "would be" : "were")} applied)");

    public static Text DrawVerified(string drawId, int picks, int strata, int teams, int contributions) => new(
        $"验证通过：抽取 {drawId}，{strata} 层共 {picks} 个抽中对象，{teams} 个检查组，{contributions} 份外部熵",
        $"verified: draw {drawId}, {picks} picks in {strata} strata, {teams} teams, {contributions} outside contribution(s)");

    public static Text JointDrawRule(string departments) => new(
        $"联合抽查：每个检查组至少有以下每个部门的一名检查员（按检查员的单位认定）：{departments}",
        $"joint draw: every team holds at least one inspector of each of these departments (by the inspector's unit): {departments}");

    public static Text BeaconCommitted(string source, string? url) =>
        new($"信标：已承诺 {source}；请将其值与 {url} 比对（或加 --beacon-relay 运行）", $"beacon: {source} was committed; compare its value with {url} (or run with --beacon-relay)");

    public static Text BeaconMatches(string source) => new($"信标：{source} 与中继公布的值一致", $"beacon: {source} is the value the relay publishes");

    public static Text DoesNotVerify(string drawId, int differences) =>
        new($"验证未通过：抽取 {drawId}，{differences} 处不同：", $"DOES NOT VERIFY: draw {drawId}, {differences} difference(s):");

    public static Text CommitmentDiffers(string actual, string announced) => new(
        $"承诺：其 SHA-256 为 {actual}，公告的是 {announced}：这不是公告的那次抽取",
        $"commitment: its SHA-256 is {actual}, the announced one is {announced}: this is not the draw that was announced");

    public static Text BundleDiffers(string actual, string published) => new(
        $"抽取包：其 SHA-256 为 {actual}，公布的是 {published}：这不是公布的那个抽取包",
        $"bundle: its SHA-256 is {actual}, the published one is {published}: it is not the bundle that was published");

    public static Text SupplementWaiting(string name, string? waiting) => new($"{name} 已记录，尚未执行：{waiting}", $"{name} recorded, not made yet: {waiting}");

    public static Text FramesWritten(string folder, int count) =>
        new($"{folder}：已写入 {count} 个抽样框文件（.csv.gz，按承诺中的 SHA-256 核对）", $"{folder}: {count} frame file(s) written (.csv.gz, checked by the commitment's SHA-256)");

    public static Text BundleWritten(string path, string drawId, string name) =>
        new($"{path}：已写入 {drawId} 的抽取包；验证：samples verify {name}", $"{path}: bundle of {drawId} written; check it with: samples verify {name}");

    public static Text StatusStep(string step, string outcome, string by, string at, string? lateBy) => new(
        $"{step} {outcome}（{by}，{at}{(lateBy is null ? string.Empty : $"，迟延 {lateBy}")}）",
        $"{step} {outcome} by {by} at {at}{(lateBy is null ? string.Empty : $" (late by {lateBy})")}");

    public static Text BeaconRound(string chain, long round, string emitted) => new(
        string.Create(CultureInfo.InvariantCulture, $"drand {chain} 第 {round} 轮，{emitted}（UTC+8）发出"),
        string.Create(CultureInfo.InvariantCulture, $"drand {chain} round {round}, emitted {emitted} (UTC+8)"));

    public static Text AuditVerified(int entries, int streams, string head) => new(
        string.Create(CultureInfo.InvariantCulture, $"审计记录验证通过：{streams} 条链（任务、抽取、工作日历）共 {entries} 条，链头 {head}"),
        string.Create(CultureInfo.InvariantCulture, $"audit trail verified: {entries} entries of {streams} streams (tasks, draws, the working calendar), head {head}"));

    public static Text AuditNotVerified(int problems, int entries) =>
        new($"审计记录验证未通过：{entries} 条中有 {problems} 个问题", $"audit trail NOT verified: {problems} problems in {entries} entries");

    public static Text Entries(long count) => new(
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} 条"), string.Create(CultureInfo.InvariantCulture, $"{count:N0} entries"));

    public static Text ConcludedOf(int concluded, int goal, string percent, string bar) =>
        new($"{goal} 批中 {concluded} 批（{percent}）{bar}", $"{concluded} of {goal} batches ({percent}) {bar}");

    public static Text CoveredOf(int covered, int all, string percent) => new($"{all} 家中已覆盖 {covered} 家（{percent}）", $"{covered} of {all} covered ({percent})");

    public static Text PerDay(double perDay, string? basis) => new(
        string.Create(CultureInfo.InvariantCulture, $"每天 {perDay:0.##} 批（{basis}）"), string.Create(CultureInfo.InvariantCulture, $"{perDay:0.##} a day ({basis})"));

    public static Text ResultsChecked(string file, int count) =>
        new($"{file}：{count} 条结果，格式都正确；未发送（--check）", $"{file}: {count} results, all well-formed; nothing sent (--check)");

    public static Text Registered(string at, string by) => new($"{at}，{by}", $"{at} by {by}");

    public static Text OverrideApproved(string reason, string approvedBy, string problem) =>
        new($"{reason}（{approvedBy} 批准；{problem}）", $"{reason} (approved by {approvedBy}; {problem})");

    public static Text DocumentIssued(string number) => new($"已签发 {number}", $"{number} issued");

    public static Text DocumentUnchanged(string number) => new($"内容未变：现行文书仍为 {number}", $"nothing changed: {number} is still in force");

    public static Text DocumentSaved(string path, int bytes, string sha256) =>
        new($"已保存 {path}（{bytes} 字节，SHA-256 {sha256}）", $"saved {path} ({bytes} bytes, SHA-256 {sha256})");

    public static readonly Text OnRecord = new("系统中有此文书：请将纸质件或文件上的内容与以下记录逐项核对", "the system holds this document: compare the paper or file with this record, figure by figure");

    public static readonly Text RecordDamaged = new("验证未通过：系统记录的内容与其哈希不符，请联系签发机关", "DOES NOT VERIFY: the record's content does not match its hash; contact the issuing office");

    public static Text FileMatches(string file) => new($"与系统记录一致：{file} 正是本系统签发的文书", $"matches the record: {file} is exactly a document issued here");

    public static Text FileNotIssued(string file, string sha256) => new(
        $"验证未通过：{file} 已被改动或非本系统签发（SHA-256 {sha256} 无对应文书）；请用文书上的验证码查看系统记录：samples document verify --code …",
        $"DOES NOT VERIFY: {file} was changed or not issued here (no document has SHA-256 {sha256}); see what the system holds with the code printed on it: samples document verify --code …");

    public static Text NoSuchCode(string code) => new($"验证未通过：没有验证码为 {code} 的文书，请核对验证码", $"DOES NOT VERIFY: no document has the code {code}; check the code");

    public static Text Replaced(string number) => new($"警告：此文书已被更正，现行版本为 {number}，本版本不再有效", $"WARNING: this document was corrected; the version in force is {number}, this one is no longer valid");

    public static Text SeeHelp(string command) => new($"用法见 '{command} --help'", $"see '{command} --help'");
}

/// <summary>Errors: "中文 / English" (English alone with --lang en), one line on standard error.</summary>
internal static class Errors
{
    public static readonly Text CatalogueNotStored = new("产品目录未保存", "the catalogue was not stored:");

    public static Text CalendarNotStored(int year) => new($"{year} 年的日程未保存", $"the schedule of {year} was not stored:");

    public static Text NotImported(int problems) =>
        new($"文件未导入，没有应用任何更改；{problems} 个问题", $"the file was not imported, nothing was applied; {problems} problem(s):");

    public static Text NoSuchFile(string path) => new($"{path}：文件不存在", $"{path}: no such file");

    public static Text NoSuchFolder(string path) => new($"{path}：文件夹不存在", $"{path}: no such folder");

    public static Text OptionNoSuchFile(string option, string path) => new($"{option} {path}：文件不存在", $"{option} {path}: no such file");

    public static Text OptionNoSuchFolder(string option, string path) => new($"{option} {path}：文件夹不存在", $"{option} {path}: no such folder");

    public static Text CannotRead(string path, string why) => new($"{path}：无法读取（{why}）", $"{path}: cannot read ({why})");

    /// <summary>A file and what a library (the draw bundle's reader) says about it, in the library's words.</summary>
    public static Text FileProblem(string file, string problem) => Text.Same($"{file}: {problem}");

    public static Text FileProblem(string file, Text problem) => new($"{file}：{problem.Zh}", $"{file}: {problem.En}");

    public static Text IoFailure(string why) => new($"文件读写失败（{why}）", why);

    public static Text UnexpectedAnswer(string why) => new($"服务器的应答无法理解（{why}）", $"unexpected answer from the server ({why})");

    public static Text CannotReach(Uri api, string why) => new($"无法连接 Samples 接口 {api}（{why}）；silo 是否在运行（bash ops/run.sh）？",
        $"cannot reach the Samples API at {api} ({why}); is the silo running (bash ops/run.sh)?");

    public static Text NoAnswerInTime(Uri api) => new($"Samples 接口 {api} 未及时应答", $"the Samples API at {api} did not answer in time");

    public static Text NotHttp(string api) => new($"--api '{api}' 不是 http(s) 地址", $"--api '{api}' is not an http(s) address");

    public static readonly Text TokenControl = new("令牌（--token 或 SAMPLES_TOKEN）含有换行或控制字符；只粘贴 smp_…",
        "the token (--token or SAMPLES_TOKEN) contains a line break or control character; paste only smp_….");

    public static Text ConfigNotJson(string path, string why) => new($"配置文件 {path} 不是有效的 JSON（{why}）；请修正或运行 `samples logout`",
        $"the configuration file {path} is not valid JSON ({why}); fix it or run `samples logout`");

    public static readonly Text NoToken = new("未提供令牌：请用 --with-token smp_… 或从标准输入传入", "no token given: pass --with-token smp_… or pipe it on standard input");

    public static readonly Text NegativeTake = new("--take 不能为负数", "--take must not be negative");

    public static Text DuplicateId(int line, string id, int first) =>
        new($"第 {line} 行：编号 '{id}' 重复（首次出现在第 {first} 行）", $"line {line}: duplicate id '{id}' (first on line {first})");

    public static Text RelayUnreadable(string url, string why) => new($"--beacon-relay：无法读取 {url}（{why}）", $"--beacon-relay: cannot read {url} ({why})");

    public static Text NotBeaconRound(string text) =>
        new($"--beacon：'{text}' 不是 CHAIN:ROUND 格式（例如 quicknet:12345678）", $"--beacon: '{text}' is not CHAIN:ROUND (e.g. quicknet:12345678)");

    public static readonly Text PlanOrBundles = new("请给出计划编号（由服务器出报告）或 --bundles DIR（离线），二者只能选一", "give a plan id (report from the server) or --bundles DIR (offline), not both");

    public static readonly Text EmptyReport = new("服务器发来的报告是空的", "the server sent an empty report");

    public static Text NotABundle(string file, string why) => new($"{file}：不是抽取包（{why}）", $"{file}: not a draw bundle ({why})");

    public static Text NoBundleInPeriod(string folder) => new($"{folder}：该期间没有抽取包", $"{folder}: no draw bundle in the period");

    public static Text NotAuditRow(string file, int line, string why) => new($"{file} 第 {line} 行：不是审计记录（{why}）", $"{file} line {line}: not an audit row ({why})");

    public static readonly Text EnterprisesRange = new("--enterprises 必须在 1 到 10,000,000 之间", "--enterprises must be between 1 and 10,000,000");

    public static Text NotKeyValue(string option, string pair) => new($"{option} '{pair}' 不是 key=value 格式", $"{option} '{pair}' is not key=value");

    public static Text NotJson(string path, string why) => new($"{path}：不是 JSON（{why}）", $"{path}: not JSON ({why})");

    public static Text NoYear(string path, int year) => new($"{path}：没有 {year} 年", $"{path}: lists no year {year}");

    public static Text ReasonNeeded(string why) => new($"400 内容已变，更正须用 --reason 说明理由（{why}）", $"400 the facts changed: a correction needs --reason ({why})");

    public static readonly Text CodeOrFile = new("请给出 PDF 文件或 --code 验证码，二者只能选一", "give a PDF file or --code CODE, not both");

    public static Text NotSchedule(string path) => new($"{path}：应为含 sourceTitle、sourceDate、holidays 和 workingWeekendDays 的 JSON 对象",
        $"{path}: expected a JSON object with sourceTitle, sourceDate, holidays and workingWeekendDays");
}

/// <summary>Problems in a lab's results file (<c>samples lab results</c>), each with its line.</summary>
internal static class ResultsFileProblems
{
    public static Text Empty(string example) => new($"文件是空的：应有表头行，例如 {example}", $"the file is empty: expected a header line, e.g. {example}");

    public static Text UnknownColumn(int line, string column, string columns) =>
        new($"第 {line} 行：未知列 '{column}'；可用的列：{columns}", $"line {line}: unknown column '{column}'; the columns are: {columns}");

    public static Text MissingColumn(int line, string column) => new($"第 {line} 行：表头缺少 '{column}' 列", $"line {line}: the header needs a '{column}' column");

    public static Text ColumnTwice(int line, string column) => new($"第 {line} 行：'{column}' 列出现两次", $"line {line}: column '{column}' appears twice");

    public static Text FieldCount(int line, int fields, int header) =>
        new($"第 {line} 行：{fields} 个字段，表头有 {header} 个（备注里不能有逗号）", $"line {line}: {fields} fields, the header has {header} (a comma inside a note is not allowed)");

    public static Text ItemEmpty(int line) => new($"第 {line} 行：item 为空", $"line {line}: item is empty");

    public static Text ItemTwice(int line, string item, int first) =>
        new($"第 {line} 行：项目 '{item}' 已在第 {first} 行给出", $"line {line}: item '{item}' was already given on line {first}");

    public static Text UnknownKind(int line, string? kind, string kinds) => new($"第 {line} 行：kind '{kind}' 不是以下之一：{kinds}", $"line {line}: kind '{kind}' is not one of: {kinds}");

    public static Text ValueNeeded(int line) => new($"第 {line} 行：kind 'value' 需要 value", $"line {line}: kind 'value' needs a value");

    public static Text NotNumber(int line, string column, string text) =>
        new($"第 {line} 行：{column} '{text}' 不是数字（小数用小数点，例如 0.025）", $"line {line}: {column} '{text}' is not a number (use a point for decimals, e.g. 0.025)");

    public static readonly Text NoResults = new("文件有表头但没有结果", "the file has a header but no results");
}

/// <summary>Quality bulletins (<c>samples bulletin …</c>) and the public results' revisions (<c>samples results …</c>).</summary>
internal static class BulletinTexts
{
    public static readonly Text Bulletin = new("公告", "Bulletin");
    public static readonly Text Title = new("标题", "Title");
    public static readonly Text Edition = new("版次", "Edition");
    public static readonly Text Status = new("状态", "Status");
    public static readonly Text Period = new("期间", "Period");
    public static readonly Text Scope = new("范围", "Scope");
    public static readonly Text Range = new("统计期间", "Covers");
    public static readonly Text Sha = new("数据 SHA-256", "Figures SHA-256");
    public static readonly Text Number = new("编号", "Number");
    public static readonly Text Code = new("核验码", "Verification code");
    public static readonly Text PublishedAt = new("发布时间", "Published (UTC+8)");
    public static readonly Text DraftedAt = new("起草时间", "Drafted (UTC+8)");
    public static readonly Text Replaces = new("更正", "Replaces");
    public static readonly Text Reason = new("理由", "Reason");
    public static readonly Text Batches = new("抽检批次", "Batches");
    public static readonly Text Passed = new("合格", "Passed");
    public static readonly Text Failed = new("不合格", "Failed");
    public static readonly Text PassRate = new("合格率", "Pass rate");
    public static readonly Text Retests = new("复检", "Re-tests");
    public static readonly Text Withdrawn = new("已撤回未计入", "Withdrawn, not counted");
    public static readonly Text Category = new("产品类别", "Category");
    public static readonly Text Prefecture = new("市州", "Prefecture");
    public static readonly Text Kind = new("企业类型", "Kind of enterprise");
    public static readonly Text Enterprise = new("企业", "Enterprise");
    public static readonly Text Producer = new("生产者", "Producer");
    public static readonly Text Product = new("产品", "Product");
    public static readonly Text BatchNumber = new("生产批号", "Batch number");
    public static readonly Text FailedItems = new("不合格项目（实测/要求）", "Failed items (result/limit)");
    public static readonly Text Lab = new("检验机构", "Lab");
    public static readonly Text Disposal = new("处置", "Disposal");
    public static readonly Text Outcome = new("结论", "Outcome");
    public static readonly Text Revision = new("版本", "Revision");
    public static readonly Text Task = new("任务", "Task");
    public static readonly Text RecordedAt = new("记录时间", "Recorded (UTC+8)");
    public static readonly Text Files = new("文件", "Files");

    public static readonly Text ByCategory = new("按产品类别", "By product category");
    public static readonly Text ByPrefecture = new("按市州", "By prefecture");
    public static readonly Text ByKind = new("按企业类型", "By kind of enterprise");
    public static readonly Text Trend = new("历期对比", "Against the previous periods");
    public static readonly Text Failing = new("不合格产品", "Failing products");
    public static readonly Text Draft = new("草稿，未发布", "draft, not published");
    public static readonly Text PublishedWord = new("已发布", "published");

    public static Text RetestLine(int retested, int reversed, int upheld) =>
        new($"{retested} 批：改判合格 {reversed}，维持不合格 {upheld}", $"{retested}: reversed {reversed}, upheld {upheld}");

    public static Text PublishHint(string id, string sha) =>
        new($"审阅后发布：samples bulletin publish {id} --sha256 {sha}", $"to publish after review: samples bulletin publish {id} --sha256 {sha}");

    public static Text Saved(string what, string path) => new($"已保存{what}：{path}", $"saved the {what}: {path}");
}

/// <summary>Risk classification (<c>samples risk …</c>).</summary>
internal static class RiskTexts
{
    public static readonly Text Version = new("版本", "Version");
    public static readonly Text Model = new("评价模型", "Model");
    public static readonly Text EffectiveFrom = new("生效日期", "Effective from");
    public static readonly Text Uploaded = new("上传人及时间", "Uploaded by, at (UTC+8)");
    public static readonly Text Sha = new("SHA-256", "SHA-256");
    public static readonly Text ModelSha = new("模型 SHA-256", "Model SHA-256");
    public static readonly Text InputsSha = new("输入数据 SHA-256", "Inputs SHA-256");
    public static readonly Text Code = new("代码", "Code");
    public static readonly Text Indicator = new("指标", "Indicator");
    public static readonly Text Indicators = new("指标数", "Indicators");
    public static readonly Text Source = new("数据来源", "Source");
    public static readonly Text PointsPerUnit = new("每单位分值", "Points per unit");
    public static readonly Text Cap = new("上限", "Cap");
    public static readonly Text Class = new("类别", "Class");
    public static readonly Text MinScore = new("最低得分", "From score");
    public static readonly Text Month = new("月份", "Month");
    public static readonly Text RunNo = new("次", "Run");
    public static readonly Text Enterprises = new("分类企业数", "Enterprises classified");
    public static readonly Text Changed = new("类别变化", "Class changed");
    public static readonly Text RunBy = new("运行人及时间", "Run by, at");
    public static readonly Text Count = new("企业数", "Enterprises");
    public static readonly Text Enterprise = new("企业", "Enterprise");
    public static readonly Text Uscc = new("统一社会信用代码", "USCC");
    public static readonly Text ClassChange = new("类别变化", "Class");
    public static readonly Text ScoreChange = new("得分变化", "Score");
    public static readonly Text Rising = new("上升的指标", "Indicators that rose");
    public static readonly Text Score = new("得分", "Score");
    public static readonly Text Explanation = new("计分指标（值→分）", "Scoring indicators (value→points)");
    public static readonly Text Value = new("指标值", "Value");
    public static readonly Text Points = new("得分", "Points");
    public static readonly Text Imported = new("每月导入", "imported monthly");
    public static readonly Text SystemRecords = new("系统记录", "system records");
    public static readonly Text Shipped = new("随产品发布", "shipped with the product");
    public static readonly Text ModelNotStored = new("模型未保存", "the model was not stored");
    public static readonly Text NotImported = new("未导入任何指标", "nothing was imported");
    public static readonly Text NeverClassified = new("尚无分类记录", "not classified yet");

    public static Text InForce(string name, string version) => new($"现行模型：{name}（第 {version} 版）", $"In force: {name} (version {version})");

    public static Text RunNumber(string run) => new($"第 {run} 次", $"run {run}");

    public static Text ImportedRows(string rows, string month) => new($"已导入 {month} 的 {rows} 行指标", $"{rows} indicator rows imported for {month}");

    public static Text Warnings(int count) => new($"风险预警：{count} 家", $"Early warnings: {count}");

    public static Text ClassesOf(string month, int count) => new($"{month} 的分类结果：{count} 家", $"Classes of {month}: {count}");

    public static Text Why(string month, string run, string riskClass, string score) =>
        new($"{month} 第 {run} 次：{riskClass} 类，{score} 分", $"{month} run {run}: class {riskClass}, {score} points");
}
