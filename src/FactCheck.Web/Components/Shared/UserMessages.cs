using FactCheck.Core.Common;
using FactCheck.Core.Security;
using FactCheck.Core.Workflow;

namespace FactCheck.Web.Components.Shared;

/// <summary>Turns a refused operation into the message the user sees; anything else is a real error.</summary>
public static class UserMessages
{
    public static bool TryGet(Exception exception, out string message)
    {
        message = exception switch
        {
            ValidationException or WorkflowException or AccessDeniedException or NotFoundException => exception.Message,
            ConflictException conflict => conflict.TheirChange is null ? conflict.Message : $"{conflict.Message} Their version: {conflict.TheirChange}",
            _ => "",
        };
        return message.Length > 0;
    }
}
