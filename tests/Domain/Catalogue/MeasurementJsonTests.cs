using System.Text.Json;
using Samples.Domain.Catalogue;

namespace Samples.Domain.Tests.Catalogue;

public sealed class MeasurementJsonTests
{
    [Fact]
    public void Results_round_trip_with_their_kind()
    {
        Measurement[] results = [Measurement.Of(59.960m, "59.96"), Measurement.NotDetected(0.002m), Measurement.NotDetected(), Measurement.Detected("tremolite"), Measurement.DoesNotConform("cracked cell")];

        var json = JsonSerializer.Serialize(results, CatalogueJson.Options);
        var back = JsonSerializer.Deserialize<Measurement[]>(json, CatalogueJson.Options);

        back.Should().Equal(results, "every kind of result survives storage");
        json.Should().Contain("\"kind\": \"value\"").And.Contain("\"value\": 59.960").And.Contain("\"kind\": \"notDetected\"").And.Contain("\"kind\": \"observation\"");
    }

    [Fact]
    public void A_result_may_name_its_kind_after_its_fields()
    {
        var result = JsonSerializer.Deserialize<Measurement>("""{ "value": 1.5, "kind": "value" }""", CatalogueJson.Options);

        result.Should().Be(Measurement.Of(1.5m));
    }
}
