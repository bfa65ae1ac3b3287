using FactCheck.Data;
using FactCheck.Web.Components;
using FactCheck.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

WebApplication app;
try
{
    builder.AddApplicationServices();
    app = builder.Build();
    await app.InitializeDatabaseAsync();
}
catch (Exception ex) when (ex is DatabaseConfigurationException or DatabaseUnavailableException)
{
    // A wrong setting or an unreachable server: one clear line for the operator, and no start.
    Console.Error.WriteLine($"FactCheck cannot start: {ex.Message}");
    return 1;
}

app.UseFactCheckPipeline();

app.MapFactCheckEndpoints();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

app.Run();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
