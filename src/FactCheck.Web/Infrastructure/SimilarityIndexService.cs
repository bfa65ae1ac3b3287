using FactCheck.Core.Documents;

namespace FactCheck.Web.Infrastructure;

/// <summary>
/// Warms the similarity index after start (never blocking it: lookups answer "nothing similar" until it
/// is ready), then runs the embedding pass and picks up claims and embeddings other instances wrote,
/// every <c>Extraction:PollSeconds</c> when idle. <c>Extraction:EmbeddingPass</c> = false leaves the pass
/// (and the model) out, e.g. for an instance that only serves readers; the index still refreshes.
/// </summary>
public sealed class SimilarityIndexService(ClaimMatcher matcher, ClaimEmbeddingPass pass, IConfiguration configuration, ILogger<SimilarityIndexService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var embed = configuration.GetValue("Extraction:EmbeddingPass", true);
        var idle = TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Extraction:PollSeconds", 2.0), 0.1, 3600));
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var wasReady = matcher.IsReady;
                await matcher.RefreshAsync(stoppingToken);
                if (!wasReady)
                    logger.LogInformation("Similarity index ready: {Claims} claims ({Embedded} with embeddings, ~{Megabytes:F1} MB) in {Seconds:F1} s",
                        matcher.Count, matcher.EmbeddedCount, matcher.ApproximateBytes / 1048576.0, started.Elapsed.TotalSeconds);
                var embedded = embed ? await pass.RunBatchAsync(stoppingToken) : 0;
                if (embedded == 0)
                    await Task.Delay(idle, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // A database hiccup must not end the service: log it and try again after a pause.
                logger.LogWarning(e, "Similarity index refresh or embedding pass failed; retrying");
                try { await Task.Delay(TimeSpan.FromSeconds(10), stoppingToken); }
                catch (OperationCanceledException) { break; }
            }
        }
    }
}
