using System.Security.Cryptography;
using System.Text;

namespace AiCtiPortal.Domain.Curation.Similarity;

/// <summary>
/// A finding as computed, before it is stored. <paramref name="SubjectKey"/> names the submission's side stably
/// across versions (an indicator's ValueHash, or "report"), so the pair key survives resubmission.
/// </summary>
public sealed record SimilarityCandidate(
    SimilarityFindingKind Kind,
    Guid? SubjectIndicatorId,
    string SubjectKey,
    Guid? OtherReportId,
    Guid? OtherIndicatorId,
    double Score,
    double NativeScore,
    string Explanation,
    bool IsCommonValue = false)
{
    /// <summary>SHA-256 hex of kind, submission side and other side: one key per pair, whatever the version.</summary>
    public string PairKey
    {
        get
        {
            var other = IsCommonValue ? "common" : OtherIndicatorId?.ToString() ?? OtherReportId?.ToString() ?? "";
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Kind}|{SubjectKey}|{other}")));
        }
    }

    public SimilarityFinding ToFinding(Guid reportId, int version, DateTime now) => new()
    {
        ReportId = reportId,
        ReportVersion = version,
        Kind = Kind,
        SubjectIndicatorId = SubjectIndicatorId,
        OtherReportId = OtherReportId,
        OtherIndicatorId = OtherIndicatorId,
        Score = Math.Clamp(Score, 0, 1),
        NativeScore = NativeScore,
        Explanation = Explanation.Length <= SimilarityFinding.MaxExplanationLength
            ? Explanation : Explanation[..SimilarityFinding.MaxExplanationLength],
        IsCommonValue = IsCommonValue,
        PairKey = PairKey,
        CreatedAt = now,
    };
}
