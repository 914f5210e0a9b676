using AiCtiPortal.Domain.Indicators;

namespace AiCtiPortal.Domain.Tests.Indicators;

public class PickleImportTests
{
    [Theory]
    [InlineData("posix.system", "posix.system")]
    [InlineData("builtins.exec", "builtins.exec")]
    [InlineData("torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor_v2")]
    [InlineData("posix system", "posix.system")]
    [InlineData("posix:system", "posix.system")]
    [InlineData("torch._utils _rebuild_tensor_v2", "torch._utils._rebuild_tensor_v2")]
    [InlineData("posix\nsystem", "posix.system")]
    [InlineData("collections OrderedDict.fromkeys", "collections.OrderedDict.fromkeys")]
    public void Module_and_name_are_joined_with_dots(string raw, string expected) =>
        CatalogueAssert.Valid(IndicatorType.PickleImport, raw, expected);

    [Theory]
    [InlineData("system", "has only one part")]
    [InlineData("os..system", "empty part")]
    [InlineData("os.system.", "empty part")]
    [InlineData("os.1system", "'1system' is not a Python identifier")]
    [InlineData("os.sys-tem", "'sys-tem' is not a Python identifier")]
    [InlineData("a b c", "more than two")]
    public void Malformed_imports_are_rejected(string raw, string error) =>
        CatalogueAssert.Invalid(IndicatorType.PickleImport, raw, error);

    [Theory]
    [InlineData("posix.system", "module behind 'os'")]
    [InlineData("nt.system", "module behind 'os' on Windows")]
    [InlineData("__builtin__.eval", "Python 2 name of 'builtins'")]
    public void Platform_aliases_are_noted(string raw, string note)
    {
        var result = IndicatorCatalogue.Validate(IndicatorType.PickleImport, raw);
        CatalogueAssert.HasNote(result, note);
    }
}
