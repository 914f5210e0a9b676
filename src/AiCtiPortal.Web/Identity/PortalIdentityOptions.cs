namespace AiCtiPortal.Web.Identity;

/// <summary>Bound from "Identity": the account rules an operator may tune without a rebuild.</summary>
public sealed class PortalIdentityOptions
{
    public const string Section = "Identity";

    public int RequiredPasswordLength { get; set; } = 10;

    public int MaxFailedAccessAttempts { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;
}
