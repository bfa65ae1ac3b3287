using FactCheck.Core.Security;
using FactCheck.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace FactCheck.Web.Components.Shared;

/// <summary>
/// Base for interactive workspace components: runs a service call as the signed-in user and shows
/// a refusal (validation, workflow, permission, conflict) as a message instead of an error page.
/// </summary>
public abstract class WorkspaceComponent : ComponentBase
{
    [Inject] protected CurrentActor CurrentActor { get; set; } = default!;
    [Inject] protected ISnackbar Snackbar { get; set; } = default!;

    protected bool Busy { get; private set; }

    /// <summary>The last refusal's message, for forms that show it inline.</summary>
    protected string? Problem { get; set; }

    protected async Task<bool> RunAsync(Func<Actor, Task> action, string? success = null)
    {
        if (Busy) return false;
        Busy = true;
        Problem = null;
        try
        {
            await action(await CurrentActor.GetAsync());
            if (success is not null) Snackbar.Add(success, Severity.Success);
            return true;
        }
        catch (Exception ex) when (UserMessages.TryGet(ex, out var message))
        {
            Problem = message;
            Snackbar.Add(message, Severity.Warning);
            return false;
        }
        finally
        {
            Busy = false;
        }
    }
}
