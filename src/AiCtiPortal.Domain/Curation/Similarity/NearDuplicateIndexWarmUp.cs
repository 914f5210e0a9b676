using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiCtiPortal.Domain.Curation.Similarity;

/// <summary>
/// Builds the near-duplicate base index in the background once the portal has started, so that the first similarity
/// check after a restart finds it ready. A failure here is only logged: the first check then builds the base itself.
/// </summary>
internal sealed class NearDuplicateIndexWarmUp(NearDuplicateIndexCache cache, ILogger<NearDuplicateIndexWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await cache.WarmUpAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not build the near-duplicate index at start-up; the first similarity check will build it.");
        }
    }
}
