using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Engine.Similarity;

namespace AiCtiPortal.Domain.Curation.Similarity;

/// <summary>The set-based checks: MinHash/LSH over import sets, report text and prompt patterns.</summary>
public sealed partial class SimilarityChecker
{
    private IEnumerable<SimilarityCandidate> SimilarImports(SimilaritySubmission submission, SimilarityCorpus sets)
    {
        var imports = SimilarityCorpus.ImportSet(submission.Indicators.Where(i => i.Type == IndicatorType.PickleImport).Select(i => i.NormalizedValue));
        if (imports.Count < Options.MinImportSetSize)
        {
            yield break;
        }

        foreach (var match in sets.Imports.Query(MinHashSignature.FromStrings(imports), imports))
        {
            var other = Guid.Parse(match.Id);
            if (submission.OwnReports.Contains(other) || !sets.ImportSets.TryGetValue(other, out var theirs))
            {
                continue;
            }

            // The estimate found the candidate; the explanation gives the exact figure over the real sets.
            var shared = imports.Count(theirs.Contains);
            var union = imports.Count + theirs.Count - shared;
            var jaccard = (double)shared / union;
            if (jaccard >= Options.ImportSetJaccard)
            {
                yield return new SimilarityCandidate(SimilarityFindingKind.SimilarImportSet, null, "report", other, null, jaccard, jaccard,
                    Invariant($"Jaccard {jaccard:0.00} over {union} pickle imports ({shared} shared; the warning list's common imports left out)."));
            }
        }
    }

    private IEnumerable<SimilarityCandidate> SimilarText(SimilaritySubmission submission, SimilarityCorpus sets)
    {
        var shingles = SimilarityCorpus.TextShingles(submission.Title, submission.Summary, submission.Body);
        if (shingles.Count == 0)
        {
            yield break;
        }

        foreach (var match in sets.Text.Query(MinHashSignature.FromStrings(shingles), minJaccard: Options.TextJaccard))
        {
            var other = Guid.Parse(match.Id);
            if (!submission.OwnReports.Contains(other))
            {
                yield return new SimilarityCandidate(SimilarityFindingKind.SimilarText, null, "report", other, null, match.Score, match.Score,
                    Invariant($"Report text (title, summary, body) close to a published report's: estimated Jaccard {match.Score:0.00} (≥ {Options.TextJaccard:0.00}) over {SimilarityCorpus.TextShingleWords}-word phrases."));
            }
        }
    }

    private IEnumerable<SimilarityCandidate> SimilarPrompts(SimilaritySubmission submission, List<SubmissionIndicator> indicators, SimilarityCorpus sets)
    {
        var own = submission.OwnIndicators;
        foreach (var prompt in indicators.Where(i => SimilarityCorpus.IsPrompt(i.Type)))
        {
            var signature = MinHashSignature.FromStrings(Shingles.Characters(prompt.NormalizedValue, SimilarityCorpus.PromptShingleCharacters));
            var hits = sets.Prompts.Query(signature, minJaccard: Options.PromptJaccard)
                .Select(m => (Id: Guid.Parse(m.Id), m.Score))
                // Identical values are the exact check's finding; the submission's own indicators are not matches.
                .Where(m => !own.Contains(m.Id) && sets.PromptHashes.GetValueOrDefault(m.Id) != prompt.ValueHash)
                .ToList();
            if (hits.Count > Options.CommonValueThreshold)
            {
                yield return CommonValue(SimilarityFindingKind.SimilarText, prompt, hits.Count, "resembles");
                continue;
            }

            foreach (var (id, score) in hits)
            {
                yield return new SimilarityCandidate(SimilarityFindingKind.SimilarText, prompt.Id, prompt.ValueHash, null, id, score, score,
                    Invariant($"{IndicatorCatalogue.Describe(prompt.Type).DisplayName} close to a published one: estimated Jaccard {score:0.00} (≥ {Options.PromptJaccard:0.00}) over {SimilarityCorpus.PromptShingleCharacters}-character shingles."));
            }
        }
    }
}
