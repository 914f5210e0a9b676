using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Web.Identity;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiCtiPortal.Web.ComponentTests.Identity;

public class PortalEmailSenderTests
{
    private const string Link = "http://localhost/Account/ResetPassword?code=secret-token";

    [Fact]
    public async Task Without_smtp_development_logs_the_reset_link()
    {
        var logger = new ListLogger();
        var sender = new PortalEmailSender(Options.Create(new EmailOptions()), new Environment("Development"), logger);

        await sender.SendPasswordResetLinkAsync(new PortalUser(), "a@b.test", Link);

        Assert.Contains(logger.Messages, m => m.Contains(Link, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_smtp_production_never_logs_the_reset_link()
    {
        var logger = new ListLogger();
        var sender = new PortalEmailSender(Options.Create(new EmailOptions()), new Environment("Production"), logger);

        await sender.SendPasswordResetLinkAsync(new PortalUser(), "a@b.test", Link);

        Assert.NotEmpty(logger.Messages);
        Assert.DoesNotContain(logger.Messages, m => m.Contains("secret-token", StringComparison.Ordinal));
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "AiCtiPortal.Web";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private sealed class ListLogger : ILogger<PortalEmailSender>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }
}
