using FactCheck.Core.Presence;
using Microsoft.Extensions.Logging.Abstractions;

namespace FactCheck.Core.Tests.Presence;

public sealed class ClaimPresenceTests
{
    private readonly ClaimPresence _presence = new(NullLogger<ClaimPresence>.Instance);
    private readonly List<ClaimPresenceChange> _changes = [];

    public ClaimPresenceTests() => _presence.Subscribe(change =>
    {
        _changes.Add(change);
        return Task.CompletedTask;
    });

    [Fact]
    public async Task A_person_with_two_sessions_is_one_viewer_until_both_leave()
    {
        await _presence.JoinAsync(7, "tab-1", "alice", "Alice");
        await _presence.JoinAsync(7, "tab-2", "alice", "Alice");
        await _presence.JoinAsync(7, "bob-tab", "bob", "Bob");
        Assert.Equal(["Alice", "Bob"], _presence.Viewers(7).Select(v => v.DisplayName));

        await _presence.LeaveAsync(7, "tab-1");
        Assert.Equal(["Alice", "Bob"], _presence.Viewers(7).Select(v => v.DisplayName));
        await _presence.LeaveAllAsync("tab-2");
        Assert.Equal(["Bob"], _presence.Viewers(7).Select(v => v.DisplayName));
        Assert.Equal("Alice", _changes[^1].Actor);
        Assert.Empty(_presence.Viewers(8));
    }

    [Fact]
    public async Task Editing_is_reported_once_per_change_and_only_for_joined_sessions()
    {
        await _presence.JoinAsync(3, "s1", "alice", "Alice");
        await _presence.SetEditingAsync(3, "s1", true);
        await _presence.SetEditingAsync(3, "s1", true);
        await _presence.SetEditingAsync(3, "not-joined", true);

        Assert.Equal(2, _changes.Count);
        Assert.True(Assert.Single(_changes[^1].Viewers).Editing);
    }

    [Fact]
    public async Task Leaving_everything_reports_each_claim_the_session_viewed()
    {
        await _presence.JoinAsync(1, "s1", "alice", "Alice");
        await _presence.JoinAsync(2, "s1", "alice", "Alice");
        _changes.Clear();

        await _presence.LeaveAllAsync("s1");

        Assert.Equal([1, 2], _changes.Select(c => c.ClaimId).Order());
        Assert.All(_changes, c => Assert.Empty(c.Viewers));
    }
}
