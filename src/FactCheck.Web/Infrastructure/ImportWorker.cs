using FactCheck.Core.Documents;

namespace FactCheck.Web.Infrastructure;

/// <summary>
/// Runs queued imports, one at a time per instance: woken when this instance queues one, and polling
/// every <c>Import:PollSeconds</c> for jobs queued elsewhere or left behind by a crashed worker (whose
/// lease has expired). The queue itself makes it safe to run on several instances.
/// </summary>
public sealed class ImportWorker(ImportQueue queue, IConfiguration configuration, ILogger<ImportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var poll = TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Import:PollSeconds", 2.0), 0.1, 3600));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await queue.RunNextAsync(stoppingToken))
                    await queue.WaitForWorkAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // A database hiccup must not end the worker: the job's lease expires and it is tried again.
                logger.LogWarning(e, "Import worker failed; retrying");
                try { await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken); }
                catch (OperationCanceledException) { break; }
            }
        }
    }
}
