using AiCtiPortal.Domain.Indicators;

namespace AiCtiPortal.Domain.Tests.Indicators;

public class NetworkIndicatorTests
{
    [Theory]
    [InlineData("https://Example.COM/Path?Q=1", "https://example.com/Path?Q=1")]
    [InlineData("HTTPS://example.com:443/a", "https://example.com/a")]
    [InlineData("http://example.com:80", "http://example.com/")]
    [InlineData("http://example.com:8080/x", "http://example.com:8080/x")]
    [InlineData("ftp://files.example.org:21/pub/model.bin", "ftp://files.example.org/pub/model.bin")]
    [InlineData("https://example.com/a#section", "https://example.com/a")]
    [InlineData("https://bücher.example/x", "https://xn--bcher-kva.example/x")]
    [InlineData("s3://my-bucket/models/evil.pt", "s3://my-bucket/models/evil.pt")]
    [InlineData("gs://bucket/data.parquet", "gs://bucket/data.parquet")]
    [InlineData("hf://datasets/acme/reviews/train.csv", "hf://datasets/acme/reviews/train.csv")]
    [InlineData("http://203.0.113.7/payload", "http://203.0.113.7/payload")]
    [InlineData("http://[2001:DB8::1]:8080/", "http://[2001:db8::1]:8080/")]
    [InlineData("http://localhost:11434/api/generate", "http://localhost:11434/api/generate")]
    public void Urls_are_canonicalised(string raw, string expected) =>
        CatalogueAssert.Valid(IndicatorType.Url, raw, expected);

    [Theory]
    [InlineData("hxxps://evil[.]example[.]com/payload", "https://evil.example.com/payload")]
    [InlineData("hxxp[:]//evil(.)example/x", "http://evil.example/x")]
    [InlineData("HXXPS://evil[dot]example/x", "https://evil.example/x")]
    public void Defanged_urls_are_refanged_with_a_note(string raw, string expected)
    {
        var result = CatalogueAssert.Valid(IndicatorType.Url, raw, expected);
        CatalogueAssert.HasNote(result, "Refanged");
    }

    [Fact]
    public void User_name_before_the_host_is_kept_and_noted()
    {
        var result = CatalogueAssert.Valid(IndicatorType.Url, "https://huggingface.co@evil.example/x", "https://huggingface.co@evil.example/x");
        CatalogueAssert.HasNote(result, "user name before '@'");
    }

    [Fact]
    public void Dropped_fragment_is_noted()
    {
        var result = CatalogueAssert.Valid(IndicatorType.Url, "https://example.com/#top", "https://example.com/");
        CatalogueAssert.HasNote(result, "Dropped the fragment '#top'");
    }

    [Theory]
    [InlineData("javascript:alert(1)", "javascript: URL carries content")]
    [InlineData("data:text/html,<script>", "data: URL carries content")]
    [InlineData("file:///etc/passwd", "this one is 'file'")]
    [InlineData("example.com/path", "starts with a scheme")]
    [InlineData("https://exa mple.com", "cannot contain spaces")]
    [InlineData("https:///nohost", "cannot be read")]
    public void Unsafe_or_malformed_urls_are_rejected(string raw, string error) =>
        CatalogueAssert.Invalid(IndicatorType.Url, raw, error);

    [Theory]
    [InlineData("Example.COM.", "example.com")]
    [InlineData("evil[.]example[.]net", "evil.example.net")]
    [InlineData("bücher.example", "xn--bcher-kva.example")]
    [InlineData("_dmarc.example.com", "_dmarc.example.com")]
    [InlineData("xn--bcher-kva.example", "xn--bcher-kva.example")]
    public void Domains_are_canonicalised(string raw, string expected) =>
        CatalogueAssert.Valid(IndicatorType.Domain, raw, expected);

    [Fact]
    public void Internationalised_domains_are_noted_as_possible_homographs()
    {
        var result = CatalogueAssert.Valid(IndicatorType.Domain, "аpple.com", "xn--pple-43d.com");
        CatalogueAssert.HasNote(result, "homograph");
    }

    [Theory]
    [InlineData("localhost", "at least two labels")]
    [InlineData("https://example.com/x", "use the URL type")]
    [InlineData("example..com", "empty label")]
    [InlineData("-bad.example.com", "The label '-bad'")]
    [InlineData("*.example.com", "Wildcards")]
    [InlineData("203.0.113.7", "use the IP address type")]
    [InlineData("example.123", "cannot be all digits")]
    [InlineData("exa_mple!.com", "The label 'exa_mple!'")]
    [InlineData(".example.com", "empty label")]
    public void Malformed_domains_are_rejected(string raw, string error) =>
        CatalogueAssert.Invalid(IndicatorType.Domain, raw, error);

    [Fact]
    public void Overlong_labels_are_rejected()
    {
        CatalogueAssert.Invalid(IndicatorType.Domain, new string('a', 64) + ".com", "not a valid domain name");
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("8.8.8.8", "8.8.8.8")]
    [InlineData("8[.]8[.]8[.]8", "8.8.8.8")]
    [InlineData("2001:DB8:0:0:0:0:0:1", "2001:db8::1")]
    [InlineData("[2606:4700::1111]", "2606:4700::1111")]
    [InlineData("::ffff:198.51.100.1", "198.51.100.1")]
    [InlineData("010.001.002.003", "10.1.2.3")]
    public void Ip_addresses_are_canonicalised(string raw, string expected) =>
        CatalogueAssert.Valid(IndicatorType.IpAddress, raw, expected);

    [Theory]
    [InlineData("10.1.2.3", "private (10.0.0.0/8)")]
    [InlineData("192.168.1.1", "private (192.168.0.0/16)")]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("192.0.2.10", "documentation (192.0.2.0/24)")]
    [InlineData("2001:db8::5", "documentation (2001:db8::/32)")]
    [InlineData("fd00::1", "unique local")]
    [InlineData("169.254.169.254", "link-local")]
    public void Non_public_ranges_are_noted(string raw, string note)
    {
        var result = IndicatorCatalogue.Validate(IndicatorType.IpAddress, raw);
        Assert.True(result.IsValid);
        CatalogueAssert.HasNote(result, note);
    }

    [Fact]
    public void Public_addresses_have_no_range_note()
    {
        Assert.Empty(IndicatorCatalogue.Validate(IndicatorType.IpAddress, "8.8.8.8").Notes);
    }

    [Theory]
    [InlineData("256.1.1.1", "256 is too large")]
    [InlineData("127.1", "not an IP address")]
    [InlineData("0x7f.0.0.1", "not an IP address")]
    [InlineData("10.0.0.0/8", "network range")]
    [InlineData("203.0.113.7:8080", "Remove the port")]
    [InlineData("fe80::1%eth0", "zone index")]
    [InlineData("2001:db8::g", "not a valid IPv6 address")]
    [InlineData("example.com", "not an IP address")]
    public void Malformed_ip_addresses_are_rejected(string raw, string error) =>
        CatalogueAssert.Invalid(IndicatorType.IpAddress, raw, error);
}
