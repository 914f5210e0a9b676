using AiCtiPortal.Domain.Exports.Stix;

namespace AiCtiPortal.Domain.Tests.Exports;

public class StixPatternGrammarTests
{
    [Theory]
    [InlineData("[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']")]
    [InlineData("[domain-name:value = 'example.com' OR domain-name:value = 'example.net']")]
    [InlineData("[url:value = 'http://x.test/it\\'s'] AND [ipv4-addr:value = '203.0.113.7']")]
    [InlineData("([file:name = 'a.pt'] FOLLOWEDBY [file:size > 1024]) WITHIN 300 SECONDS")]
    [InlineData("[file:x_list[*] = 'posix.system' AND NOT EXISTS file:parent_directory_ref]")]
    [InlineData("[network-traffic:dst_port IN (80, 443, 8080)] REPEATS 5 TIMES")]
    [InlineData("[artifact:payload_bin MATCHES '(?i)ignore\\\\s+all'] START t'2026-01-01T00:00:00Z' STOP t'2026-02-01T00:00:00.5Z'")]
    [InlineData("[file:size >= -1 AND file:name NOT LIKE 'x%' AND file:flag = true] /* comment */")]
    [InlineData("[artifact:payload_bin = b'aGVsbG8=' OR artifact:x = h'00ff']")]
    public void Accepts_sentences_of_the_grammar(string pattern)
    {
        var check = StixPatternGrammar.Check(pattern);

        Assert.True(check.IsValid, check.Error);
    }

    [Theory]
    [InlineData("file:name = 'a'", 0)]
    [InlineData("[file:name = 'a'", 16)]
    [InlineData("[file:name = 'unterminated]", 13)]
    [InlineData("[file:name 'a']", 11)]
    [InlineData("[file:name = 'a'] AND", 21)]
    [InlineData("[file = 'a']", 6)]
    [InlineData("[file:name = 'a'] WITHIN -5 SECONDS", 25)]
    [InlineData("[file:created > t'2026-13-01T00:00:00Z']", 16)]
    [InlineData("[file:name = 'a\\q']", 13)]
    [InlineData("[file:hashes.SHA-256 = 'ab']", 13)]
    [InlineData("", 0)]
    public void Rejects_non_sentences_with_the_position_of_the_first_bad_token(string pattern, int position)
    {
        var check = StixPatternGrammar.Check(pattern);

        Assert.False(check.IsValid);
        Assert.Equal(position, check.Position);
        Assert.Contains($"position {position}", check.Error, StringComparison.Ordinal);
    }
}
