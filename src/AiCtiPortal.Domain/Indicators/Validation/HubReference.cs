namespace AiCtiPortal.Domain.Indicators.Validation;

/// <summary>
/// Parses "hub/owner/name[@revision]" and the Hugging Face / GitHub web URLs people paste instead, into the
/// canonical lowercase "hub/owner/name[@revision]".
/// </summary>
internal static class HubReference
{
    public static string? Normalize(string value, bool dataset, IndicatorCheck check)
    {
        if (value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ||
            value.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            var converted = FromUrl(value, dataset, check);
            if (converted is null)
            {
                return null;
            }

            check.Note($"Converted the web address to the hub form {converted}.");
            value = converted;
        }

        var at = value.IndexOf('@', StringComparison.Ordinal);
        var path = at < 0 ? value : value[..at];
        var segments = path.Split('/');
        var hub = segments[0].ToLowerInvariant();
        if (hub == "hf")
        {
            hub = "huggingface";
        }

        var hubs = dataset ? HubRules.DatasetHubs : HubRules.ModelHubs;
        if (!HubRules.Known.TryGetValue(hub, out var rules) || (dataset && !rules.HostsDatasets))
        {
            return check.Fail(segments.Length < 3
                ? $"Write the reference as hub/owner/name@revision, for example huggingface/acme/sentiment-model@main; the hub is one of {string.Join(", ", hubs)}."
                : $"'{segments[0]}' is not a hub the catalogue knows; use one of {string.Join(", ", hubs)}.");
        }

        if (segments.Length < 3 || segments.Length > 2 + rules.MaxNameSegments)
        {
            return check.Fail(rules.MaxNameSegments == 1
                ? $"A {hub} reference is {hub}/owner/name, with exactly one owner and one name; '{path}' has {segments.Length - 1} parts after the hub."
                : $"A {hub} reference is {hub}/owner/name, where the name has at most {rules.MaxNameSegments} parts; '{path}' has {segments.Length - 1} parts after the hub.");
        }

        var parts = segments.Skip(1).ToArray();
        var lowered = parts.Select(p => p.ToLowerInvariant()).ToArray();
        for (var i = 0; i < lowered.Length; i++)
        {
            var problem = rules.Problem(lowered[i], isOwner: i == 0);
            if (problem is not null)
            {
                check.Fail($"The {(i == 0 ? "owner" : "name")} '{parts[i]}' does not fit {hub}'s rules: {problem}.");
            }
        }

        string? revision = null;
        if (at >= 0)
        {
            revision = GitRevision.Normalize(value[(at + 1)..], check);
        }
        else if (!dataset)
        {
            check.Note("No revision: the indicator covers every revision of the repository. Add @<commit> when only one revision is malicious.");
        }

        if (check.HasErrors)
        {
            return null;
        }

        if (!parts.SequenceEqual(lowered, StringComparer.Ordinal))
        {
            check.Note($"{hub} looks repositories up without regard to case; owner and name are stored lowercased so matching ignores case (the revision keeps its case).");
        }

        var canonical = $"{hub}/{string.Join('/', lowered)}";
        return revision is null ? canonical : $"{canonical}@{revision}";
    }

    private static string? FromUrl(string value, bool dataset, IndicatorCheck check)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            return check.Fail("This web address cannot be read; write the reference as hub/owner/name@revision instead.");
        }

        var host = uri.Host.ToLowerInvariant();
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
        string hub;
        if (host is "huggingface.co" or "www.huggingface.co" or "hf.co")
        {
            hub = "huggingface";
            var isDatasetUrl = segments.Count > 0 && segments[0] == "datasets";
            if (segments.Count > 0 && segments[0] == "spaces")
            {
                return check.Fail("This is a Hugging Face Space (an application), not a model or dataset repository; record its address with the URL type.");
            }

            if (isDatasetUrl != dataset)
            {
                return check.Fail(dataset
                    ? "This is a Hugging Face model address; dataset addresses look like https://huggingface.co/datasets/owner/name. Use the model hub repository type for models."
                    : "This is a Hugging Face dataset address; use the dataset identifier type for it.");
            }

            if (isDatasetUrl)
            {
                segments.RemoveAt(0);
            }
        }
        else if (host is "github.com" or "www.github.com")
        {
            hub = "github";
            if (segments.Count >= 2 && segments[1].EndsWith(".git", StringComparison.OrdinalIgnoreCase))
            {
                segments[1] = segments[1][..^4];
            }
        }
        else
        {
            return check.Fail("Only Hugging Face and GitHub web addresses convert to a hub reference; write other references as hub/owner/name@revision.");
        }

        if (segments.Count < 2)
        {
            return check.Fail("The web address does not name a repository; it needs an owner and a name, as in https://huggingface.co/owner/name.");
        }

        var reference = $"{hub}/{segments[0]}/{segments[1]}";
        if (segments.Count == 2)
        {
            return reference;
        }

        // /tree/REV, /commit/REV, /blob/REV/path, /resolve/REV/path: the revision is the one segment after the verb.
        if (segments[2] is not ("tree" or "commit" or "blob" or "resolve") || segments.Count < 4)
        {
            return check.Fail("Only repository addresses (optionally with /tree/REVISION or /commit/REVISION) convert to a hub reference.");
        }

        // Hugging Face writes pull-request refs encoded ("refs%2Fpr%2F1"), already decoded above.
        if (segments.Count > 4)
        {
            check.Note("Dropped the path after the revision: the indicator names the repository at that revision. Record the file itself by its SHA-256.");
        }

        return $"{reference}@{segments[3]}";
    }
}
