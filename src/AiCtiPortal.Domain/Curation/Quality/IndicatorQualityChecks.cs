using AiCtiPortal.Domain.Indicators;

namespace AiCtiPortal.Domain.Curation.Quality;

/// <summary>
/// The indicator checks: required fields per type, format validity against today's catalogue, date consistency,
/// staleness and the other items' verdicts on the same value. Written for the nightly re-check of a million rows:
/// plain loops, no LINQ, no regular expressions of its own, and nothing allocated for a clean indicator beyond what
/// <see cref="IndicatorCatalogue.Validate"/> itself allocates.
/// </summary>
internal sealed class IndicatorQualityChecks(QualityOptions options)
{
    public QualityAssessment Assess(IndicatorQualityInput input, IReadOnlyList<IndicatorClaim> claims, DateTime now)
    {
        var findings = new FindingCollector(options);
        if (string.IsNullOrWhiteSpace(input.Value))
        {
            findings.Add(QualityRules.IndicatorValueMissing,
                "The indicator has no value, so it cannot match anything. Enter the value or delete the indicator.");
        }
        else
        {
            var normalized = CheckFormat(input, ref findings);
            CheckRequiredFields(input, normalized, ref findings);
        }

        if (input.Phases == Taxonomy.SupplyChainPhase.None)
        {
            var suggestion = ValueHashes.IsKnown(input.Type)
                ? $" The catalogue suggests {QualityText.Phases(IndicatorCatalogue.Describe(input.Type).DefaultPhases)} for this type."
                : "";
            findings.Add(QualityRules.IndicatorPhaseMissing,
                "No supply-chain phase is set, so the indicator does not appear under any phase filter." + suggestion);
        }

        CheckDates(input, now, ref findings);
        CheckStaleness(input, now, ref findings);
        if (claims.Count > 0)
        {
            CheckVerdicts(input, claims, now, ref findings);
        }

        return findings.Result();
    }

    /// <summary>Returns today's normalised form when the value still validates, else null.</summary>
    private static string? CheckFormat(IndicatorQualityInput input, ref FindingCollector findings)
    {
        if (!ValueHashes.IsKnown(input.Type))
        {
            findings.Add(QualityRules.IndicatorFormatInvalid,
                $"The catalogue has no indicator type {input.Type}, so the value cannot be checked or matched.");
            return null;
        }

        var validation = IndicatorCatalogue.Validate(input.Type, input.Value);
        if (!validation.IsValid || validation.NormalizedValue is null)
        {
            findings.Add(QualityRules.IndicatorFormatInvalid,
                $"The value {QualityText.Quote(input.Value)} no longer passes the catalogue's {IndicatorCatalogue.Describe(input.Type).DisplayName} rules: " +
                string.Join(" ", validation.Errors) + " Correct the value or retire the indicator.");
        }
        else if (!string.Equals(validation.NormalizedValue, input.NormalizedValue, StringComparison.Ordinal))
        {
            findings.Add(QualityRules.IndicatorNormalizationChanged,
                $"The catalogue now normalises this value to {QualityText.Quote(validation.NormalizedValue)}, but {QualityText.Quote(input.NormalizedValue)} is stored, " +
                "so duplicate detection and exports use an outdated form. Re-save the indicator to update it and its hash.");
        }

        if (!ValueHashes.Matches(input.Type, input.NormalizedValue, input.ValueHash))
        {
            findings.Add(QualityRules.IndicatorHashMismatch,
                "The stored value hash is not the hash of the stored normalised value, so exact-duplicate lookups miss this indicator. Re-save it to recompute the hash.");
        }

        return validation.IsValid ? validation.NormalizedValue : null;
    }

    private static void CheckRequiredFields(IndicatorQualityInput input, string? normalized, ref FindingCollector findings)
    {
        var needs = IndicatorRequirements.Of(input.Type);
        if (needs == IndicatorNeeds.None)
        {
            return;
        }

        if ((needs & IndicatorNeeds.Description) != 0 && string.IsNullOrWhiteSpace(input.Description))
        {
            findings.Add(QualityRules.IndicatorDescriptionMissing,
                $"A {IndicatorCatalogue.Describe(input.Type).DisplayName} needs a description: where it was seen and what it does. " +
                "The pattern or digest alone does not tell a defender what they are looking at.");
        }

        if ((needs & IndicatorNeeds.TimeBounds) != 0 && input.LastSeen is null && input.ValidUntil is null)
        {
            findings.Add(QualityRules.IndicatorTimeBoundsMissing,
                $"A {IndicatorCatalogue.Describe(input.Type).DisplayName} needs a last-seen or valid-until date: addresses and domains change hands, " +
                "and an undated one can never be aged out of block lists.");
        }

        // DOIs name one immutable publication; only hub references have revisions.
        if ((needs & IndicatorNeeds.PinnedRevision) != 0 && normalized is not null
            && !normalized.StartsWith("10.", StringComparison.Ordinal) && !normalized.Contains('@', StringComparison.Ordinal))
        {
            findings.Add(QualityRules.IndicatorRevisionMissing,
                $"{QualityText.Quote(normalized)} names no revision, so it also matches the repository after it was cleaned. " +
                "Add @revision (the commit or tag that held the malicious content) if it is known.");
        }
    }

    private void CheckDates(IndicatorQualityInput input, DateTime now, ref FindingCollector findings)
    {
        var latestPlausible = now + options.FutureTolerance;
        string? problem = null;
        if (input.FirstSeen is { } first && input.LastSeen is { } last && first > last)
        {
            problem = $"first seen ({QualityText.Date(first)}) is after last seen ({QualityText.Date(last)})";
        }

        if (input.FirstSeen > latestPlausible || input.LastSeen > latestPlausible)
        {
            problem = Join(problem, $"a sighting is dated in the future (after {QualityText.Date(now)})");
        }

        if (input.ValidUntil is { } until && input.FirstSeen is { } firstSeen && until < firstSeen)
        {
            problem = Join(problem, $"valid until ({QualityText.Date(until)}) is before first seen ({QualityText.Date(firstSeen)})");
        }

        if (problem is not null)
        {
            findings.Add(QualityRules.IndicatorDatesInconsistent, $"The dates contradict each other: {problem}. Correct them from the sightings.");
        }

        static string Join(string? earlier, string next) => earlier is null ? next : earlier + "; " + next;
    }

    private void CheckStaleness(IndicatorQualityInput input, DateTime now, ref FindingCollector findings)
    {
        if (input.ValidUntil is { } until && until < now)
        {
            findings.Add(QualityRules.IndicatorExpired,
                $"Valid until {QualityText.Date(until)}, {QualityText.Plural((int)(now - until).TotalDays, "day", "days")} ago. " +
                "Retire the indicator, or extend its validity if it has been seen again.");
        }

        var maxAge = IsNetwork(input.Type) ? options.NetworkLastSeenMaxAge : options.LastSeenMaxAge;
        if (input.LastSeen is { } last && now - last > maxAge)
        {
            findings.Add(QualityRules.IndicatorNotSeenRecently,
                $"Last seen {QualityText.Date(last)}, {QualityText.Plural((int)(now - last).TotalDays, "day", "days")} ago " +
                $"(this type counts as stale after {(int)maxAge.TotalDays} days). Confirm it is still in use or let it expire.");
        }
    }

    private void CheckVerdicts(IndicatorQualityInput input, IReadOnlyList<IndicatorClaim> claims, DateTime now, ref FindingCollector findings)
    {
        var own = Classify(input.Confidence, input.ValidUntil, now);
        if (own == Verdict.Neutral)
        {
            return;
        }

        // First pass counts without allocating; subjects are collected only when there is a conflict to report.
        var conflicting = 0;
        for (var i = 0; i < claims.Count; i++)
        {
            if (Contradicts(own, claims[i], input.Id, now))
            {
                conflicting++;
            }
        }

        if (conflicting == 0)
        {
            return;
        }

        const int MaxSubjects = 10;
        var subjects = new List<string>(Math.Min(conflicting, MaxSubjects));
        for (var i = 0; i < claims.Count && subjects.Count < MaxSubjects; i++)
        {
            var claim = claims[i];
            if (Contradicts(own, claim, input.Id, now))
            {
                var subject = (claim.ReportId ?? claim.IndicatorId).ToString();
                if (!subjects.Contains(subject))
                {
                    subjects.Add(subject);
                }
            }
        }

        var others = QualityText.Plural(conflicting, "other published item", "other published items");
        var message = own == Verdict.Confirmed
            ? $"This item asserts the value with confidence {input.Confidence}, but {others} doubt it (confidence {options.LowConfidence} or lower) or have retired it (valid-until passed). Compare their evidence before trusting either."
            : $"This item {(own == Verdict.Retired ? "has retired the value" : $"gives the value only confidence {input.Confidence}")}, but {others} assert it with confidence {options.HighConfidence} or higher and still valid. Compare their evidence before trusting either.";
        findings.Add(QualityRules.IndicatorVerdictConflict, message, subjects);
    }

    private bool Contradicts(Verdict own, IndicatorClaim claim, Guid self, DateTime now)
    {
        // Only reviewed, published claims are verdicts; drafts and rejected or merged rows are not.
        if (claim.IndicatorId == self || claim.Status != Taxonomy.ContentStatus.Published)
        {
            return false;
        }

        var other = Classify(claim.Confidence, claim.ValidUntil, now);
        return own == Verdict.Confirmed ? other is Verdict.Doubted or Verdict.Retired : other == Verdict.Confirmed;
    }

    private Verdict Classify(int confidence, DateTime? validUntil, DateTime now) =>
        validUntil < now ? Verdict.Retired
        : confidence >= options.HighConfidence ? Verdict.Confirmed
        : confidence <= options.LowConfidence ? Verdict.Doubted
        : Verdict.Neutral;

    private static bool IsNetwork(IndicatorType type) =>
        type is IndicatorType.Url or IndicatorType.Domain or IndicatorType.IpAddress;

    private enum Verdict
    {
        Neutral,
        Confirmed,
        Doubted,
        Retired,
    }
}
