namespace AiCtiPortal.Domain.Indicators.Validation;

internal sealed class ModelHubRepositoryRule : IIndicatorRule
{
    public string? Normalize(string value, IndicatorCheck check) => HubReference.Normalize(value, dataset: false, check);
}
