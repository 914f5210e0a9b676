using System.Text;

namespace AiCtiPortal.Benchmarks.Load;

/// <summary>
/// Report wording from a small vocabulary, so that search terms have realistic selectivity: common words ("pickle",
/// "poisoning") match a few percent of the catalogue, code names match a handful of reports, nonsense matches none.
/// </summary>
internal static class SyntheticText
{
    public static readonly string[] Attacks =
    [
        "Backdoored", "Data poisoning of", "Prompt injection against", "Jailbreak of", "Model theft from",
        "Typosquatted", "Dependency confusion in", "Remote code execution in", "Unsafe deserialization in",
        "Credential exfiltration through", "Membership inference on", "Evasion of", "Supply-chain compromise of",
        "Denial of service against", "Tampered weights in", "Malicious chat template in",
    ];

    public static readonly string[] Components =
    [
        "PyTorch pickle checkpoints", "safetensors conversions", "GGUF quantised models", "ONNX exports",
        "Keras Lambda layers", "Hugging Face model cards", "LangChain agents", "vLLM inference servers",
        "Ollama model registries", "llama.cpp builds", "TensorFlow SavedModels", "tokenizer configurations",
        "RAG pipelines", "vector databases", "MLflow model registries", "Jupyter notebooks", "Triton inference servers",
        "Ray clusters", "fine-tuning datasets", "browser copilots", "code assistants", "speech models",
    ];

    public static readonly string[] Vectors =
    [
        "a poisoned mirror", "a compromised maintainer account", "hidden instructions in web pages",
        "a lookalike package name", "a malicious pull request", "an exposed API key", "crafted PDF documents",
        "a rogue dataset revision", "an unpinned dependency", "a malicious LoRA adapter", "an indirect prompt",
    ];

    /// <summary>Syllables for campaign code names: rare terms, each shared by a few reports.</summary>
    private static readonly string[] Syllables =
    [
        "nor", "vex", "tal", "qui", "bra", "zen", "kor", "lum", "dra", "fen", "ost", "mir", "pal", "rux", "sil", "tor",
        "ul", "wyn", "xa", "yor",
    ];

    public static readonly string[] CommonTerms =
        ["pickle", "poisoning", "jailbreak", "GGUF", "LangChain", "tokenizer", "exfiltration", "RAG", "backdoored", "vLLM"];

    public static string CodeName(Random random) =>
        Capitalise(Syllables[random.Next(Syllables.Length)] + Syllables[random.Next(Syllables.Length)] +
            Syllables[random.Next(Syllables.Length)]);

    public static string Title(Random random, string codeName) =>
        $"{Pick(random, Attacks)} {Pick(random, Components)} via {Pick(random, Vectors)} ({codeName})";

    public static string Summary(Random random, string codeName)
    {
        var component = Pick(random, Components);
        return $"Campaign {codeName} targeted {component} and {Pick(random, Components)}. The operators used " +
            $"{Pick(random, Vectors)} to reach production systems; {Pick(random, Attacks).ToLowerInvariant()} " +
            $"{component} followed. Defenders can detect it from the indicators below.";
    }

    public static string Body(Random random, string title, string summary)
    {
        var body = new StringBuilder(1600);
        body.Append("## ").Append(title).Append("\n\n").Append(summary).Append("\n\n## Timeline\n\n");
        for (var i = 0; i < 4; i++)
        {
            body.Append("- Day ").Append(i * 3 + random.Next(3)).Append(": ").Append(Pick(random, Attacks))
                .Append(' ').Append(Pick(random, Components)).Append(" observed.\n");
        }

        body.Append("\n## Mitigation\n\nPin model revisions, verify hashes before loading, and load weights with ")
            .Append("safe formats only. Review ").Append(Pick(random, Components)).Append(" for ")
            .Append(Pick(random, Vectors)).Append(".\n");
        return body.ToString();
    }

    public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string Capitalise(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
