using System.Collections.Concurrent;
using FactCheck.Core.Users;
using Microsoft.AspNetCore.SignalR;

namespace FactCheck.Web.Realtime;

/// <summary>
/// The open /hubs/review connections of this instance by user, so that when an admin changes a
/// user's roles or locks them (<see cref="UserAccessSignal"/>) their connections are closed at
/// once: a new connection has to authenticate again, with the new roles or not at all.
/// </summary>
public sealed class HubConnectionRegistry : IDisposable
{
    private readonly ConcurrentDictionary<string, (string UserId, HubCallerContext Context)> connections = new();
    private readonly UserAccessSignal accessSignal;

    public HubConnectionRegistry(UserAccessSignal accessSignal)
    {
        this.accessSignal = accessSignal;
        accessSignal.Changed += AbortConnectionsOf;
    }

    public void Add(string userId, HubCallerContext context) => connections[context.ConnectionId] = (userId, context);

    public void Remove(string connectionId) => connections.TryRemove(connectionId, out _);

    public int CountFor(string userId) => connections.Values.Count(c => c.UserId == userId);

    private void AbortConnectionsOf(string userId)
    {
        foreach (var (id, connection) in connections)
        {
            if (connection.UserId != userId) continue;
            connection.Context.Abort();
            connections.TryRemove(id, out _);
        }
    }

    public void Dispose() => accessSignal.Changed -= AbortConnectionsOf;
}
