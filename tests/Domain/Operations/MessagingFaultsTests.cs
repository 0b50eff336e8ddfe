using Samples.Domain.Operations;

namespace Samples.Domain.Tests.Operations;

public sealed class MessagingFaultsTests
{
    private static readonly DateTimeOffset Recovered = new(2026, 12, 6, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_store_or_broker_that_did_not_answer_is_transient_and_a_refusal_of_the_data_is_not()
    {
        FaultTriage.IsTransient([new("Npgsql.NpgsqlException")]).Should().BeTrue("Npgsql raises its base exception when the connection fails");
        FaultTriage.IsTransient([new("System.InvalidOperationException"), new("System.Net.Sockets.SocketException")])
            .Should().BeTrue("the cause may be an inner exception");
        FaultTriage.IsTransient([new("Npgsql.PostgresException", "57P01")]).Should().BeTrue("the administrator shut PostgreSQL down");
        FaultTriage.IsTransient([new("Npgsql.PostgresException", "08006")]).Should().BeTrue("connection failure");
        FaultTriage.IsTransient([new("Npgsql.PostgresException", "40001")]).Should().BeTrue("a serialization failure succeeds when tried again");
        FaultTriage.IsTransient([new("Npgsql.PostgresException", "23505")]).Should().BeFalse("a unique violation fails the same way every time");
        FaultTriage.IsTransient([new("Npgsql.PostgresException", "42P01")]).Should().BeFalse("a missing table is the deployment's fault, not an outage");
        FaultTriage.IsTransient([new("System.Text.Json.JsonException")]).Should().BeFalse();
        FaultTriage.IsTransient([]).Should().BeFalse();
    }

    [Fact]
    public void A_transient_fault_is_redelivered_automatically_once_per_recovery_and_never_one_that_waits_for_an_operator()
    {
        var failedDuringOutage = new FaultFacts(true, Recovered.AddMinutes(-1), null, null);
        FaultTriage.ShouldRedeliverAutomatically(failedDuringOutage, Recovered).Should().BeTrue();
        FaultTriage.ShouldRedeliverAutomatically(failedDuringOutage with { Transient = false }, Recovered)
            .Should().BeFalse("a permanent cause fails again: an operator looks first");
        FaultTriage.ShouldRedeliverAutomatically(failedDuringOutage with { LastFailedAt = Recovered.AddSeconds(1) }, Recovered)
            .Should().BeFalse("it failed after the store was seen healthy again: not this outage's fault");
        FaultTriage.ShouldRedeliverAutomatically(failedDuringOutage with { RedeliveredAt = Recovered.AddSeconds(-5) }, Recovered)
            .Should().BeFalse("already redelivered and not faulted since");
        FaultTriage.ShouldRedeliverAutomatically(failedDuringOutage with { AutoRedeliveredAt = Recovered.AddSeconds(2) }, Recovered)
            .Should().BeFalse("at most once per message per recovery");
        FaultTriage.ShouldRedeliverAutomatically(failedDuringOutage with { AutoRedeliveredAt = Recovered.AddHours(-2), RedeliveredAt = Recovered.AddHours(-2) }, Recovered)
            .Should().BeTrue("redelivered in an earlier recovery and faulted again in this outage");
    }

    [Fact]
    public void A_redelivered_fault_waits_again_only_when_it_faulted_after_its_redelivery()
    {
        new FaultFacts(true, Recovered, null, null).Waiting.Should().BeTrue();
        new FaultFacts(true, Recovered, Recovered.AddSeconds(1), null).Waiting.Should().BeFalse();
        new FaultFacts(true, Recovered.AddSeconds(2), Recovered.AddSeconds(1), null).Waiting.Should().BeTrue();
    }

    [Fact]
    public void The_retry_budget_is_spent_in_doubling_waits_of_at_most_30_seconds()
    {
        RetryBudget.Intervals(TimeSpan.Zero).Should().BeEmpty("a zero budget gives up at the first failure");
        var shortBudget = RetryBudget.Intervals(TimeSpan.FromSeconds(20));
        shortBudget.Take(4).Should().Equal(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(800));
        shortBudget.Aggregate(TimeSpan.Zero, (a, b) => a + b).Should().Be(TimeSpan.FromSeconds(20), "the last wait is cut to fit the budget");
        var standard = RetryBudget.Intervals(RetryBudget.Default);
        standard.Should().OnlyContain(w => w <= TimeSpan.FromSeconds(30));
        standard.Aggregate(TimeSpan.Zero, (a, b) => a + b).Should().Be(TimeSpan.FromMinutes(6));
        standard.Count.Should().Be(20, "9 doubling waits up to 25.6 s, 10 of 30 s, and the 8.9 s left: about as many attempts as before");
        RetryBudget.Problem(TimeSpan.FromSeconds(-1)).Should().NotBeNull();
        RetryBudget.Problem(TimeSpan.FromDays(2)).Should().NotBeNull();
        RetryBudget.Problem(TimeSpan.FromSeconds(20)).Should().BeNull();
    }
}
