using AiCtiPortal.Domain.Indicators;

namespace AiCtiPortal.Domain.Tests.Indicators;

public class PackageCoordinateTests
{
    [Theory]
    [InlineData("pypi/torchtriton/2.0.0", "pypi/torchtriton/2.0.0")]
    [InlineData("PyPI/Torch_Triton/2.0.0", "pypi/torch-triton/2.0.0")]
    [InlineData("pypi/zope.interface/5.0", "pypi/zope-interface/5.0")]
    [InlineData("pypi/a-_.b/1!2.0.post1", "pypi/a-b/1!2.0.post1")]
    [InlineData("npm/@scope/name/1.2.3", "npm/@scope/name/1.2.3")]
    [InlineData("npm/JSONStream/1.3.5", "npm/JSONStream/1.3.5")]
    [InlineData("nuget/Newtonsoft.Json/13.0.1", "nuget/newtonsoft.json/13.0.1")]
    [InlineData("cargo/Serde_Json/1.0.0", "cargo/serde_json/1.0.0")]
    [InlineData("maven/org.example:library/1.0.0", "maven/org.example:library/1.0.0")]
    [InlineData("maven/org.example/library/1.0.0", "maven/org.example:library/1.0.0")]
    [InlineData("go/github.com/Acme/tool/v1.2.3", "go/github.com/Acme/tool/v1.2.3")]
    [InlineData("golang/github.com/acme/tool/v0.0.0-20240101000000-abcdef123456", "go/github.com/acme/tool/v0.0.0-20240101000000-abcdef123456")]
    [InlineData("rubygems/Rails/7.1.0", "rubygems/Rails/7.1.0")]
    [InlineData("conda/PyTorch/2.1.0", "conda/pytorch/2.1.0")]
    public void Package_coordinates_are_canonicalised(string raw, string expected) =>
        CatalogueAssert.Valid(IndicatorType.PackageCoordinate, raw, expected);

    [Fact]
    public void Pep503_normalisation_is_noted()
    {
        var result = CatalogueAssert.Valid(IndicatorType.PackageCoordinate, "pypi/Torch_Triton/2.0.0", "pypi/torch-triton/2.0.0");
        CatalogueAssert.HasNote(result, "PEP 503");
    }

    [Theory]
    [InlineData("pkg:pypi/torchtriton@2.0.0", "pypi/torchtriton/2.0.0")]
    [InlineData("pkg:pypi/Torch_Triton@2.0.0?extension=whl#sub", "pypi/torch-triton/2.0.0")]
    [InlineData("pkg:npm/%40scope/name@1.2.3", "npm/@scope/name/1.2.3")]
    [InlineData("pkg:npm/@scope/name@1.2.3", "npm/@scope/name/1.2.3")]
    [InlineData("pkg:maven/org.example/library@1.0.0", "maven/org.example:library/1.0.0")]
    [InlineData("pkg:golang/github.com/acme/tool@v1.2.3", "go/github.com/acme/tool/v1.2.3")]
    [InlineData("pkg:gem/rails@7.1.0", "rubygems/rails/7.1.0")]
    [InlineData("pkg:nuget/Newtonsoft.Json@13.0.1", "nuget/newtonsoft.json/13.0.1")]
    public void Package_urls_convert_to_the_portal_form(string raw, string expected)
    {
        var result = CatalogueAssert.Valid(IndicatorType.PackageCoordinate, raw, expected);
        CatalogueAssert.HasNote(result, "Converted the package URL");
    }

    [Theory]
    [InlineData("torchtriton", "ecosystem/name/version")]
    [InlineData("pypi/torchtriton", "ecosystem/name/version")]
    [InlineData("pypi/torchtriton/", "Add the version")]
    [InlineData("cpan/Foo/1.0", "'cpan' is not an ecosystem")]
    [InlineData("pypi/torchtriton/>=2.0", "version range")]
    [InlineData("npm/lodash/^4.17.0", "version range")]
    [InlineData("npm/lodash/4.x", "version range")]
    [InlineData("nuget/foo/[1.0,2.0)", "version range")]
    [InlineData("pypi/torchtriton/latest", "moving tag")]
    [InlineData("pypi/-bad/1.0", "not a valid PyPI name")]
    [InlineData("pypi/a/b/1.0", "not a valid PyPI name")]
    [InlineData("maven/library/1.0", "groupId:artifactId")]
    [InlineData("go/github.com/acme/tool/1.2.3", "start with 'v'")]
    [InlineData("pkg:pypi/torchtriton", "Add the version")]
    [InlineData("pkg:github/acme/repo@1.0", "not supported")]
    public void Malformed_package_coordinates_are_rejected(string raw, string error) =>
        CatalogueAssert.Invalid(IndicatorType.PackageCoordinate, raw, error);
}
