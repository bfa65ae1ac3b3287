using System.Text;
using FactCheck.Core.Domain;
using FactCheck.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace FactCheck.Web.Components.Account;

/// <summary>Mails a reader the link that confirms their address (Identity's token), through the app's one SMTP sender.</summary>
public sealed class EmailConfirmation(UserManager<ApplicationUser> users, SmtpEmailSender mail, NavigationManager navigation, ILogger<EmailConfirmation> logger)
{
    public bool CanSend => mail.IsConfigured;

    /// <summary>Sends the link; a mail failure is logged, not thrown, since the reader can ask for it again.</summary>
    public async Task<bool> SendAsync(ApplicationUser user)
    {
        try
        {
            var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
            var link = navigation.GetUriWithQueryParameters(navigation.ToAbsoluteUri("Account/ConfirmEmail").AbsoluteUri,
                new Dictionary<string, object?> { ["userId"] = user.Id, ["code"] = code });
            await mail.SendConfirmationLinkAsync(user, user.Email!, link);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Confirmation link for {UserId} not sent", user.Id);
            return false;
        }
    }
}
