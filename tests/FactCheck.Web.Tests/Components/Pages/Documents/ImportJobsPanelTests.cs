using Bunit;
using FactCheck.Core.Documents;
using FactCheck.Core.Domain;
using FactCheck.Web.Components.Pages.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Web.Tests.Components.Pages.Documents;

public sealed class ImportJobsPanelTests : MudBlazorTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_running_import_shows_its_phase_and_percentage_and_moves_on_without_a_reload()
    {
        var jobId = await JobAsync(ImportJobStatus.Writing, done: 40, total: 400);
        var panel = RenderPanel();

        panel.WaitForAssertion(() => Assert.Contains("writing claims (40 of 400)", panel.Find($"[data-import-job='{jobId}'] .import-phase").TextContent), Patience);
        Assert.Equal("17%", panel.Find($"[data-import-job='{jobId}'] .import-percent").TextContent.Trim());
        Assert.NotNull(panel.Find($"[data-import-job='{jobId}'] .mud-progress-linear"));

        await SetAsync(jobId, ImportJobStatus.Writing, done: 200, total: 400);
        panel.WaitForAssertion(() => Assert.Contains("200 of 400", panel.Find($"[data-import-job='{jobId}'] .import-phase").TextContent), Patience);
        Assert.Equal("45%", panel.Find($"[data-import-job='{jobId}'] .import-percent").TextContent.Trim());
    }

    [Fact]
    public async Task A_failed_import_shows_its_error_and_can_be_retried()
    {
        var jobId = await JobAsync(ImportJobStatus.Failed, done: 0, total: 0, error: "The import failed: the disk is full");
        var panel = RenderPanel();

        panel.WaitForAssertion(() => Assert.Contains("the disk is full", panel.Find($"[data-import-job='{jobId}'] .mud-alert").TextContent), Patience);
        panel.Find($"[data-import-job='{jobId}'] button").Click();

        panel.WaitForAssertion(() => Assert.Contains("waiting", panel.Find($"[data-import-job='{jobId}'] .import-phase").TextContent), Patience);
        Assert.Equal(ImportJobStatus.Queued, (await Db.ImportQueue.GetAsync(Db.Lead, jobId))!.Status);
    }

    [Fact]
    public async Task Reviewers_see_no_imports()
    {
        await JobAsync(ImportJobStatus.Writing, done: 1, total: 2);
        var panel = RenderPanel(Db.Alice);
        Assert.Empty(panel.FindAll("[data-import-job]"));
    }

    private IRenderedComponent<ImportJobsPanel> RenderPanel(FactCheck.Core.Security.Actor? actor = null)
    {
        Services.AddSingleton(Db.ImportQueue);
        SignInAs(actor ?? Db.Lead);
        RenderAsLiveCircuit();
        return Render<ImportJobsPanel>();
    }

    private async Task<int> JobAsync(ImportJobStatus status, int done, int total, string? error = null)
    {
        await using var db = await Db.DbFactory.CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var job = new ImportJob
        {
            CreatedById = Db.Lead.UserId!, CreatedByName = Db.Lead.Name, CreatedAt = now, UpdatedAt = now, FileName = "report.pdf", Title = "Report",
            Text = "Officials said 40 schools closed on Monday.", ContentHash = Guid.NewGuid().ToString("N"), Status = status, ProgressDone = done, ProgressTotal = total,
            Error = error, LeaseOwner = status == ImportJobStatus.Failed ? null : "a worker elsewhere", LeaseUntil = status == ImportJobStatus.Failed ? null : now.AddHours(1),
        };
        db.ImportJobs.Add(job);
        await db.SaveChangesAsync();
        return job.Id;
    }

    private async Task SetAsync(int jobId, ImportJobStatus status, int done, int total)
    {
        await using var db = await Db.DbFactory.CreateDbContextAsync();
        await db.ImportJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(u => u.SetProperty(j => j.Status, status).SetProperty(j => j.ProgressDone, done).SetProperty(j => j.ProgressTotal, total));
    }
}
