namespace AiCtiPortal.Domain.Curation.Quality.Decay;

/// <summary>
/// How fast indicator confidence decays (configuration section <see cref="SectionName"/>); the formula is in
/// <see cref="ConfidenceDecay"/> and Curation/Quality/README.md.
/// </summary>
public sealed record ConfidenceDecayOptions
{
    public const string SectionName = "Curation:ConfidenceDecay";

    public static ConfidenceDecayOptions Default { get; } = new();

    /// <summary>Off leaves every confidence as a person set it (and restores decayed ones on the next run).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Decay never takes a confidence below this (nor raises one that was submitted lower).</summary>
    public int Floor { get; init; } = 10;

    /// <summary>URLs, domains, IP addresses: re-registered and re-assigned within months.</summary>
    public TimeSpan NetworkHalfLife { get; init; } = TimeSpan.FromDays(90);

    /// <summary>Prompt-injection, jailbreak and chat-template patterns: models get patched against them within a year.</summary>
    public TimeSpan PatternHalfLife { get; init; } = TimeSpan.FromDays(180);

    /// <summary>Hub repositories, dataset identifiers, package coordinates: taken down or renamed, but slowly.</summary>
    public TimeSpan ReferenceHalfLife { get; init; } = TimeSpan.FromDays(365);

    /// <summary>File hashes, fuzzy digests and pickle imports: a file's hash identifies it for as long as it exists.</summary>
    public TimeSpan ArtifactHalfLife { get; init; } = TimeSpan.FromDays(730);

    public TimeSpan HalfLifeOf(DecayFamily family) => family switch
    {
        DecayFamily.Network => NetworkHalfLife,
        DecayFamily.Pattern => PatternHalfLife,
        DecayFamily.Reference => ReferenceHalfLife,
        _ => ArtifactHalfLife,
    };

    /// <summary>What is wrong with these options; empty when they can be used.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Floor is < 0 or > 100)
        {
            problems.Add($"{nameof(Floor)} must be between 0 and 100; it is {Floor}.");
        }

        foreach (var family in Enum.GetValues<DecayFamily>())
        {
            if (HalfLifeOf(family) <= TimeSpan.Zero)
            {
                problems.Add($"The half-life of {family} indicators must be positive.");
            }
        }

        return problems;
    }
}
