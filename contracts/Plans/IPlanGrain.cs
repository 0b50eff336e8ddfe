using Samples.Contracts.Common;
using Samples.Contracts.Directory;

namespace Samples.Contracts.Plans;

/// <summary>
/// A sampling plan (抽查计划), keyed by its id. Every change makes a new version; earlier versions are
/// kept, so a round already drawn keeps the version it used.
/// </summary>
[Alias("samples.plans.plan")]
public interface IPlanGrain : IGrainWithStringKey
{
    /// <summary>Saves a new version when the definition differs from the current one.</summary>
    [Alias("DefineAsync")]
    Task<PlanResult> DefineAsync(PlanDefinition definition, string requestedBy);

    /// <summary>The current version, or a given one.</summary>
    [Alias("GetAsync")]
    Task<PlanVersion?> GetAsync(int? version = null);

    /// <summary>Every version, oldest first.</summary>
    [Alias("HistoryAsync")]
    Task<IReadOnlyList<PlanVersion>> HistoryAsync();
}

[GenerateSerializer, Immutable, Alias("samples.plans.definition.v1")]
public sealed record PlanDefinition(
    [property: Id(0)] int Year,
    [property: Id(1)] string Department,
    [property: Id(2)] IReadOnlyList<string> Categories,
    [property: Id(3)] IReadOnlyList<string> Regions,
    [property: Id(4)] QuotaRules Quotas,
    [property: Id(5)] int GoalBatches,
    [property: Id(6)] string RoundSchedule,
    [property: Id(7)] int Rounds,
    [property: Id(8)] PacingOptions? Pacing = null,
    [property: Id(9)] PlanPurpose Purpose = PlanPurpose.Supervision,
    [property: Id(10)] IReadOnlyList<JointDepartment>? JointDepartments = null);

/// <summary>
/// A department taking part in a joint plan (部门联合抽查, e.g. 青海省药品监督管理局 beside 青海省市场监督管理局): its id, its name in
/// Chinese, and the units of the inspector directory that are its own (an inspector is of the department by his unit).
/// Every team of the plan's draws holds at least one member of each participating department, and each sampling is
/// recorded in each department's history.
/// </summary>
[GenerateSerializer, Immutable, Alias("samples.plans.joint-department.v1")]
public sealed record JointDepartment(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<string> Units);

/// <summary>
/// What a plan's tasks are for. Supervision sampling (监督抽查, Order 18) has enforcement consequences: the notice of
/// results, the objection window, publication, disposal of a failed product, the credit record. Risk monitoring (风险监测)
/// tests the same way without them: its findings are risk signals, counted toward the monitoring plan's own goal.
/// </summary>
public enum PlanPurpose
{
    [System.Text.Json.Serialization.JsonStringEnumMemberName("supervision")]
    Supervision,

    [System.Text.Json.Serialization.JsonStringEnumMemberName("risk-monitoring")]
    RiskMonitoring,
}

/// <summary>
/// Pacing toward the goal: each round is sized from what remains of the goal spread over the rounds left, raised by the
/// observed share of drawn targets that could not be sampled, at most by <see cref="MarginCap"/> (e.g. 0.3).
/// </summary>
[GenerateSerializer, Immutable, Alias("samples.plans.pacing.v1")]
public sealed record PacingOptions([property: Id(0)] decimal MarginCap);

/// <summary>
/// How many targets a round draws: a ratio per risk class for general items (e.g. A 3 %, B 5 %, C 20 %,
/// D 61 %), every class-D target for key items when <see cref="AllKeyItemsAtClassD"/>, or fixed batch
/// numbers per category and region, which take precedence where given. Enterprises on the abnormal-operation list
/// are left out of the frames unless <see cref="IncludeAbnormalOperation"/> (国办发〔2015〕58号 asks for more checks on
/// them: included, they are drawn in their risk class, which the evaluation model raises for being on the list).
/// <see cref="Weights"/> raise the ratio of the strata whose members the rules single out (issue 20).
/// </summary>
[GenerateSerializer, Immutable, Alias("samples.plans.quota-rules.v1")]
public sealed record QuotaRules(
    [property: Id(0)] IReadOnlyDictionary<RiskClass, decimal> RatioByRiskClass,
    [property: Id(1)] bool AllKeyItemsAtClassD,
    [property: Id(2)] IReadOnlyList<FixedQuota> Fixed,
    [property: Id(3)] bool IncludeAbnormalOperation = false,
    [property: Id(4)] SamplingWeights? Weights = null);

/// <summary>
/// Sampling weights: each factor given (1 to 10) makes its members a stratum of their own within their risk class, with
/// the class's ratio multiplied by the factor (by the product when several apply, at most 100 %); 1 separates them without
/// raising the ratio; null leaves them with the others. Frozen in each round's commitment.
/// </summary>
/// <param name="KeyCategory">The category is a key item (重点检查事项) in the catalogue in force.</param>
/// <param name="KeySupervision">The enterprise is under key supervision (重点监管).</param>
/// <param name="TouristSite">A tourist-site retailer (旅游景区零售; seed 004: 提高旅游景区"两品一械"市场抽检频率).</param>
/// <param name="AbnormalOperation">On the abnormal-operation list (经营异常名录); only with IncludeAbnormalOperation (国办发〔2015〕58号).</param>
[GenerateSerializer, Immutable, Alias("samples.plans.sampling-weights.v1")]
public sealed record SamplingWeights(
    [property: Id(0)] decimal? KeyCategory = null,
    [property: Id(1)] decimal? KeySupervision = null,
    [property: Id(2)] decimal? TouristSite = null,
    [property: Id(3)] decimal? AbnormalOperation = null);

[GenerateSerializer, Immutable, Alias("samples.plans.fixed-quota.v1")]
public sealed record FixedQuota(
    [property: Id(0)] string Category,
    [property: Id(1)] string Region,
    [property: Id(2)] int Batches);

[GenerateSerializer, Immutable, Alias("samples.plans.version.v1")]
public sealed record PlanVersion(
    [property: Id(0)] string PlanId,
    [property: Id(1)] int Version,
    [property: Id(2)] PlanDefinition Definition,
    [property: Id(3)] DateTimeOffset SavedAt,
    [property: Id(4)] string SavedBy);

[GenerateSerializer, Immutable, Alias("samples.plans.result.v1")]
public sealed record PlanResult(
    [property: Id(0)] bool Changed,
    [property: Id(1)] PlanVersion? Plan,
    [property: Id(2)] IReadOnlyList<FieldProblem> Problems);
