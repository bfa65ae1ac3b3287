using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace FactCheck.Web.Tests.Realtime;

/// <summary>Collects what one hub connection receives under one method name, and waits for a match.</summary>
public sealed class HubInbox
{
    private readonly List<JsonElement> _received = [];

    public HubInbox(HubConnection connection, string method = "ReviewEvent") =>
        connection.On<JsonElement>(method, message =>
        {
            lock (_received) _received.Add(message.Clone());
        });

    public IReadOnlyList<JsonElement> Received
    {
        get { lock (_received) return [.. _received]; }
    }

    /// <summary>The first message that matches, waiting up to <paramref name="timeout"/> (10 s by default) for it.</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var found = Received.Where(match).Take(1).ToList();
            if (found.Count == 1) return found[0];
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No matching message; received: {string.Join(" | ", Received.Select(m => m.GetRawText()))}");
            await Task.Delay(20);
        }
    }

    public static bool IsType(JsonElement message, string type) => message.GetProperty("type").GetString() == type;

    public static Func<JsonElement, bool> Of(string type, int? claimId = null, int? documentId = null) => message =>
        IsType(message, type)
        && (claimId is null || message.GetProperty("claimId").GetInt32() == claimId)
        && (documentId is null || message.GetProperty("documentId").GetInt32() == documentId);
}
