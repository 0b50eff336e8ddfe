using Samples.Contracts.Directory;
using Samples.Domain.Risk;

namespace Samples.Domain.Tests.Risk;

public sealed class RiskModelTests
{
    private static readonly DateOnly March = new(2026, 3, 1);
    private static readonly RiskModel Model = RiskModel.Shipped;
    private static readonly EnterpriseRecord Plain = new("U1", "示例钾肥", EnterpriseStatus.Active, false, ["potash"], RiskClass.B);
    private static readonly HashSet<string> KeyCategories = ["lithium-carbonate"];

    private static TaskRecord Failed(DateOnly on) => new("U1", on.AddDays(-20), on, "fail", false, false);

    private static TaskRecord Passed(DateOnly on) => new("U1", on.AddDays(-20), on, "pass", false, false);

    private static RiskEvaluation Evaluate(params TaskRecord[] tasks) =>
        RiskEvaluator.Evaluate(Model, "U1", SystemIndicators.Compute(Plain, tasks, KeyCategories, March));

    [Fact]
    public void An_enterprise_inspected_lately_with_clean_results_is_A_one_failure_makes_it_C_and_two_D()
    {
        Evaluate(Passed(new DateOnly(2026, 2, 10))).Class.Should().Be(RiskClass.A, "inspected a month ago, nothing found: 0.5 points");
        Evaluate(Failed(new DateOnly(2025, 12, 1))).Class.Should().Be(RiskClass.C, "one failure: 30 points, plus 1 for the months since");
        var two = Evaluate(Failed(new DateOnly(2025, 6, 1)), Failed(new DateOnly(2026, 2, 1)));
        two.Class.Should().Be(RiskClass.D);
        two.Contributions.Single(c => c.Indicator == SystemIndicators.Failures).Should().Be(new RiskContribution("failures", "近24个月监督抽查不合格批次", 2, 60));
        Evaluate(Failed(new DateOnly(2023, 6, 1)), Failed(new DateOnly(2026, 3, 5))).Class.Should().NotBe(RiskClass.D,
            "a failure older than 24 months and one after the day evaluated both fall outside the window");
    }

    [Fact]
    public void Never_inspected_counts_36_months_and_the_directory_and_imported_indicators_add_their_points()
    {
        var never = Evaluate();
        never.Contributions.Single(c => c.Indicator == SystemIndicators.MonthsSinceInspection).Should().Be(new RiskContribution("months-since-inspection", "距上次抽查月数", 36, 12));
        never.Class.Should().Be(RiskClass.B, "12 points of not being looked at");
        var values = new Dictionary<string, decimal>(SystemIndicators.Compute(Plain with { Status = EnterpriseStatus.AbnormalOperation }, [], KeyCategories, March))
        {
            ["complaints"] = 5,
        };
        var flagged = RiskEvaluator.Evaluate(Model, "U1", values);
        flagged.Score.Should().Be(12 + 25 + 30, "the complaints' 50 points are capped at 30");
        flagged.Class.Should().Be(RiskClass.D);
    }

    [Fact]
    public void A_new_version_with_other_weights_reclassifies_the_same_history_as_expected()
    {
        var history = new[] { Failed(new DateOnly(2025, 12, 1)) };
        Evaluate(history).Class.Should().Be(RiskClass.C);
        var stricter = Model with
        {
            Version = 2,
            Indicators = [.. Model.Indicators.Select(i => i.Code == SystemIndicators.Failures ? i with { PointsPerUnit = 60 } : i)],
        };
        RiskModelRules.Problems(stricter).Should().BeEmpty();
        RiskModel.Parse(stricter.ToJson()).Model.Should().NotBeNull("a version round-trips through its JSON");
        RiskEvaluator.Evaluate(stricter, "U1", SystemIndicators.Compute(Plain, history, KeyCategories, March)).Class.Should().Be(RiskClass.D, "one failure now weighs 60");
        var lenient = Model with { Version = 3, Classes = [new(RiskClass.D, 90), new(RiskClass.C, 50), new(RiskClass.B, 20), new(RiskClass.A, 0)] };
        RiskEvaluator.Evaluate(lenient, "U1", SystemIndicators.Compute(Plain, history, KeyCategories, March)).Class.Should().Be(RiskClass.B);
    }

    [Fact]
    public void A_model_that_breaks_the_rules_is_refused_naming_the_field()
    {
        RiskModel.Parse("{").Problems.Should().ContainSingle();
        RiskModelRules.Problems(Model with { Classes = [new(RiskClass.D, 10), new(RiskClass.C, 30), new(RiskClass.B, 12), new(RiskClass.A, 0)] })
            .Should().ContainSingle(p => p.StartsWith("classes", StringComparison.Ordinal));
        RiskModelRules.Problems(Model with { Indicators = [.. Model.Indicators, Model.Indicators[0]] }).Should().Contain(p => p.Contains("more than once", StringComparison.Ordinal));
        RiskModelRules.Problems(Model with { Indicators = [new("sunshine", "日照", "Sunshine", "x", "system", 1, 1)] }).Should().ContainSingle(p => p.Contains("no indicator the system computes", StringComparison.Ordinal));
        RiskModel.Parse(Model.ToJson().Replace("\"version\":1", "\"version\":1,\"extra\":2", StringComparison.Ordinal)).Problems.Should().NotBeEmpty("an unknown field is a typo, not data");
    }

    [Fact]
    public void Enterprises_whose_class_worsened_are_warned_with_the_indicators_that_rose()
    {
        var before = Evaluate(Passed(new DateOnly(2026, 1, 10)));
        var now = Evaluate(Passed(new DateOnly(2026, 1, 10)), Failed(new DateOnly(2026, 2, 20)));
        var warnings = RiskEvaluator.Warnings(new Dictionary<string, RiskEvaluation> { ["U1"] = before }, [now]);
        warnings.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Uscc = "U1", From = RiskClass.A, To = RiskClass.C });
        warnings[0].Rising.Should().Equal(SystemIndicators.Failures);
        RiskEvaluator.Warnings(new Dictionary<string, RiskEvaluation> { ["U1"] = now }, [now]).Should().BeEmpty();
    }
}

public sealed class CreditRecordTests
{
    [Fact]
    public void Failures_refusals_and_failed_reinspections_are_recorded_with_their_dates_newest_first_and_nothing_else()
    {
        var record = CreditRecord.Of(
        [
            new("T1", "fail", false, "failed again: provincial public notice due", new DateOnly(2026, 3, 1), new DateOnly(2026, 6, 1), new DateOnly(2026, 3, 20)),
            new("T2", null, true, null, null, new DateOnly(2026, 4, 2), null),
            new("T3", "pass", false, null, new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 9)),
        ]);
        record.Select(e => (e.On, e.Kind, e.TaskId)).Should().Equal(
            (new DateOnly(2026, 6, 1), CreditRecord.FailedReinspection, "T1"),
            (new DateOnly(2026, 4, 2), CreditRecord.Refusal, "T2"),
            (new DateOnly(2026, 3, 1), CreditRecord.Failure, "T1"));
        record[2].PublishedOn.Should().Be(new DateOnly(2026, 3, 20));
    }
}
