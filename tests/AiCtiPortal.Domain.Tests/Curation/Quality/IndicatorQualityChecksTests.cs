using AiCtiPortal.Domain.Curation.Quality;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;
using static AiCtiPortal.Domain.Tests.Curation.Quality.QualityTestData;

namespace AiCtiPortal.Domain.Tests.Curation.Quality;

public class IndicatorQualityChecksTests
{
    private readonly QualityAssessor _assessor = Assessor();

    public static TheoryData<IndicatorType> AllTypes => new(Enum.GetValues<IndicatorType>());

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Complete_indicator_of_every_type_scores_100(IndicatorType type)
    {
        var assessment = _assessor.Assess(Indicator(type));

        Assert.Empty(assessment.Findings);
        Assert.Equal(100, assessment.Score);
        Assert.Same(QualityAssessment.Perfect, assessment);
    }

    [Fact]
    public void Missing_value_is_an_error_and_skips_the_format_checks()
    {
        var finding = Single(_assessor.Assess(Indicator() with { Value = "  ", NormalizedValue = "", ValueHash = "" }),
            QualityRules.IndicatorValueMissing);

        Assert.Contains("no value", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stored_value_that_no_longer_passes_the_catalogue_is_format_invalid()
    {
        var stored = Sha256[..63];
        var finding = Single(_assessor.Assess(Indicator() with
        {
            Value = stored, NormalizedValue = stored, ValueHash = IndicatorCatalogue.ValueHash(IndicatorType.ModelFileSha256, stored),
        }), QualityRules.IndicatorFormatInvalid);

        Assert.Contains("64 hexadecimal characters; this has 63", finding.Message, StringComparison.Ordinal);
        Assert.Contains("Model file SHA-256", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Value_the_catalogue_now_normalises_differently_is_flagged_with_both_forms()
    {
        // Stored before SHA-256 values were lowercased: the value and its hash agree, but not with today's catalogue.
        var old = Sha256.ToUpperInvariant();
        var finding = Single(_assessor.Assess(Indicator() with
        {
            Value = old, NormalizedValue = old, ValueHash = IndicatorCatalogue.ValueHash(IndicatorType.ModelFileSha256, old),
        }), QualityRules.IndicatorNormalizationChanged);

        Assert.Contains($"normalises this value to '{Sha256}'", finding.Message, StringComparison.Ordinal);
        Assert.Contains($"'{old}' is stored", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("")]
    [InlineData("not-a-hash")]
    public void Stored_hash_that_is_not_the_hash_of_the_stored_value_is_flagged(string hash)
    {
        Single(_assessor.Assess(Indicator() with { ValueHash = hash }), QualityRules.IndicatorHashMismatch);
    }

    [Fact]
    public void Uppercase_stored_hash_is_a_mismatch_because_lookups_compare_exactly()
    {
        var indicator = Indicator();

        Single(_assessor.Assess(indicator with { ValueHash = indicator.ValueHash.ToUpperInvariant() }), QualityRules.IndicatorHashMismatch);
    }

    [Fact]
    public void Unknown_indicator_type_is_format_invalid_without_throwing()
    {
        var finding = Single(_assessor.Assess(Indicator() with { Type = (IndicatorType)999 }), QualityRules.IndicatorFormatInvalid);

        Assert.Contains("no indicator type 999", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Indicator_without_phase_is_flagged_with_the_catalogues_suggestion()
    {
        var finding = Single(_assessor.Assess(Indicator(IndicatorType.PackageCoordinate) with { Phases = SupplyChainPhase.None }),
            QualityRules.IndicatorPhaseMissing);

        Assert.Contains("suggests dependencies", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(IndicatorType.PromptInjectionPattern)]
    [InlineData(IndicatorType.JailbreakPattern)]
    [InlineData(IndicatorType.ChatTemplatePattern)]
    [InlineData(IndicatorType.ModelFileTlsh)]
    [InlineData(IndicatorType.ModelFileSsdeep)]
    public void Pattern_or_fuzzy_digest_without_description_is_flagged(IndicatorType type)
    {
        Single(_assessor.Assess(Indicator(type) with { Description = " " }), QualityRules.IndicatorDescriptionMissing);
    }

    [Theory]
    [InlineData(IndicatorType.ModelFileSha256)]
    [InlineData(IndicatorType.PickleImport)]
    [InlineData(IndicatorType.PackageCoordinate)]
    public void Exact_identifiers_need_no_description(IndicatorType type)
    {
        Assert.Equal(100, _assessor.Assess(Indicator(type) with { Description = null }).Score);
    }

    [Theory]
    [InlineData(IndicatorType.Url)]
    [InlineData(IndicatorType.Domain)]
    [InlineData(IndicatorType.IpAddress)]
    public void Network_indicator_without_last_seen_or_valid_until_is_flagged(IndicatorType type)
    {
        Single(_assessor.Assess(Indicator(type) with { LastSeen = null, ValidUntil = null }), QualityRules.IndicatorTimeBoundsMissing);
    }

    [Fact]
    public void Network_indicator_with_only_a_valid_until_date_is_time_bounded()
    {
        Assert.Equal(100, _assessor.Assess(Indicator(IndicatorType.Domain) with { FirstSeen = null, LastSeen = null }).Score);
    }

    [Theory]
    [InlineData(IndicatorType.ModelHubRepository, "huggingface/acme-research/sentiment-bert")]
    [InlineData(IndicatorType.DatasetIdentifier, "huggingface/acme-research/reviews-2024")]
    public void Hub_reference_without_revision_is_a_note(IndicatorType type, string raw)
    {
        var finding = Single(_assessor.Assess(Indicator(type, raw)), QualityRules.IndicatorRevisionMissing);

        Assert.Equal(QualitySeverity.Info, finding.Severity);
    }

    [Fact]
    public void Dataset_doi_needs_no_revision()
    {
        Assert.Equal(100, _assessor.Assess(Indicator(IndicatorType.DatasetIdentifier, "10.5281/zenodo.1234567")).Score);
    }

    [Fact]
    public void Hash_indicator_with_no_dates_at_all_is_complete()
    {
        Assert.Equal(100, _assessor.Assess(Indicator() with { FirstSeen = null, LastSeen = null, ValidUntil = null }).Score);
    }

    [Fact]
    public void First_seen_after_last_seen_is_inconsistent()
    {
        var finding = Single(_assessor.Assess(Indicator() with { FirstSeen = Now.AddDays(-2), LastSeen = Now.AddDays(-30) }),
            QualityRules.IndicatorDatesInconsistent);

        Assert.Contains("first seen (2026-11-21) is after last seen (2026-10-24)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sighting_dated_in_the_future_beyond_the_tolerance_is_inconsistent()
    {
        Single(_assessor.Assess(Indicator() with { LastSeen = Now.AddDays(3) }), QualityRules.IndicatorDatesInconsistent);
        Assert.Equal(100, _assessor.Assess(Indicator() with { LastSeen = Now.AddHours(20) }).Score);
    }

    [Fact]
    public void Valid_until_before_first_seen_is_inconsistent()
    {
        var finding = Single(_assessor.Assess(Indicator() with
        {
            FirstSeen = Now.AddHours(20), LastSeen = Now.AddHours(20), ValidUntil = Now.AddHours(10),
        }), QualityRules.IndicatorDatesInconsistent);

        Assert.Contains("valid until", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_until_in_the_past_is_expired()
    {
        var finding = Single(_assessor.Assess(Indicator() with { ValidUntil = Now.AddDays(-10) }), QualityRules.IndicatorExpired);

        Assert.Contains("Valid until 2026-11-13, 10 days ago", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Last_sighting_older_than_the_configured_age_is_not_recent()
    {
        Single(_assessor.Assess(Indicator() with { FirstSeen = null, LastSeen = Now.AddDays(-400) }), QualityRules.IndicatorNotSeenRecently);
        Assert.Equal(100, _assessor.Assess(Indicator() with { FirstSeen = null, LastSeen = Now.AddDays(-100) }).Score);

        var strict = Assessor(QualityOptions.Default with { LastSeenMaxAge = TimeSpan.FromDays(30) });
        Assert.Equal(QualityRules.IndicatorNotSeenRecently.Code,
            Assert.Single(strict.Assess(Indicator() with { FirstSeen = null, LastSeen = Now.AddDays(-40) }).Findings).Code);
    }

    [Fact]
    public void Network_indicators_go_stale_sooner_than_file_hashes()
    {
        var finding = Single(_assessor.Assess(Indicator(IndicatorType.Domain) with { FirstSeen = null, LastSeen = Now.AddDays(-100) }),
            QualityRules.IndicatorNotSeenRecently);

        Assert.Contains("after 90 days", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Confident_claim_contradicted_by_a_doubting_published_item_is_a_conflict()
    {
        var doubting = Claim(confidence: 10);

        var finding = Single(_assessor.Assess(Indicator() with { Confidence = 90 }, [Claim(80), doubting]),
            QualityRules.IndicatorVerdictConflict);

        Assert.Equal([doubting.ReportId!.Value.ToString()], finding.Subjects);
        Assert.Contains("1 other published item doubt", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Doubting_claim_contradicted_by_a_confident_published_item_is_a_conflict()
    {
        Single(_assessor.Assess(Indicator() with { Confidence = 20 }, [Claim(95)]), QualityRules.IndicatorVerdictConflict);
    }

    [Fact]
    public void Confident_claim_about_a_value_another_item_retired_is_a_conflict()
    {
        Single(_assessor.Assess(Indicator() with { Confidence = 90 }, [Claim(90, validUntil: Now.AddDays(-5))]),
            QualityRules.IndicatorVerdictConflict);
    }

    [Theory]
    [InlineData(ContentStatus.Draft)]
    [InlineData(ContentStatus.InReview)]
    [InlineData(ContentStatus.Rejected)]
    [InlineData(ContentStatus.Merged)]
    public void Only_published_items_count_as_verdicts(ContentStatus status)
    {
        Assert.Equal(100, _assessor.Assess(Indicator() with { Confidence = 90 }, [Claim(5, status)]).Score);
    }

    [Fact]
    public void Agreeing_claims_neutral_confidence_and_the_items_own_row_raise_no_conflict()
    {
        var indicator = Indicator() with { Confidence = 90 };
        Assert.Equal(100, _assessor.Assess(indicator, [Claim(85), Claim(50)]).Score);
        Assert.Equal(100, _assessor.Assess(indicator with { Confidence = 50 }, [Claim(5), Claim(95)]).Score);

        var ownRow = new IndicatorClaim(indicator.Id, null, ContentStatus.Published, 5, null, Tlp.Green);
        Assert.Equal(100, _assessor.Assess(indicator, [ownRow]).Score);
    }

    [Fact]
    public void Conflict_counts_every_disagreeing_item_but_names_at_most_ten()
    {
        var claims = Enumerable.Range(0, 15).Select(_ => Claim(5)).ToList();

        var finding = Single(_assessor.Assess(Indicator() with { Confidence = 90 }, claims), QualityRules.IndicatorVerdictConflict);

        Assert.Equal(10, finding.Subjects.Count);
        Assert.Contains("15 other published items", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_values_are_shortened_in_messages()
    {
        var pattern = "Ignore all previous instructions and " + new string('x', 500);
        var indicator = Indicator(IndicatorType.PromptInjectionPattern, pattern) with { NormalizedValue = "stale" };

        var finding = Assert.Single(_assessor.Assess(indicator).Findings, f => f.Code == QualityRules.IndicatorNormalizationChanged.Code);

        Assert.Contains("(537 characters)", finding.Message, StringComparison.Ordinal);
        Assert.True(finding.Message.Length < 400);
    }

    [Fact]
    public void Input_from_an_entity_carries_every_field_the_checks_read()
    {
        var entity = new Indicator
        {
            Type = IndicatorType.Domain, Value = "evil.example.net", NormalizedValue = "evil.example.net", ValueHash = "h",
            Description = "d", Phases = SupplyChainPhase.Deployment, Tlp = Tlp.Amber, Confidence = 77,
            FirstSeen = Now.AddDays(-3), LastSeen = Now.AddDays(-1), ValidUntil = Now.AddDays(5),
        };

        var input = IndicatorQualityInput.From(entity);

        Assert.Equal(new IndicatorQualityInput(entity.Id, IndicatorType.Domain, "evil.example.net", "evil.example.net", "h", "d",
            SupplyChainPhase.Deployment, Tlp.Amber, 77, entity.FirstSeen, entity.LastSeen, entity.ValidUntil), input);
    }
}
