using AiCtiPortal.Domain.Indicators;

namespace AiCtiPortal.Domain.Tests.Indicators;

public class CatalogueTests
{
    [Fact]
    public void Every_indicator_type_is_described_in_enum_order()
    {
        Assert.Equal(Enum.GetValues<IndicatorType>(), IndicatorCatalogue.Types.Select(t => t.Type));
        Assert.All(IndicatorCatalogue.Types, t =>
        {
            Assert.False(string.IsNullOrWhiteSpace(t.DisplayName));
            Assert.False(string.IsNullOrWhiteSpace(t.Description));
            Assert.NotEqual(Taxonomy.SupplyChainPhase.None, t.DefaultPhases);
        });
    }

    [Fact]
    public void Every_type_accepts_its_own_example()
    {
        foreach (var info in IndicatorCatalogue.Types)
        {
            var result = IndicatorCatalogue.Validate(info.Type, info.Example);
            Assert.True(result.IsValid, $"{info.Type} example '{info.Example}': {string.Join(" | ", result.Errors)}");
        }
    }

    [Fact]
    public void Normalised_values_are_stable_when_validated_again()
    {
        foreach (var info in IndicatorCatalogue.Types)
        {
            var first = IndicatorCatalogue.Validate(info.Type, info.Example).NormalizedValue!;
            Assert.Equal(first, IndicatorCatalogue.Validate(info.Type, first).NormalizedValue);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \t ")]
    public void Empty_values_are_rejected_with_an_example(string? raw)
    {
        foreach (var type in Enum.GetValues<IndicatorType>())
        {
            CatalogueAssert.Invalid(type, raw, "Enter a value, for example");
        }
    }

    [Fact]
    public void Describe_returns_the_entry_for_the_type()
    {
        var info = IndicatorCatalogue.Describe(IndicatorType.PickleImport);
        Assert.Equal(IndicatorType.PickleImport, info.Type);
        Assert.Equal("Pickle import", info.DisplayName);
    }

    [Fact]
    public void Unknown_type_values_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IndicatorCatalogue.Describe((IndicatorType)999));
        Assert.Throws<ArgumentOutOfRangeException>(() => IndicatorCatalogue.Validate((IndicatorType)999, "x"));
    }

    [Fact]
    public void Value_hash_is_sha256_of_type_name_newline_value()
    {
        Assert.Equal(
            "5c6eed752e2ae0ad760efb042636c1da7b5064e297bdb347f0c62b5a471b7491",
            IndicatorCatalogue.ValueHash(IndicatorType.PickleImport, "posix.system"));
    }

    [Fact]
    public void Value_hash_differs_by_type_for_the_same_value()
    {
        var hash = "3f2a9c0d5e8b7a6f1c4d2e9b8a7f6c5d4e3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f";
        Assert.NotEqual(
            IndicatorCatalogue.ValueHash(IndicatorType.ModelFileSha256, hash),
            IndicatorCatalogue.ValueHash(IndicatorType.DatasetSha256, hash));
    }
}
