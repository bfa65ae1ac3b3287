using System.Security.Claims;
using FactCheck.Core.Security;

namespace FactCheck.Core.Tests.Security;

public sealed class ActorTests
{
    [Fact]
    public void An_unauthenticated_principal_is_anonymous()
    {
        var actor = Actor.From(new ClaimsPrincipal(new ClaimsIdentity()));
        Assert.False(actor.IsAuthenticated);
        Assert.False(actor.IsWorkspaceMember);
    }

    [Theory]
    [InlineData(Roles.Admin, true, true, true)]
    [InlineData(Roles.Lead, false, true, true)]
    [InlineData(Roles.Reviewer, false, false, true)]
    [InlineData(Roles.Reader, false, false, false)]
    public void Roles_come_from_the_principal(string role, bool admin, bool lead, bool member)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "u1"), new Claim(ClaimTypes.Name, "u@x"), new Claim(ClaimTypes.Role, role)], "test");
        var actor = Actor.From(new ClaimsPrincipal(identity));
        Assert.Equal("u1", actor.UserId);
        Assert.Equal(admin, actor.IsAdmin);
        Assert.Equal(lead, actor.IsLead);
        Assert.Equal(member, actor.IsWorkspaceMember);
    }
}
