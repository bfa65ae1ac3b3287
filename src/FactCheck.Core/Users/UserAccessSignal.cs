namespace FactCheck.Core.Users;

/// <summary>
/// Raised after a user's roles or lock change (the security stamp is already renewed then), so what
/// holds a long-lived session on this instance (Blazor circuits, hub connections) revalidates at once
/// instead of at its next interval. Other instances still catch up: cookies are checked against
/// the stamp on every request and circuits revalidate every few seconds (see docs/operations.md).
/// </summary>
public sealed class UserAccessSignal
{
    public event Action<string>? Changed;

    public void Notify(string userId)
    {
        foreach (var handler in Changed?.GetInvocationList() ?? [])
        {
            try
            {
                ((Action<string>)handler)(userId);
            }
            catch (Exception)
            {
                // One closed circuit's handler must not keep the others from hearing it.
            }
        }
    }
}
