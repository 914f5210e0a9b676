using AiCtiPortal.Domain.Curation.Quality.Decay;
using AiCtiPortal.Domain.Indicators;

namespace AiCtiPortal.Domain.Tests.Curation.Quality;

public sealed class ConfidenceDecayTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc);
    private static readonly ConfidenceDecayOptions Options = ConfidenceDecayOptions.Default;

    private static int Decay(IndicatorType type, int submitted, double ageDays, int sightings = 0, DateTime? lastSeen = null, DateTime? validUntil = null) =>
        ConfidenceDecay.Current(new ConfidenceDecay.Input(type, submitted, Now.AddDays(-ageDays), lastSeen, validUntil, sightings), Now, Options);

    [Fact]
    public void A_fresh_indicator_keeps_its_submitted_confidence() =>
        Assert.Equal(80, Decay(IndicatorType.Url, 80, ageDays: 0));

    [Fact]
    public void One_half_life_halves_the_distance_to_the_floor() =>
        // Network half-life 90 days, floor 10: 10 + (80 - 10) / 2.
        Assert.Equal(45, Decay(IndicatorType.Domain, 80, ageDays: 90));

    [Fact]
    public void Decay_never_goes_below_the_floor_however_old() =>
        Assert.Equal(Options.Floor, Decay(IndicatorType.IpAddress, 100, ageDays: 100 * 365));

    [Fact]
    public void A_confidence_submitted_below_the_floor_never_rises() =>
        Assert.Equal(5, Decay(IndicatorType.Url, 5, ageDays: 1000));

    [Fact]
    public void Decay_never_exceeds_the_submitted_confidence_even_for_a_future_sighting() =>
        Assert.Equal(70, Decay(IndicatorType.Url, 70, ageDays: 400, lastSeen: Now.AddDays(3)));

    [Fact]
    public void A_recent_sighting_restarts_the_clock() =>
        Assert.Equal(80, Decay(IndicatorType.Url, 80, ageDays: 400, sightings: 1, lastSeen: Now));

    [Fact]
    public void Sightings_slow_the_decay()
    {
        var unseen = Decay(IndicatorType.Url, 80, ageDays: 90);
        var seenOnce = Decay(IndicatorType.Url, 80, ageDays: 90, sightings: 1);   // half-life doubled: 10 + 70 * 2^-0.5
        var seenOften = Decay(IndicatorType.Url, 80, ageDays: 90, sightings: 7);  // half-life x4

        Assert.Equal((45, 59, 69), (unseen, seenOnce, seenOften));
    }

    [Fact]
    public void File_hashes_decay_slower_than_network_indicators()
    {
        var network = Decay(IndicatorType.Url, 80, ageDays: 365);
        var pattern = Decay(IndicatorType.JailbreakPattern, 80, ageDays: 365);
        var reference = Decay(IndicatorType.ModelHubRepository, 80, ageDays: 365);
        var artifact = Decay(IndicatorType.ModelFileSha256, 80, ageDays: 365);

        Assert.True(network < pattern && pattern < reference && reference < artifact, $"{network} {pattern} {reference} {artifact}");
        Assert.Equal(DecayFamily.Artifact, DecayFamilies.Of(IndicatorType.PickleImport));
    }

    [Fact]
    public void An_expired_indicator_is_at_the_floor() =>
        Assert.Equal(10, Decay(IndicatorType.ModelFileSha256, 90, ageDays: 1, validUntil: Now.AddDays(-1)));

    [Fact]
    public void Disabled_decay_leaves_the_submitted_confidence() =>
        Assert.Equal(80, ConfidenceDecay.Current(
            new ConfidenceDecay.Input(IndicatorType.Url, 80, Now.AddYears(-5), null, null, 0), Now, Options with { Enabled = false }));

    [Fact]
    public void Options_with_a_zero_half_life_are_refused() =>
        Assert.Contains("Network", Assert.Single((Options with { NetworkHalfLife = TimeSpan.Zero }).Problems()));

    [Fact]
    public void A_decayed_confidence_keeps_the_submitted_one_as_original()
    {
        var history = ConfidenceHistory.Of(confidence: 45, submittedConfidence: 80, decayedConfidence: 45);

        Assert.Equal((80, 45, true), (history.Original, history.Current, history.IsDecayed));
    }

    [Fact]
    public void A_confidence_a_person_set_after_decay_becomes_the_new_original()
    {
        var history = ConfidenceHistory.Of(confidence: 60, submittedConfidence: 80, decayedConfidence: 45);

        Assert.Equal((60, 60, false), (history.Original, history.Current, history.IsDecayed));
    }
}
