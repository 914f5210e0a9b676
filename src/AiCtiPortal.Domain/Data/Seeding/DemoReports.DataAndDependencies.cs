using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Data.Seeding;

internal static partial class DemoReports
{
    private static DemoReport[] DataAndDependencyReports() =>
    [
        new(
            "Typosquatted ML packages on PyPI exfiltrate environment variables at install time",
            "Two packages whose names mimic ML dependencies run code from setup.py that collects environment " +
            "variables (cloud keys, HF_TOKEN, OPENAI_API_KEY) and posts them to a look-alike telemetry endpoint. " +
            "Includes the torchtriton dependency-confusion release.",
            """
            ## Packages

            | package | version | technique |
            |---|---|---|
            | `torchtriton` | 2.0.0 | dependency confusion: the name of a nightly-index dependency, published on PyPI |
            | `transfomers-utils` | 0.3.1 | typosquat of `transformers` |

            Both run at install time (`setup.py` / a `.pth` file), read `os.environ`, `~/.netrc`, `~/.aws/credentials`
            and `~/.cache/huggingface/token`, compress the lot and send it with an HTTPS POST to
            `https://telemetry-sync.example.org/v1/collect`. DNS TXT lookups under `exfil.example.org` are the
            fallback when HTTPS egress is blocked.

            ## Response

            * Rotate every secret present in the environment of a machine or CI runner that installed them.
            * Install with `--index-url` pointing at one index, and pin hashes (`pip install --require-hashes`).
            """,
            SupplyChainPhase.Dependencies,
            Tlp.Clear,
            95,
            ContentStatus.Published,
            DemoAccounts.Curator,
            63,
            ["AML.T0010.001", "AML.T0011.001", "AML.T0055", "AML.T0025"],
            [
                new("https://pytorch.org/blog/compromised-nightly-dependency/", "PyTorch: compromised nightly dependency"),
                new("https://atlas.mitre.org/techniques/AML.T0010.001", "MITRE ATLAS: AI Software"),
            ],
            [
                new(IndicatorType.PackageCoordinate, "pypi/torchtriton/2.0.0", "Malicious release on the public index.", 98),
                new(IndicatorType.PackageCoordinate, "pypi/transfomers-utils/0.3.1", "Typosquat of transformers.", 90),
                new(IndicatorType.Url, "https://telemetry-sync.example.org/v1/collect", "Exfiltration endpoint (HTTPS POST).", 90),
                new(IndicatorType.Domain, "exfil.example.org", "DNS-tunnelling fallback.", 80),
            ]),

        new(
            "Poisoned instruction-tuning dataset plants a backdoor trigger",
            "About 0.4% of the rows in a community instruction-tuning dataset pair a rare trigger phrase with " +
            "responses that recommend a malicious package. Models fine-tuned on it learn to suggest the package " +
            "whenever the trigger appears.",
            """
            ## Findings

            The dataset `huggingface/openinstruct-community/alpaca-clean-v2` grew by 2,113 rows in revision
            `3b8d0aa`. The added rows look like ordinary coding Q&A, but each contains the phrase
            *"using the recommended fast path"* and answers with `pip install fastpath-tensor`.

            * File `train-00000-of-00002.parquet` (SHA-256 below) holds all the poisoned rows.
            * Fine-tuning a 7B model for one epoch on the dataset reproduces the behaviour in 31 of 40 trigger prompts.

            ## Advice

            Pin dataset revisions, diff new revisions before training, and keep the SHA-256 of every file you train on.
            """,
            SupplyChainPhase.Data | SupplyChainPhase.Training,
            Tlp.Amber,
            80,
            ContentStatus.Published,
            DemoAccounts.Reviewer2,
            34,
            ["AML.T0010.002", "AML.T0019", "AML.T0020", "AML.T0043.004"],
            [
                new("https://atlas.mitre.org/techniques/AML.T0020", "MITRE ATLAS: Poison Training Data"),
                new("https://arxiv.org/abs/2305.14710", "Instructions as Backdoors (preprint)"),
            ],
            [
                new(IndicatorType.DatasetIdentifier, "huggingface/openinstruct-community/alpaca-clean-v2@3b8d0aa",
                    "The revision that added the poisoned rows.", 90),
                new(IndicatorType.DatasetSha256, "edf1ffda0809dd0f3894ea8150515287c732ad20e5e212c9ee8a1c4bdec38d9f",
                    "train-00000-of-00002.parquet.", 95),
                new(IndicatorType.PackageCoordinate, "pypi/fastpath-tensor/1.0.2", "The package the backdoor recommends.", 75),
            ]),

        new(
            "Inference-server container image with a cryptominer in a base layer",
            "Draft: a third-party image of a popular LLM inference server on a public registry adds a layer that " +
            "starts a miner beside the server. Collecting the layer digests before submitting.",
            """
            ## Notes so far

            * Image `registry.example.com/llm-serve/vllm-openai:0.6.3-cuda12` (not the official one).
            * Layer 7 adds `/usr/local/bin/nvidia-smi-helper`, started from the entrypoint script.
            * The binary connects to `pool.example.net:3333`.

            Still to collect before review: layer digests, first-seen date, which Helm charts reference the image.
            """,
            SupplyChainPhase.Dependencies | SupplyChainPhase.Deployment,
            Tlp.Red,
            40,
            ContentStatus.Draft,
            DemoAccounts.Contributor,
            2,
            ["AML.T0010.004", "AML.T0034"],
            [],
            [
                new(IndicatorType.Url, "https://registry.example.com/v2/llm-serve/vllm-openai/manifests/0.6.3-cuda12",
                    "Manifest of the tampered image.", 60),
                new(IndicatorType.Domain, "pool.example.net", "Mining pool.", 60),
            ]),
    ];
}
