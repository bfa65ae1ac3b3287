using FactCheck.Core.Domain;

namespace FactCheck.Core.Security;

/// <summary>
/// Every permission rule of DESIGN.md in one place: services call these before they read or change
/// anything, and the UI calls the same rules to decide what to show.
/// </summary>
public static class Permissions
{
    public static bool CanReadWorkspace(Actor actor) => actor.IsWorkspaceMember;
    public static bool CanImport(Actor actor) => actor.IsLead;
    public static bool CanManageClaims(Actor actor) => actor.IsLead;
    public static bool CanPublish(Actor actor) => actor.IsLead;
    public static bool CanManageUsers(Actor actor) => actor.IsAdmin;
    public static bool CanManageSettings(Actor actor) => actor.IsAdmin;
    public static bool CanExport(Actor actor) => actor.IsLead;

    /// <summary>Any signed-in user may suggest a claim or ask for a correction; anonymous visitors may not.</summary>
    public static bool CanSendReaderRequests(Actor actor) => actor.IsAuthenticated;

    /// <summary>Readers' suggestions and correction requests are answered by leads.</summary>
    public static bool CanAnswerReaderRequests(Actor actor) => actor.IsLead;

    /// <summary>
    /// "Claim it": a reviewer takes an unstarted claim themself, only where the admin allows
    /// self-assignment (a stored setting, passed in by the caller that read it).
    /// </summary>
    public static bool CanSelfAssign(Actor actor, Claim claim, bool selfAssignmentAllowed) =>
        selfAssignmentAllowed && actor.IsReviewer && claim.Status is ClaimStatus.New or ClaimStatus.Assigned && !IsAssigned(actor, claim);

    public static bool IsAssigned(Actor actor, Claim claim) =>
        actor.UserId is not null && claim.ActiveAssignments.Any(a => a.ReviewerId == actor.UserId);

    /// <summary>Sources and comments: leads on any claim, reviewers on claims assigned to them.</summary>
    public static bool CanContribute(Actor actor, Claim claim) =>
        actor.IsLead || (actor.IsReviewer && IsAssigned(actor, claim));

    /// <summary>A verdict is one reviewer's judgement, so only an assignee records one.</summary>
    public static bool CanRecordVerdict(Actor actor, Claim claim) =>
        (actor.IsReviewer || actor.IsLead) && IsAssigned(actor, claim);

    public static void Demand(bool allowed, string message)
    {
        if (!allowed) throw new AccessDeniedException(message);
    }

    public static void DemandWorkspace(Actor actor) =>
        Demand(CanReadWorkspace(actor), actor.IsAuthenticated
            ? "Only workspace members (reviewers, leads and admins) may see the workspace."
            : "Sign in to see the workspace.");
}
