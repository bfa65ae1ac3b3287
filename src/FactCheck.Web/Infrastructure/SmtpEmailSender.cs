using FactCheck.Core.Domain;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MimeKit;

namespace FactCheck.Web.Infrastructure;

/// <summary>Mail:Smtp:* settings. Without a Host no mail is sent (and the pages say so).</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string From { get; set; } = "FactCheck <no-reply@factcheck.local>";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>Auto (STARTTLS when the server offers it), None, StartTls or SslOnConnect.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Host))]
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>
/// Sends plain-text mail through SMTP with MailKit: Identity's password reset and e-mail
/// confirmation. One connection per message; a failure is logged and thrown to the page.
/// </summary>
public sealed class SmtpEmailSender(IOptions<SmtpOptions> options, ILogger<SmtpEmailSender> logger) : IEmailSender<ApplicationUser>
{
    public bool IsConfigured => options.Value.IsConfigured;

    public async Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default)
    {
        var smtp = options.Value;
        if (!smtp.IsConfigured)
        {
            logger.LogWarning("Mail to {To} ({Subject}) not sent: Mail:Smtp:Host is not set", to, subject);
            return;
        }
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        logger.LogInformation("Mail {Subject} sent to {To}", subject, to);
    }

    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
        SendAsync(email, "Confirm your FactCheck account",
            $"Hello {Name(user)},\n\nconfirm your e-mail address to finish creating your FactCheck reader account:\n\n{confirmationLink}\n\nIf you did not register, ignore this message.\n");

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) =>
        SendAsync(email, "Reset your FactCheck password",
            $"Hello {Name(user)},\n\nsomeone (we hope you) asked to reset the password of this FactCheck account. Choose a new password here:\n\n{resetLink}\n\nThe link works once. If you did not ask, ignore this message: your password stays as it is.\n");

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) =>
        SendAsync(email, "Your FactCheck password reset code", $"Hello {Name(user)},\n\nyour password reset code is: {resetCode}\n");

    private static string Name(ApplicationUser user) => string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? "" : user.DisplayName;
}
