using System.Text.Json.Nodes;
using AiCtiPortal.Domain.Artifacts;
using AiCtiPortal.Engine.Artifacts.Policy;

namespace AiCtiPortal.Domain.Tests.Artifacts;

/// <summary>The checks a policy passes before it is saved, and the editor's rows ↔ JSON round trip.</summary>
public sealed class ScanPolicyRulesTests
{
    [Fact]
    public void The_built_in_default_passes_every_check()
    {
        var errors = ScanPolicyRules.Check(ScanPolicyStoreTestPolicies.Default(), out var policy);

        Assert.Empty(errors);
        Assert.NotNull(policy);
    }

    [Theory]
    [InlineData(ScanPolicySection.DeniedGlobals, "os", "module.name")]
    [InlineData(ScanPolicySection.DeniedGlobals, "os .system", "spaces")]
    [InlineData(ScanPolicySection.DeniedGlobals, "", "write a pattern")]
    [InlineData(ScanPolicySection.DeniedGlobals, "os..system", "two in a row")]
    [InlineData(ScanPolicySection.DeniedGlobals, "os.sys$tem", "'$'")]
    [InlineData(ScanPolicySection.AllowedGlobals, "*.OrderedDict", "leading '*'")]
    [InlineData(ScanPolicySection.KerasAllowedModules, "keras layers", "spaces")]
    public void A_pattern_that_cannot_work_is_refused_with_a_reason(ScanPolicySection section, string pattern, string expected)
    {
        var error = ScanPolicyRules.PatternError(ScanPolicySectionInfo.Of(section), pattern);

        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ScanPolicySection.DeniedGlobals, "*.__reduce__*")]
    [InlineData(ScanPolicySection.AllowedGlobals, "torch._utils._rebuild_tensor_v2")]
    [InlineData(ScanPolicySection.KerasAllowedModules, "keras")]
    [InlineData(ScanPolicySection.OnnxStandardDomains, "")]
    [InlineData(ScanPolicySection.OnnxStandardDomains, "com.example-vendor")]
    public void Patterns_real_policies_use_are_accepted(ScanPolicySection section, string pattern) =>
        Assert.Null(ScanPolicyRules.PatternError(ScanPolicySectionInfo.Of(section), pattern));

    [Fact]
    public void A_rule_without_a_reason_and_a_duplicate_pattern_are_both_reported_by_section_and_row()
    {
        var document = ScanPolicyDocument.Parse(ScanPolicyStoreTestPolicies.Default());
        var denied = document[ScanPolicySection.DeniedGlobals];
        denied.Add(new ScanPolicyRuleRow { Pattern = "OS.*", Reason = "Again, in capitals." });
        denied.Add(new ScanPolicyRuleRow { Pattern = "mylib.unsafe_loader", Reason = "  " });

        var errors = ScanPolicyRules.Check(document);

        Assert.Equal(2, errors.Count);
        Assert.Contains($"Denied globals, rule {denied.Count - 1} (OS.*): this pattern is already listed above.", errors);
        Assert.Contains(errors, e => e.StartsWith($"Denied globals, rule {denied.Count} (mylib.unsafe_loader): give a reason", StringComparison.Ordinal));
    }

    [Fact]
    public void Rows_round_trip_to_json_the_engine_loads_keeping_properties_the_editor_does_not_know()
    {
        var document = ScanPolicyDocument.Parse(ScanPolicyStoreTestPolicies.Default());
        document[ScanPolicySection.AllowedGlobals].Add(new ScanPolicyRuleRow { Pattern = "mylib.Config", Reason = "Our own config class." });
        document.Aliases.Add(new ScanPolicyAliasRow { From = "mylib_old", To = "mylib" });

        var json = document.ToJson();

        var root = JsonNode.Parse(json)!.AsObject();
        Assert.StartsWith("Default static-analysis policy", root["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["name", "description", "moduleAliases", "deniedGlobals"], root.Select(p => p.Key).Take(4));
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        var policy = ArtifactPolicy.Load(stream);
        Assert.Equal(GlobalVerdict.Allowed, policy.Classify("mylib_old", "Config").Verdict);
        Assert.Equal("Our own config class.", policy.Classify("mylib", "Config").Rule!.Reason);
        Assert.Equal(ArtifactPolicy.Default.Denied.Count, policy.Denied.Count);
    }

    [Theory]
    [InlineData("[1, 2]", "must be a JSON object")]
    [InlineData("{\"deniedGlobals\": 3}", "must be a list")]
    [InlineData("{\"deniedGlobals\": [{\"reason\": \"no pattern\"}]}", "deniedGlobals[0]")]
    [InlineData("{\"moduleAliases\": [\"x\"]}", "moduleAliases")]
    public void A_document_of_the_wrong_shape_is_refused_with_where_it_is_wrong(string json, string expected)
    {
        var error = Assert.Throws<ArtifactPolicyException>(() => ScanPolicyDocument.Parse(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
