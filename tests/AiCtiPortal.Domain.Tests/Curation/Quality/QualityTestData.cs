using AiCtiPortal.Domain.Atlas;
using AiCtiPortal.Domain.Curation.Quality;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Tests.Curation.Quality;

/// <summary>Clean inputs that score 100, which each test spoils in exactly one way, and a fixed clock.</summary>
internal static class QualityTestData
{
    public static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    public const string Sha256 = "3f2a9c0d5e8b7a6f1c4d2e9b8a7f6c5d4e3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f";

    public static readonly string LongBody = string.Concat(Enumerable.Repeat(
        "The attacker published a model whose pickle runs a reverse shell when loaded; the scanner flagged posix.system. ", 4));

    /// <summary>A handful of ATLAS 5.6 techniques with their real tactics.</summary>
    public static TechniqueTactics Atlas { get; } = TechniqueTactics.From(
    [
        Technique("AML.T0010", null, "AML.TA0004"),          // AI Supply Chain Compromise: Initial Access
        Technique("AML.T0010.003", "AML.T0010"),             // ... Model (inherits)
        Technique("AML.T0058", null, "AML.TA0003"),          // Publish Poisoned Models: Resource Development
        Technique("AML.T0011", null, "AML.TA0005"),          // User Execution: Execution
        Technique("AML.T0020", null, "AML.TA0003", "AML.TA0006"), // Poison Training Data
        Technique("AML.T0091", null, "AML.TA0015"),          // Use Alternate Authentication Material: Lateral Movement
        Technique("AML.T0000", null, "AML.TA0002"),          // Search Open Technical Databases: Reconnaissance
        Technique("AML.T0999", null, "AML.TA0099"),          // a tactic from a future release the map does not know
    ]);

    public static QualityAssessor Assessor(QualityOptions? options = null, TechniqueTactics? atlas = null) =>
        new(options ?? QualityOptions.Default, new FixedClock(Now), atlas ?? Atlas);

    /// <summary>A valid indicator stored exactly as the catalogue would store it today, with every field it needs.</summary>
    public static IndicatorQualityInput Indicator(IndicatorType type = IndicatorType.ModelFileSha256, string? raw = null)
    {
        raw ??= IndicatorCatalogue.Describe(type).Example;
        var validation = IndicatorCatalogue.Validate(type, raw);
        Assert.True(validation.IsValid, $"Test value {raw} must be valid: {string.Join(" ", validation.Errors)}");
        var normalized = validation.NormalizedValue!;
        return new IndicatorQualityInput(
            Guid.NewGuid(), type, raw, normalized, IndicatorCatalogue.ValueHash(type, normalized),
            "Seen in a malicious upload; runs a reverse shell when loaded.", IndicatorCatalogue.Describe(type).DefaultPhases,
            Tlp.Green, Confidence: 50, FirstSeen: Now.AddDays(-30), LastSeen: Now.AddDays(-2), ValidUntil: Now.AddDays(90));
    }

    public static ReportQualityInput Report() => new(
        Guid.NewGuid(), "Poisoned sentiment model on a public hub", "A model whose pickle opens a reverse shell.", LongBody,
        SupplyChainPhase.ModelArtifact, Tlp.Green,
        [new ReferenceQualityInput("https://security.example.com/advisories/2026-041", "Vendor advisory")],
        ["AML.T0010.003"], IndicatorCount: 3);

    public static IndicatorClaim Claim(int confidence, ContentStatus status = ContentStatus.Published, DateTime? validUntil = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), status, confidence, validUntil, Tlp.Green);

    public static QualityFinding Single(QualityAssessment assessment, QualityRule rule)
    {
        var finding = Assert.Single(assessment.Findings);
        Assert.Equal(rule.Code, finding.Code);
        Assert.Equal(rule.Severity, finding.Severity);
        Assert.Equal(rule.WeightUnder(QualityOptions.Default), finding.Weight);
        Assert.Equal(100 - finding.Weight, assessment.Score);
        return finding;
    }

    private static AtlasTechnique Technique(string id, string? parent, params string[] tactics) => new()
    {
        Id = id,
        ParentId = parent,
        Tactics = tactics.Select(t => new AtlasTechniqueTactic { TechniqueId = id, TacticId = t }).ToList(),
    };

    internal sealed class FixedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now, TimeSpan.Zero);
    }
}
