namespace AiCtiPortal.Domain.Artifacts;

/// <summary>The rule lists of a policy document, each a JSON array of {"pattern", "reason"} objects.</summary>
public enum ScanPolicySection
{
    DeniedGlobals,
    AllowedGlobals,
    NestedLoaders,
    KerasAllowedModules,
    OnnxStandardDomains,
}

/// <summary>What each rule list is called in the JSON and on the page, and what its patterns must look like.</summary>
public sealed record ScanPolicySectionInfo(ScanPolicySection Section, string JsonName, string Title, string Explanation, string Example)
{
    public static IReadOnlyList<ScanPolicySectionInfo> All { get; } =
    [
        new(ScanPolicySection.DeniedGlobals, "deniedGlobals", "Denied globals",
            "A pickle that imports one of these is Malicious. Matched case-insensitively, also after Python 2 module renames.",
            "os.*"),
        new(ScanPolicySection.AllowedGlobals, "allowedGlobals", "Allowed globals",
            "What real checkpoints import. A global on neither list makes the file Suspicious.",
            "torch._utils._rebuild_tensor_v2"),
        new(ScanPolicySection.NestedLoaders, "nestedLoaders", "Nested loaders",
            "Calls whose bytes argument is itself a pickle; the analyser opens that argument and scans it too.",
            "pickle.loads"),
        new(ScanPolicySection.KerasAllowedModules, "kerasAllowedModules", "Keras allowed modules",
            "Modules a Keras config may name; any other module or a Lambda layer is reported.",
            "keras.*"),
        new(ScanPolicySection.OnnxStandardDomains, "onnxStandardDomains", "ONNX standard domains",
            "Operator domains of the ONNX standard; nodes from any other domain are reported as custom operators. An empty pattern is the default domain.",
            "ai.onnx"),
    ];

    public static ScanPolicySectionInfo Of(ScanPolicySection section) => All[(int)section];

    /// <summary>Pickle globals are written module.name; Keras modules and ONNX domains are single names.</summary>
    public bool NamesGlobals => Section is ScanPolicySection.DeniedGlobals or ScanPolicySection.AllowedGlobals or ScanPolicySection.NestedLoaders;
}
