using FactCheck.Core.Domain;
using FactCheck.Core.Workflow;

namespace FactCheck.Core.Tests.Workflow;

public sealed class ClaimWorkflowTests
{
    public static TheoryData<ClaimStatus, bool, bool, bool, bool, bool> Matrix => new()
    {
        // status,                    assign, review, dismiss, publish, reopen
        { ClaimStatus.New,              true,  false, true,    false,   false },
        { ClaimStatus.Assigned,         true,  true,  true,    false,   false },
        { ClaimStatus.InReview,         true,  true,  false,   true,    false },
        { ClaimStatus.AwaitingDecision, true,  true,  false,   true,    false },
        { ClaimStatus.Published,        false, false, false,   false,   true  },
        { ClaimStatus.Dismissed,        false, false, false,   false,   false },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Every_transition_is_allowed_or_refused_with_a_message(ClaimStatus status, bool assign, bool review, bool dismiss, bool publish, bool reopen)
    {
        AssertStep(assign, () => ClaimWorkflow.EnsureCanAssign(new Claim { Status = status }));
        AssertStep(review, () => ClaimWorkflow.EnsureCanReview(new Claim { Status = status }));
        AssertStep(dismiss, () => ClaimWorkflow.Dismiss(new Claim { Status = status }, "opinion"));
        AssertStep(publish, () => ClaimWorkflow.MarkPublished(new Claim { Status = status }));
        AssertStep(reopen, () => ClaimWorkflow.Reopen(new Claim { Status = status }));
    }

    [Fact]
    public void Dismiss_records_the_reason_and_status()
    {
        var claim = new Claim { Status = ClaimStatus.Assigned };
        ClaimWorkflow.Dismiss(claim, "Opinion, not a factual claim");
        Assert.Equal(ClaimStatus.Dismissed, claim.Status);
        Assert.Equal("Opinion, not a factual claim", claim.DismissalReason);
    }

    [Fact]
    public void Publish_then_reopen_goes_back_to_review()
    {
        var claim = new Claim { Status = ClaimStatus.AwaitingDecision };
        ClaimWorkflow.MarkPublished(claim);
        Assert.Equal(ClaimStatus.Published, claim.Status);
        ClaimWorkflow.Reopen(claim);
        Assert.Equal(ClaimStatus.InReview, claim.Status);
    }

    [Fact]
    public void Assignments_move_a_claim_between_new_and_assigned()
    {
        var claim = new Claim { Status = ClaimStatus.New };
        var assignment = new Assignment { ReviewerId = "alice" };
        claim.Assignments.Add(assignment);
        ClaimWorkflow.AfterAssignmentsChanged(claim);
        Assert.Equal(ClaimStatus.Assigned, claim.Status);

        assignment.RemovedAt = DateTimeOffset.UtcNow;
        ClaimWorkflow.AfterAssignmentsChanged(claim);
        Assert.Equal(ClaimStatus.New, claim.Status);
    }

    [Fact]
    public void Review_work_puts_a_claim_in_review_until_every_assignee_has_a_verdict()
    {
        var claim = new Claim { Status = ClaimStatus.Assigned };
        claim.Assignments.Add(new Assignment { ReviewerId = "alice" });
        claim.Assignments.Add(new Assignment { ReviewerId = "bob" });

        claim.Sources.Add(new Source { Url = "https://example.org" });
        ClaimWorkflow.AfterReviewWork(claim);
        Assert.Equal(ClaimStatus.InReview, claim.Status);

        claim.Verdicts.Add(new Verdict { ReviewerId = "alice" });
        ClaimWorkflow.AfterReviewWork(claim);
        Assert.Equal(ClaimStatus.InReview, claim.Status);

        claim.Verdicts.Add(new Verdict { ReviewerId = "bob" });
        ClaimWorkflow.AfterReviewWork(claim);
        Assert.Equal(ClaimStatus.AwaitingDecision, claim.Status);

        // A third reviewer re-opens the decision until they submit too.
        claim.Assignments.Add(new Assignment { ReviewerId = "carol" });
        ClaimWorkflow.AfterAssignmentsChanged(claim);
        Assert.Equal(ClaimStatus.InReview, claim.Status);
    }

    [Fact]
    public void Review_work_does_not_change_published_or_dismissed_claims()
    {
        foreach (var status in new[] { ClaimStatus.Published, ClaimStatus.Dismissed, ClaimStatus.New })
        {
            var claim = new Claim { Status = status };
            claim.Verdicts.Add(new Verdict { ReviewerId = "alice" });
            ClaimWorkflow.AfterReviewWork(claim);
            Assert.Equal(status, claim.Status);
        }
    }

    private static void AssertStep(bool allowed, Action step)
    {
        if (allowed)
        {
            step();
        }
        else
        {
            var refused = Assert.Throws<WorkflowException>(step);
            Assert.False(string.IsNullOrWhiteSpace(refused.Message));
        }
    }
}
