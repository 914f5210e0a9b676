using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Curation.Quality;

/// <summary>
/// Which AI supply-chain phases each ATLAS tactic (ATLAS 5.x ids) fits: the basis of the phase-against-technique
/// check. A technique fits the union of its tactics' phases. The mapping is deliberately coarse (a tactic holds
/// techniques of several phases), so it flags only pairings that no technique of the tactic could explain, such as
/// a Training-only report mapped to Lateral Movement.
/// </summary>
/// <remarks>
/// Reconnaissance maps to no phase: it precedes an attack on any phase, so a reconnaissance technique neither
/// explains a phase nor contradicts one. A tactic missing from the map (one a later ATLAS release adds) is treated
/// the same way until the map is extended, so a new release never makes reports look inconsistent.
/// </remarks>
public static class TacticPhaseMap
{
    private const SupplyChainPhase Data = SupplyChainPhase.Data;
    private const SupplyChainPhase Training = SupplyChainPhase.Training;
    private const SupplyChainPhase Model = SupplyChainPhase.ModelArtifact;
    private const SupplyChainPhase Dependencies = SupplyChainPhase.Dependencies;
    private const SupplyChainPhase Deployment = SupplyChainPhase.Deployment;
    private const SupplyChainPhase Inference = SupplyChainPhase.Inference;

    public static IReadOnlyDictionary<string, SupplyChainPhase> Default { get; } =
        new Dictionary<string, SupplyChainPhase>(StringComparer.OrdinalIgnoreCase)
        {
            // Reconnaissance: searching papers, repositories and websites says nothing about where the attack lands.
            ["AML.TA0002"] = SupplyChainPhase.None,

            // Resource Development: publishing poisoned datasets, models, agent tools and hallucinated packages;
            // crafting prompts and retrieval content.
            ["AML.TA0003"] = Data | Training | Model | Dependencies | Inference,

            // Initial Access: supply-chain compromise of data, models and software; accounts and public-facing
            // applications; prompt infiltration.
            ["AML.TA0004"] = Data | Model | Dependencies | Deployment | Inference,

            // AI Model Access: inference APIs and AI-enabled products, or the full model artifact.
            ["AML.TA0000"] = Model | Deployment | Inference,

            // Execution: unsafe artifacts and malicious packages run on load; interpreters; prompt injection and
            // agent tool invocation.
            ["AML.TA0005"] = Model | Dependencies | Deployment | Inference,

            // Persistence: poisoned training data, manipulated models, RAG and agent-context poisoning.
            ["AML.TA0006"] = Data | Training | Model | Inference,

            // Privilege Escalation: jailbreaks, agent tools, escape to host.
            ["AML.TA0012"] = Deployment | Inference,

            // Defense Evasion: evading and corrupting models, jailbreaks and obfuscation, masquerading,
            // supply-chain rug pulls and reputation inflation.
            ["AML.TA0007"] = Model | Dependencies | Deployment | Inference,

            // Credential Access: unsecured credentials, RAG and agent credential harvesting.
            ["AML.TA0013"] = Deployment | Inference,

            // Discovery: model ontology, family and outputs through inference; AI artifacts; cloud services.
            ["AML.TA0008"] = Model | Deployment | Inference,

            // Lateral Movement: phishing and alternate authentication material inside the serving environment.
            ["AML.TA0015"] = Deployment,

            // Collection: AI artifacts, information repositories (datasets among them), AI services.
            ["AML.TA0009"] = Data | Model | Deployment | Inference,

            // AI Attack Staging: proxy models (trained), manipulated models, adversarial data and triggers.
            ["AML.TA0001"] = Data | Training | Model | Inference,

            // Command and Control: reverse shells, AI service APIs and agents as channels.
            ["AML.TA0014"] = Deployment | Inference,

            // Exfiltration: through the inference API (membership, inversion, extraction), leakage, cyber means.
            ["AML.TA0010"] = Data | Model | Deployment | Inference,

            // Impact: denial of service, eroded model and dataset integrity, cost harvesting.
            ["AML.TA0011"] = Data | Training | Model | Deployment | Inference,
        };
}
