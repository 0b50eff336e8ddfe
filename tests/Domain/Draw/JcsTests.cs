using System.Buffers.Binary;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Samples.Draw;

namespace Samples.Domain.Tests.Draw;

/// <summary>RFC 8785 (JCS): the RFC's own examples and number table, and the same value written by other writers.</summary>
public sealed class JcsTests
{
    /// <summary>RFC 8785 Appendix B: IEEE-754 double (hex) and its canonical text; null where JCS refuses the value.</summary>
    public static TheoryData<string, string?> AppendixB => new()
    {
        { "0000000000000000", "0" },
        { "8000000000000000", "0" },
        { "0000000000000001", "5e-324" },
        { "8000000000000001", "-5e-324" },
        { "7fefffffffffffff", "1.7976931348623157e+308" },
        { "ffefffffffffffff", "-1.7976931348623157e+308" },
        { "4340000000000000", "9007199254740992" },
        { "c340000000000000", "-9007199254740992" },
        { "4430000000000000", "295147905179352830000" },
        { "7fffffffffffffff", null },
        { "7ff0000000000000", null },
        { "44b52d02c7e14af5", "9.999999999999997e+22" },
        { "44b52d02c7e14af6", "1e+23" },
        { "44b52d02c7e14af7", "1.0000000000000001e+23" },
        { "444b1ae4d6e2ef4e", "999999999999999700000" },
        { "444b1ae4d6e2ef4f", "999999999999999900000" },
        { "444b1ae4d6e2ef50", "1e+21" },
        { "3eb0c6f7a0b5ed8c", "9.999999999999997e-7" },
        { "3eb0c6f7a0b5ed8d", "0.000001" },
        { "41b3de4355555553", "333333333.3333332" },
        { "41b3de4355555554", "333333333.33333325" },
        { "41b3de4355555555", "333333333.3333333" },
        { "41b3de4355555556", "333333333.3333334" },
        { "41b3de4355555557", "333333333.33333343" },
        { "becbf647612f3696", "-0.0000033333333333333333" },
        { "43143ff3c1cb0959", "1424953923781206.2" },
    };

    [Theory]
    [MemberData(nameof(AppendixB))]
    public void Numbers_are_written_as_the_RFC_table_gives(string ieee, string? expected)
    {
        var value = BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64BigEndian(Convert.FromHexString(ieee)));
        if (expected is null)
        {
            FluentActions.Invoking(() => Jcs.Number(value)).Should().Throw<FormatException>("NaN and Infinity are not JSON numbers");
            return;
        }

        Jcs.Number(value).Should().Be(expected);

        // The same number read from any of its texts canonicalises the same.
        Jcs.Canonicalize($"[{value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}]").Should().Be($"[{expected}]");
    }

    [Theory]
    [InlineData("0.20", "0.2")]
    [InlineData("0.07", "0.07")]
    [InlineData("1e21", "1e+21")]
    [InlineData("1E-7", "1e-7")]
    [InlineData("-0", "0")]
    [InlineData("-0.0", "0")]
    [InlineData("100", "100")]
    [InlineData("1.0", "1")]
    [InlineData("4.50", "4.5")]
    [InlineData("1e20", "100000000000000000000")]
    [InlineData("123e-9", "1.23e-7")]
    [InlineData("0.0000010", "0.000001")]
    public void Number_texts_become_the_ECMAScript_text_of_their_double(string text, string expected) =>
        Jcs.Canonicalize(text).Should().Be(expected);

    [Fact]
    public void With_exact_numbers_a_number_the_double_changes_is_refused_and_one_it_keeps_is_not()
    {
        using var document = JsonDocument.Parse("[0.20, 1e2, 0.1000000000000000000000001]");
        using var writer = JcsWriter.Hashing();
        writer.ExactNumbers = true;
        writer.StartArray();
        Jcs.Write(document.RootElement[0], writer);
        Jcs.Write(document.RootElement[1], writer);
        FluentActions.Invoking(() => Jcs.Write(document.RootElement[2], writer)).Should().Throw<FormatException>().WithMessage("*does not survive*");
        Jcs.Canonicalize("[0.1000000000000000000000001]").Should().Be("[0.1]", "RFC 8785 itself takes the nearest double");
    }

    [Fact]
    public void A_number_beyond_a_double_is_refused() =>
        FluentActions.Invoking(() => Jcs.Canonicalize("[1e400]")).Should().Throw<FormatException>().WithMessage("*1e400*");

    [Fact]
    public void The_RFC_example_is_reproduced_byte_for_byte()
    {
        // RFC 8785 section 3.2.2 (input) and 3.2.3 (output), with its UTF-8 in hex.
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50,
                          2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        const string expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
        Jcs.Canonicalize(input).Should().Be(expected);
        Convert.ToHexStringLower(Jcs.Canonicalize(Encoding.UTF8.GetBytes(input))).Should().Be(string.Concat(
            "7b226c69746572616c73223a5b6e756c6c2c74727565",
            "2c66616c73655d2c226e756d62657273223a5b3333333333",
            "333333332e333333333333332c31652b33302c342e352c",
            "302e3030322c31652d32375d2c22737472696e67223a22",
            "e282ac245c75303030665c6e4127425c225c5c5c5c5c222f227d"));
    }

    [Fact]
    public void Members_are_sorted_by_UTF16_code_units_as_the_RFC_sorts_them()
    {
        // RFC 8785 section 3.2.3: the emoji (a surrogate pair, D83D) sorts before U+FB33 although its code point is larger.
        const string input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;
        var values = JsonNode.Parse(Jcs.Canonicalize(input))!.AsObject().Select(p => (string)p.Value!).ToArray();
        values.Should().Equal(
            "Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign", "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh");
        Jcs.Canonicalize(input).Should().StartWith("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\"", "U+0080 is written as itself, not escaped");
    }

    [Fact]
    public void Controls_are_escaped_with_lowercase_hex_and_nothing_else_is_escaped() =>
        Jcs.Canonicalize("[\"\\u0001\\u001F\\b\\f\\n\\r\\t\\u0041<>&'\\u2028\\/\\u00e9\"]")
            .Should().Be("[\"\\u0001\\u001f\\b\\f\\n\\r\\t" + "A<>&'\u2028/é" + "\"]");

    [Fact]
    public void Duplicate_names_and_lone_surrogates_are_refused()
    {
        FluentActions.Invoking(() => Jcs.Canonicalize("{\"a\":1,\"a\":2}")).Should().Throw<FormatException>().WithMessage("*'a'*twice*");
        FluentActions.Invoking(() => Jcs.Canonicalize("[\"\\ud800\"]")).Should().Throw<FormatException>();
    }

    [Fact]
    public void Another_writer_s_text_of_the_same_value_canonicalises_the_same()
    {
        const string original = """{"b":[0.20,1E2,-0,"é\u00e9<tag>\/"],"a":{"z":true,"y":null,"x":"line\nbreak"},"c":0.07}""";
        var node = JsonNode.Parse(original)!;

        // Indented, every non-ASCII character escaped, members in another order and 0.20 written as 0.2.
        var escaped = node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.Default });
        var reordered = new JsonObject
        {
            ["c"] = 0.07,
            ["a"] = new JsonObject { ["x"] = "line\nbreak", ["y"] = null, ["z"] = true },
            ["b"] = new JsonArray(0.2, 100, 0, "éé<tag>/"),
        }.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        escaped.Should().NotBe(original).And.Contain("\\u00E9");
        var canonical = Jcs.Canonicalize(original);
        canonical.Should().Be("{\"a\":{\"x\":\"line\\nbreak\",\"y\":null,\"z\":true},\"b\":[0.2,100,0,\"éé<tag>/\"],\"c\":0.07}");
        Jcs.Canonicalize(escaped).Should().Be(canonical);
        Jcs.Canonicalize(reordered).Should().Be(canonical);
    }

    [Fact]
    public void The_writer_refuses_a_decimal_a_double_would_change()
    {
        using var output = new MemoryStream();
        using var writer = new JcsWriter(output);
        writer.StartArray();
        writer.Number(0.20m);
        writer.Number(0.07m);
        writer.Number(12345678901234567L);
        writer.EndArray();
        writer.Flush();
        Encoding.UTF8.GetString(output.ToArray()).Should().Be("[0.2,0.07,12345678901234568]", "integers beyond 2^53 become the double, as ECMAScript reads them");
        FluentActions.Invoking(() => writer.Number(0.1000000000000000000000001m)).Should().Throw<FormatException>().WithMessage("*0.1000000000000000000000001*");
    }
}
