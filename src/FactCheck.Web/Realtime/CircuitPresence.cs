using FactCheck.Core.Presence;
using FactCheck.Core.Security;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace FactCheck.Web.Realtime;

/// <summary>
/// Presence of one Blazor circuit (one browser tab). Pages join and leave claims through it; when
/// the tab's connection drops, the circuit leaves every claim at once (rather than after the
/// circuit's retention period) and rejoins them if the connection comes back.
/// </summary>
public sealed class CircuitPresence(IClaimPresence presence) : CircuitHandler
{
    private readonly string _sessionId = "circuit:" + Guid.NewGuid().ToString("N");
    private readonly Dictionary<int, (string UserId, string Name, bool Editing)> _claims = [];
    private readonly Lock _gate = new();

    public async Task JoinAsync(int claimId, Actor actor)
    {
        if (actor.UserId is null) return;
        lock (_gate) _claims[claimId] = (actor.UserId, actor.Name, false);
        await presence.JoinAsync(claimId, _sessionId, actor.UserId, actor.Name);
    }

    public async Task LeaveAsync(int claimId)
    {
        lock (_gate) _claims.Remove(claimId);
        await presence.LeaveAsync(claimId, _sessionId);
    }

    public async Task SetEditingAsync(int claimId, bool editing)
    {
        lock (_gate)
        {
            if (!_claims.TryGetValue(claimId, out var entry) || entry.Editing == editing) return;
            _claims[claimId] = entry with { Editing = editing };
        }
        await presence.SetEditingAsync(claimId, _sessionId, editing);
    }

    /// <summary>Raised when the tab's connection is back: pages reload what they show, since events sent meanwhile were missed.</summary>
    public event Func<Task>? ConnectionRestored;

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken) => presence.LeaveAllAsync(_sessionId);

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        List<(int ClaimId, string UserId, string Name, bool Editing)> joined;
        lock (_gate) joined = _claims.Select(c => (c.Key, c.Value.UserId, c.Value.Name, c.Value.Editing)).ToList();
        foreach (var (claimId, userId, name, editing) in joined)
        {
            await presence.JoinAsync(claimId, _sessionId, userId, name);
            if (editing) await presence.SetEditingAsync(claimId, _sessionId, true);
        }
        if (ConnectionRestored is { } restored) await restored();
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken) => presence.LeaveAllAsync(_sessionId);
}
