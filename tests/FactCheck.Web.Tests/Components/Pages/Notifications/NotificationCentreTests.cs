using Bunit;
using FactCheck.Core.Notifications;
using FactCheck.Web.Components.Layout;
using FactCheck.Web.Components.Pages.Notifications;

namespace FactCheck.Web.Tests.Components.Pages.Notifications;

/// <summary>The bell and the list in a live circuit over the real services: counts move with changes made elsewhere.</summary>
public sealed class NotificationCentreTests : MudBlazorTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_bell_counts_a_new_assignment_at_once_and_drops_when_it_is_read_elsewhere()
    {
        SignInAs(Db.Alice);
        RenderAsLiveCircuit();
        var bell = Render<NotificationBell>();
        Assert.Equal("Notifications, none unread", bell.Find("#notification-bell").GetAttribute("aria-label"));

        var first = await Db.ImportClaimAsync();
        var second = await Db.ImportClaimAsync();
        await Db.Review.AssignAsync(Db.Lead, first, Db.Alice.UserId!);
        await Db.Review.AssignAsync(Db.Lead, second, Db.Alice.UserId!);
        bell.WaitForAssertion(() => Assert.Equal("Notifications, 2 unread", bell.Find("#notification-bell").GetAttribute("aria-label")), Patience);
        Assert.Contains("2", bell.Find("#notification-badge").TextContent);

        // Another person's notification does not ring this bell.
        await Db.Review.AssignAsync(Db.Lead, first, Db.Bob.UserId!);
        await Db.Notifications.MarkAllReadAsync(Db.Alice);
        bell.WaitForAssertion(() => Assert.Equal("Notifications, none unread", bell.Find("#notification-bell").GetAttribute("aria-label")), Patience);
        Assert.Equal("/notifications", bell.Find("#notification-bell").GetAttribute("href"));
    }

    [Fact]
    public async Task The_list_shows_new_notifications_live_and_marks_one_or_all_read()
    {
        var claimId = await Db.ImportClaimAsync();
        await Db.Review.AssignAsync(Db.Lead, claimId, Db.Alice.UserId!);
        SignInAs(Db.Alice);
        RenderAsLiveCircuit();
        var list = Render<NotificationList>();
        list.WaitForAssertion(() => Assert.Single(list.FindAll("[data-notification]")), Patience);
        Assert.Equal("1 unread notification.", list.Find("#notification-summary").TextContent);
        Assert.Equal($"/claims/{claimId}", list.Find(".fc-notification-link").GetAttribute("href"));

        await Db.Review.AssignAsync(Db.Lead, claimId, Db.Bob.UserId!);
        await Db.Review.SaveVerdictAsync(Db.Bob, claimId, FactCheck.Core.Domain.Rating.False, "The record says otherwise.");
        list.WaitForAssertion(() => Assert.Equal(2, list.FindAll("[data-notification]").Count), Patience);
        var newest = list.FindAll("[data-notification]")[0];
        Assert.Contains("bob recorded a verdict (False)", newest.TextContent);

        list.Find($"[data-mark-read='{newest.GetAttribute("data-notification")}']").Click();
        list.WaitForAssertion(() => Assert.Equal("1 unread notification.", list.Find("#notification-summary").TextContent), Patience);
        Assert.Equal("true", list.FindAll("[data-notification]")[0].GetAttribute("data-read"));

        list.Find("#mark-all-read").Click();
        list.WaitForAssertion(() => Assert.Equal("You are up to date.", list.Find("#notification-summary").TextContent), Patience);
        Assert.Equal(0, await Db.Notifications.CountUnreadAsync(Db.Alice));
        // Bob's own notification (his assignment) is his to read.
        Assert.Equal(1, await Db.Notifications.CountUnreadAsync(Db.Bob));
    }
}
