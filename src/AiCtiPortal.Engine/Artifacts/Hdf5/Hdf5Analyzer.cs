using AiCtiPortal.Engine.Artifacts.Keras;

namespace AiCtiPortal.Engine.Artifacts.Hdf5;

/// <summary>
/// Legacy Keras .h5 models: the architecture is a JSON string attribute "model_config" (and "training_config") on the
/// root group, which the Keras config checks inspect (Lambda bytecode, modules and functions to import). The HDF5
/// object tree is not walked: attribute messages are found by their names, with a bounded scan for Keras JSON as a
/// fallback. Weights and other datasets are never parsed, and a file with no config is Unsupported.
/// </summary>
internal static class Hdf5Analyzer
{
    private static readonly string[] ConfigAttributes = ["model_config", "training_config"];

    public static void Analyze(ScanContext ctx, Stream stream, string? member)
    {
        long at = Hdf5Superblock.Find(stream);
        var super = at < 0 ? null : Hdf5Superblock.Read(stream, at);
        string file = member ?? "file";
        long limit = ctx.Options.MaxHdf5ScanBytes;
        int found = 0;
        if (super is not null)
        {
            foreach (string name in ConfigAttributes)
            {
                byte[] pattern = [.. System.Text.Encoding.ASCII.GetBytes(name), 0];
                foreach (long hit in Hdf5Search.FindAll(stream, pattern, limit, 64))
                {
                    if (Hdf5AttributeReader.TryRead(stream, hit, name, super, ctx.Options.MaxHdf5ConfigBytes, out string how) is { } value)
                    {
                        ctx.Note($"{file}: Keras {name} read from the HDF5 attribute named at offset {hit} ({how}).");
                        KerasConfigInspector.Inspect(ctx, TrimNul(value), Label(member, name));
                        found++;
                        break;
                    }
                }
            }
        }

        if (found == 0)
        {
            foreach (var (offset, json) in KerasJsonScanner.Find(stream, limit, ctx.Options.MaxHdf5ConfigBytes))
            {
                ctx.Note($"{file}: no config attribute message could be read; a Keras JSON config found at offset {offset} was inspected.");
                KerasConfigInspector.Inspect(ctx, json, Label(member, $"json@{offset}"));
                found++;
            }
        }

        if (found == 0)
        {
            ctx.Add(Severity.Info, FindingCodes.FormatUnsupported, "HDF5 file without a Keras model config",
                $"No model_config or training_config attribute and no Keras JSON config were found in the first {Math.Min(limit, stream.Length)} bytes. "
                    + "HDF5 datasets and other attributes are not parsed, so this file was not analysed.",
                member, Math.Max(at, 0));
            return;
        }

        ctx.Note($"{file}: HDF5 datasets (weights) and attributes other than the Keras configs are not parsed.");
    }

    private static string Label(string? member, string part) => member is null ? $"h5:{part}" : $"{member}!h5:{part}";

    private static byte[] TrimNul(byte[] value)
    {
        int end = Array.IndexOf(value, (byte)0);
        return end < 0 ? value : value[..end];
    }
}
