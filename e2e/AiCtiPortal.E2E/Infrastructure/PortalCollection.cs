namespace AiCtiPortal.E2E.Infrastructure;

/// <summary>All e2e tests share one portal process and browser; starting either per class would triple the run time.</summary>
[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "Portal";
}
