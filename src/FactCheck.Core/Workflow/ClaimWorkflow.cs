using FactCheck.Core.Domain;

namespace FactCheck.Core.Workflow;

/// <summary>A workflow step that the claim's state does not allow. The message is safe to show.</summary>
public sealed class WorkflowException(string message) : Exception(message);

/// <summary>
/// The claim life cycle of DESIGN.md: New → Assigned → In review → Awaiting decision → Published,
/// Dismissed from New or Assigned, and Published → In review when reopened for a correction.
/// Every transition is decided here, never in the UI.
/// </summary>
public static class ClaimWorkflow
{
    private static readonly ClaimStatus[] Assignable = [ClaimStatus.New, ClaimStatus.Assigned, ClaimStatus.InReview, ClaimStatus.AwaitingDecision];
    private static readonly ClaimStatus[] Reviewable = [ClaimStatus.Assigned, ClaimStatus.InReview, ClaimStatus.AwaitingDecision];

    public static bool CanAssign(Claim claim) => Assignable.Contains(claim.Status);
    public static bool CanReview(Claim claim) => Reviewable.Contains(claim.Status);
    public static bool CanDismiss(Claim claim) => claim.Status is ClaimStatus.New or ClaimStatus.Assigned;
    /// <summary>What a claim's status reads on screen: a New claim a lead accepted reads "Accepted", not "New".</summary>
    public static string StatusLabel(ClaimStatus status, bool accepted) =>
        status == ClaimStatus.New && accepted ? "Accepted" : status.Label();

    public static bool CanPublish(Claim claim) => claim.Status is ClaimStatus.InReview or ClaimStatus.AwaitingDecision;
    public static bool CanReopen(Claim claim) => claim.Status == ClaimStatus.Published;
    public static bool CanEdit(Claim claim) => claim.Status is not (ClaimStatus.Published or ClaimStatus.Dismissed);

    public static void EnsureCanAssign(Claim claim)
    {
        if (!CanAssign(claim))
            throw new WorkflowException($"A claim that is {claim.Status.Label()} cannot be assigned{ReopenHint(claim)}.");
    }

    public static void EnsureCanReview(Claim claim)
    {
        if (!CanReview(claim))
            throw new WorkflowException(claim.Status == ClaimStatus.New
                ? "This claim is not assigned yet: assign a reviewer before adding sources or verdicts."
                : $"A claim that is {claim.Status.Label()} takes no more sources or verdicts{ReopenHint(claim)}.");
    }

    public static void EnsureCanDismiss(Claim claim)
    {
        if (!CanDismiss(claim))
            throw new WorkflowException($"Only New or Assigned claims can be dismissed; this one is {claim.Status.Label()}.");
    }

    public static void EnsureCanPublish(Claim claim)
    {
        if (!CanPublish(claim))
            throw new WorkflowException(claim.Status switch
            {
                ClaimStatus.New or ClaimStatus.Assigned => "A claim can be published once it is in review: a reviewer must add a source or verdict first.",
                ClaimStatus.Published => "This claim is already published: reopen it to publish a correction.",
                _ => $"A claim that is {claim.Status.Label()} cannot be published.",
            });
    }

    public static void EnsureCanReopen(Claim claim)
    {
        if (!CanReopen(claim))
            throw new WorkflowException($"Only a published claim can be reopened for a correction; this one is {claim.Status.Label()}.");
    }

    /// <summary>After assignments change: New ⇄ Assigned, and a new reviewer re-opens the decision.</summary>
    public static void AfterAssignmentsChanged(Claim claim)
    {
        var active = claim.ActiveAssignments.ToList();
        if (claim.Status == ClaimStatus.New && active.Count > 0) claim.Status = ClaimStatus.Assigned;
        else if (claim.Status == ClaimStatus.Assigned && active.Count == 0) claim.Status = ClaimStatus.New;
        else if (claim.Status is ClaimStatus.InReview or ClaimStatus.AwaitingDecision) AfterReviewWork(claim);
    }

    /// <summary>
    /// A source or verdict puts an assigned claim in review; once every assigned reviewer has a
    /// verdict it awaits the lead's decision.
    /// </summary>
    public static void AfterReviewWork(Claim claim)
    {
        if (claim.Status is not (ClaimStatus.Assigned or ClaimStatus.InReview or ClaimStatus.AwaitingDecision)) return;
        var assignees = claim.ActiveAssignments.Select(a => a.ReviewerId).ToHashSet();
        var allSubmitted = assignees.Count > 0 && assignees.All(id => claim.Verdicts.Any(v => v.ReviewerId == id));
        claim.Status = allSubmitted ? ClaimStatus.AwaitingDecision : ClaimStatus.InReview;
    }

    public static void Dismiss(Claim claim, string reason)
    {
        EnsureCanDismiss(claim);
        claim.Status = ClaimStatus.Dismissed;
        claim.DismissalReason = reason;
    }

    public static void MarkPublished(Claim claim)
    {
        EnsureCanPublish(claim);
        claim.Status = ClaimStatus.Published;
    }

    public static void Reopen(Claim claim)
    {
        EnsureCanReopen(claim);
        claim.Status = ClaimStatus.InReview;
    }

    private static string ReopenHint(Claim claim) =>
        claim.Status == ClaimStatus.Published ? " (reopen it for a correction first)" : "";
}
