using AiCtiPortal.Domain.Indicators;

namespace AiCtiPortal.Domain.Tests.Indicators;

public class HubReferenceTests
{
    [Theory]
    [InlineData("huggingface/acme/sentiment-bert@4F2C9A1", "huggingface/acme/sentiment-bert@4f2c9a1")]
    [InlineData("HuggingFace/Acme-Research/Sentiment_BERT@main", "huggingface/acme-research/sentiment_bert@main")]
    [InlineData("hf/acme/model@v1.0", "huggingface/acme/model@v1.0")]
    [InlineData("huggingface/acme/model@refs/pr/1", "huggingface/acme/model@refs/pr/1")]
    [InlineData("huggingface/acme/model@Feature-Branch", "huggingface/acme/model@Feature-Branch")]
    [InlineData("github/Some-Org/repo.name@0123456789abcdef0123456789abcdef01234567", "github/some-org/repo.name@0123456789abcdef0123456789abcdef01234567")]
    [InlineData("kaggle/google/gemma/pytorch/2b@3", "kaggle/google/gemma/pytorch/2b@3")]
    [InlineData("ollama/library/llama3@8b", "ollama/library/llama3@8b")]
    [InlineData("pytorch-hub/pytorch/vision@v0.10.0", "pytorch-hub/pytorch/vision@v0.10.0")]
    [InlineData("tfhub/google/imagenet/mobilenet_v2_100_224@5", "tfhub/google/imagenet/mobilenet_v2_100_224@5")]
    [InlineData("modelscope/damo/nlp_model@master", "modelscope/damo/nlp_model@master")]
    [InlineData("huggingface/acme/model", "huggingface/acme/model")]
    public void Hub_references_are_canonicalised(string raw, string expected) =>
        CatalogueAssert.Valid(IndicatorType.ModelHubRepository, raw, expected);

    [Theory]
    [InlineData("https://huggingface.co/Acme/Model", "huggingface/acme/model")]
    [InlineData("https://huggingface.co/acme/model/", "huggingface/acme/model")]
    [InlineData("https://huggingface.co/acme/model/tree/main", "huggingface/acme/model@main")]
    [InlineData("https://huggingface.co/acme/model/commit/ABCDEF1234567", "huggingface/acme/model@abcdef1234567")]
    [InlineData("https://huggingface.co/acme/model/tree/refs%2Fpr%2F3", "huggingface/acme/model@refs/pr/3")]
    [InlineData("https://hf.co/acme/model/blob/main/pytorch_model.bin", "huggingface/acme/model@main")]
    [InlineData("https://github.com/Acme/Repo.git", "github/acme/repo")]
    public void Web_addresses_convert_to_the_hub_form(string raw, string expected)
    {
        var result = CatalogueAssert.Valid(IndicatorType.ModelHubRepository, raw, expected);
        CatalogueAssert.HasNote(result, "Converted the web address");
    }

    [Fact]
    public void Lowercasing_is_explained_in_a_note()
    {
        var result = CatalogueAssert.Valid(IndicatorType.ModelHubRepository, "huggingface/Acme/Model@main", "huggingface/acme/model@main");
        CatalogueAssert.HasNote(result, "stored lowercased so matching ignores case");
    }

    [Fact]
    public void Missing_revision_is_allowed_with_a_note()
    {
        var result = CatalogueAssert.Valid(IndicatorType.ModelHubRepository, "huggingface/acme/model", "huggingface/acme/model");
        CatalogueAssert.HasNote(result, "covers every revision");
    }

    [Theory]
    [InlineData("acme/model", "hub/owner/name@revision")]
    [InlineData("dockerhub/acme/model@1", "'dockerhub' is not a hub the catalogue knows")]
    [InlineData("huggingface/acme/model/extra", "exactly one owner and one name")]
    [InlineData("huggingface/acme/-model", "does not fit huggingface's rules")]
    [InlineData("huggingface/acme/my--model", "does not fit huggingface's rules")]
    [InlineData("huggingface/acme/my..model", "does not fit huggingface's rules")]
    [InlineData("github/-acme/repo", "The owner '-acme'")]
    [InlineData("github/a-very-long-organisation-name-that-exceeds-39/repo", "at most 39 characters")]
    [InlineData("huggingface/acme/model@", "revision after '@' is empty")]
    [InlineData("huggingface/acme/model@bad..ref", "contains '..'")]
    [InlineData("huggingface/acme/model@a b", "contains a space")]
    [InlineData("https://huggingface.co/datasets/acme/data", "use the dataset identifier type")]
    [InlineData("https://huggingface.co/spaces/acme/app", "Space")]
    [InlineData("https://gitlab.com/acme/model", "Only Hugging Face and GitHub web addresses")]
    [InlineData("https://huggingface.co/acme", "needs an owner and a name")]
    public void Malformed_hub_references_are_rejected(string raw, string error) =>
        CatalogueAssert.Invalid(IndicatorType.ModelHubRepository, raw, error);

    [Theory]
    [InlineData("huggingface/Acme/Reviews", "huggingface/acme/reviews")]
    [InlineData("kaggle/acme/credit-data@2", "kaggle/acme/credit-data@2")]
    [InlineData("https://huggingface.co/datasets/Acme/Reviews/tree/v2", "huggingface/acme/reviews@v2")]
    [InlineData("10.5281/ZENODO.1234567", "10.5281/zenodo.1234567")]
    [InlineData("doi:10.5281/zenodo.1234567", "10.5281/zenodo.1234567")]
    [InlineData("https://doi.org/10.1000/ABC%2Fdef", "10.1000/abc/def")]
    public void Dataset_identifiers_are_canonicalised(string raw, string expected) =>
        CatalogueAssert.Valid(IndicatorType.DatasetIdentifier, raw, expected);

    [Theory]
    [InlineData("ollama/library/llama3", "'ollama' is not a hub the catalogue knows")]
    [InlineData("10.12/abc", "A DOI is 10.<registrant>/<suffix>")]
    [InlineData("10.5281/has space", "A DOI is")]
    [InlineData("https://huggingface.co/acme/model", "This is a Hugging Face model address")]
    public void Malformed_dataset_identifiers_are_rejected(string raw, string error) =>
        CatalogueAssert.Invalid(IndicatorType.DatasetIdentifier, raw, error);
}
