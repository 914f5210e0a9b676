using System.Security.Cryptography;

namespace AiCtiPortal.Engine.Tests.Similarity;

/// <summary>
/// Regenerates Vectors/*.tsv from the reference tools. Does nothing unless AICTI_WRITE_VECTORS names the
/// Vectors directory to write (see Vectors/README.md).
/// </summary>
public sealed class VectorGeneration
{
    [Fact]
    public void Writes_vectors_from_the_reference_tools_when_requested()
    {
        string? target = Environment.GetEnvironmentVariable("AICTI_WRITE_VECTORS");
        if (string.IsNullOrEmpty(target))
        {
            return;
        }

        ReferenceTools.RequireAvailable();
        string dir = Directory.CreateTempSubdirectory("aicti-vectors-").FullName;
        try
        {
            var names = CompatibilityVectors.Specs.ToDictionary(TestCorpus.FileName, s => s);
            foreach (var (name, spec) in names)
            {
                File.WriteAllBytes(Path.Combine(dir, name), TestCorpus.Generate(spec));
            }

            var tlsh = ReferenceTools.TlshDigests(dir);
            var ssdeep = ReferenceTools.SsdeepSignatures(dir);
            var defined = tlsh.Where(t => t.Value is not null).Select(t => (t.Key, t.Value!)).ToList();
            var distances = ReferenceTools.TlshDistances(defined, includeLength: true);
            var noLength = ReferenceTools.TlshDistances(defined, includeLength: false);
            var scores = ReferenceTools.SsdeepScores(ssdeep.Select(s => (s.Key, s.Value)));

            var rows = new List<string> { "# spec\tlength\tsha256\ttlsh (tlsh -f, 3.4.4)\tssdeep (ssdeep -b, 2.14.1)" };
            foreach (var (name, spec) in names)
            {
                byte[] data = File.ReadAllBytes(Path.Combine(dir, name));
                rows.Add(string.Join('\t', spec, data.Length, Convert.ToHexStringLower(SHA256.HashData(data)), tlsh[name] ?? "-", ssdeep[name]));
            }

            File.WriteAllLines(Path.Combine(target, "fingerprints.tsv"), rows);

            var pairs = new List<string> { "# a\tb\ttlsh distance (tlsh -xref)\twith -xlen\tssdeep score (ssdeep -a -x)" };
            var list = names.Keys.ToList();
            for (int i = 0; i < list.Count; i++)
            {
                for (int j = i + 1; j < list.Count; j++)
                {
                    string a = list[i], b = list[j];
                    string d = distances.TryGetValue((a, b), out int x) ? x.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-";
                    string n = noLength.TryGetValue((a, b), out int y) ? y.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-";
                    pairs.Add(string.Join('\t', names[a], names[b], d, n, scores[(a, b)]));
                }
            }

            File.WriteAllLines(Path.Combine(target, "pairs.tsv"), pairs);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
