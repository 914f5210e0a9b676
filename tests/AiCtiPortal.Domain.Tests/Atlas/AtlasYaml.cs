namespace AiCtiPortal.Domain.Tests.Atlas;

/// <summary>Small ATLAS-shaped documents for the reader's edge cases, and edits of the real file.</summary>
internal static class AtlasYaml
{
    public const string Minimal = """
        id: ATLAS
        name: Test
        version: 1.0.0
        matrices:
        - id: ATLAS
          name: Test Matrix
          tactics:
          - id: AML.TA0001
            name: First Tactic
            description: The first.
          - id: AML.TA0002
            name: Second Tactic
          techniques:
          - id: AML.T0001
            name: Technique One
            tactics:
            - AML.TA0001
            - AML.TA0002
          - id: AML.T0001.000
            name: Sub-technique
            subtechnique-of: AML.T0001
          mitigations:
          - id: AML.M0001
            name: Mitigation
            techniques:
            - id: AML.T0001
              use: Always.
        case-studies:
        - id: AML.CS0001
          name: Case
        """;

    /// <summary>Replaces the first occurrence only, failing loudly if the text is not there (the test would be void).</summary>
    public static string ReplaceFirst(this string text, string find, string replacement)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"The test expected to find '{find}' in the document.");
        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + find.Length));
    }
}
