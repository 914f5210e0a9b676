using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace AiCtiPortal.Web.Identity;

internal static class IdentityExtensions
{
    public static IServiceCollection AddPortalIdentity(
        this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        var section = configuration.GetSection(PortalIdentityOptions.Section);
        services.Configure<PortalIdentityOptions>(section);
        var rules = section.Get<PortalIdentityOptions>() ?? new PortalIdentityOptions();
        services.Configure<EmailOptions>(configuration.GetSection(EmailOptions.Section));

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/Account/Login";
            cookie.LogoutPath = "/Account/Logout";
            cookie.AccessDeniedPath = "/Account/AccessDenied";
            cookie.Cookie.Name = "aicti.auth";
            cookie.SlidingExpiration = true;
        });
        services.AddAuthorization();

        services.AddIdentityCore<PortalUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = rules.RequiredPasswordLength;
                options.Password.RequiredUniqueChars = 4;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = rules.MaxFailedAccessAttempts;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(rules.LockoutMinutes);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>();

        services.AddSingleton<IEmailSender<PortalUser>, PortalEmailSender>();

        // Keys in the data folder, so cookies and reset links survive a restart of the app.
        var dataFolder = (configuration.GetSection(PortalDataOptions.Section).Get<PortalDataOptions>() ?? new PortalDataOptions())
            .ResolveDataFolder(contentRootPath);
        services.AddDataProtection()
            .SetApplicationName("AiCtiPortal")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataFolder, "keys")));
        return services;
    }
}
