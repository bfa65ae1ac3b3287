namespace FactCheck.Core.Common;

/// <summary>Audit action names written by the API, token and webhook code (older services still use literals).</summary>
public static class AuditActions
{
    public const string ApiTokenCreated = "ApiTokenCreated";
    public const string ApiTokenRevoked = "ApiTokenRevoked";
    /// <summary>One row per write made with a token: which token, method, path and status.</summary>
    public const string ApiTokenUsed = "ApiTokenUsed";
    public const string WebhookCreated = "WebhookCreated";
    public const string WebhookDeleted = "WebhookDeleted";
    public const string WebhookRedelivered = "WebhookRedelivered";

    // Actions of the review workflow that webhooks announce.
    public const string Assigned = "Assigned";
    public const string SelfAssigned = "SelfAssigned";
    public const string VerdictSubmitted = "VerdictSubmitted";
    public const string VerdictRevised = "VerdictRevised";
    public const string Published = "Published";
    public const string Corrected = "Corrected";
    public const string SuggestionSent = "SuggestionSent";
}
