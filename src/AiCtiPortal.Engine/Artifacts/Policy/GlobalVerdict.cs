namespace AiCtiPortal.Engine.Artifacts.Policy;

/// <summary>How the policy judges an imported global: denied beats allowed; anything unlisted is Unknown (suspicious).</summary>
public enum GlobalVerdict
{
    Allowed,
    Denied,
    Unknown,
}

/// <summary>The verdict on one global and the rule that decided it (null for Unknown).</summary>
public sealed record GlobalClassification(GlobalVerdict Verdict, PolicyRule? Rule);
