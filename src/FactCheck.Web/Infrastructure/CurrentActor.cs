using FactCheck.Core.Security;
using Microsoft.AspNetCore.Components.Authorization;

namespace FactCheck.Web.Infrastructure;

/// <summary>The signed-in user of this circuit as an <see cref="Actor"/>, read fresh on every call.</summary>
public sealed class CurrentActor(AuthenticationStateProvider authentication)
{
    public async Task<Actor> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return Actor.From(state.User);
    }
}
