using FactCheck.Web.Components;
using FactCheck.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddApplicationServices();

var app = builder.Build();

await app.InitializeDatabaseAsync();

app.UseFactCheckPipeline();

app.MapFactCheckEndpoints();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
