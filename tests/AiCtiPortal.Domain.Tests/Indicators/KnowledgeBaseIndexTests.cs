using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Domain.Tests.Data;
using AiCtiPortal.Engine.Similarity;
using AiCtiPortal.Engine.Similarity.Indexing;

namespace AiCtiPortal.Domain.Tests.Indicators;

public sealed class KnowledgeBaseIndexTests(SqliteDatabases databases) : IClassFixture<SqliteDatabases>
{
    [Fact]
    public async Task An_edited_copy_of_a_known_artifact_matches_its_fuzzy_indicators_and_the_original_matches_all_three()
    {
        var original = Artifact(seed: 7);
        var edited = (byte[])original.Clone();
        edited.AsSpan(10_000, 64).Fill(0x41); // a re-padded region: a different file, much the same content
        var known = Fingerprinter.Compute(new MemoryStream(original));
        var settings = await databases.SharedMigratedAsync();
        Guid sha, tlsh, ssdeep;
        await using (var db = TestContexts.Create(settings))
        {
            db.Users.Add(new PortalUser { Id = Author, UserName = "kb-index@example.org", Email = "kb-index@example.org" });
            sha = Add(db, IndicatorType.ModelFileSha256, known.Sha256, ContentStatus.Published);
            tlsh = Add(db, IndicatorType.ModelFileTlsh, known.Tlsh!.Value.ToString(), ContentStatus.Published);
            ssdeep = Add(db, IndicatorType.ModelFileSsdeep, known.Ssdeep.ToString(), ContentStatus.Published);
            Add(db, IndicatorType.ModelFileSha256, known.Sha256, ContentStatus.Draft); // outside the chosen scope
            await db.SaveChangesAsync();
        }

        KnowledgeBaseIndex index;
        await using (var db = TestContexts.Create(settings))
        {
            index = await KnowledgeBaseIndex.BuildAsync(db.Indicators.Where(i => i.Status == ContentStatus.Published), default);
        }

        var editedMatches = index.Match(Fingerprinter.Compute(new MemoryStream(edited)));
        Assert.DoesNotContain(editedMatches, m => m.Kind == SimilarityKind.Exact);
        Assert.Contains(editedMatches, m => m.Id == tlsh.ToString() && m.Kind == SimilarityKind.Tlsh && m.Score is > 0 and <= 50);
        Assert.Contains(editedMatches, m => m.Id == ssdeep.ToString() && m.Kind == SimilarityKind.Ssdeep && m.Score >= 50);

        var originalMatches = index.Match(known);
        Assert.Equal(
            new[] { sha, tlsh, ssdeep }.Select(id => id.ToString()).Order(),
            originalMatches.Select(m => m.Id).Distinct().Order());
        Assert.All(originalMatches, m => Assert.False(string.IsNullOrWhiteSpace(m.Explanation)));

        // A scan that skipped the fuzzy hashes (a very large file) still matches exactly by SHA-256.
        var exactOnly = index.Match(known.Sha256, tlsh: null, ssdeep: null);
        Assert.Equal(sha.ToString(), Assert.Single(exactOnly).Id);
    }

    private const string Author = "kb-index-test";

    private static Guid Add(PortalDbContext db, IndicatorType type, string value, ContentStatus status)
    {
        var check = IndicatorCatalogue.Validate(type, value);
        Assert.True(check.IsValid, string.Join("; ", check.Errors));
        var indicator = new Indicator
        {
            Type = type,
            Value = value,
            NormalizedValue = check.NormalizedValue!,
            ValueHash = IndicatorCatalogue.ValueHash(type, check.NormalizedValue!),
            Status = status,
            CreatedById = Author,
        };
        db.Indicators.Add(indicator);
        return indicator.Id;
    }

    // Text-like content with structure (as model configs and pickles have), so fuzzy hashes have something to hold.
    private static byte[] Artifact(int seed)
    {
        var random = new Random(seed);
        var words = new[] { "torch", "tensor", "weight", "bias", "layer", "state_dict", "OrderedDict", "storage" };
        var text = new System.Text.StringBuilder();
        while (text.Length < 64_000)
        {
            text.Append(words[random.Next(words.Length)]).Append(random.Next(1000)).Append(' ');
        }

        return System.Text.Encoding.ASCII.GetBytes(text.ToString());
    }
}
