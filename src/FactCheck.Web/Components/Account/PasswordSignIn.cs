using System.Security.Cryptography;
using System.Text;
using FactCheck.Core.Domain;
using FactCheck.Core.Security;
using FactCheck.Core.Users;
using FactCheck.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace FactCheck.Web.Components.Account;

public enum SignInOutcome { Succeeded, Failed, LockedTemporarily, LockedByAdmin, EmailNotConfirmed }

/// <summary>Identity:* settings of the app's own.</summary>
public sealed class AccountOptions
{
    /// <summary>Self-registered readers confirm their e-mail address (a mailed link) before they can sign in. Off by default.</summary>
    public bool RequireConfirmedEmail { get; set; }
}

/// <summary>
/// Password sign-in with the guessing limits in docs/operations.md:
/// <list type="bullet">
/// <item>Checks of one account are serialized (a striped lock by e-mail), so the failure counter
/// cannot race: a burst of 50 wrong passwords gets at most MaxFailedAccessAttempts checks before the lock.</item>
/// <item>An unknown e-mail costs one password hash too, so the answer time does not tell which e-mails exist.</item>
/// <item>The temporary lock (5 failures, 15 minutes) applies to browsers the owner never signed in
/// from. A browser that did holds a device cookie (Data Protection, bound to the user); there the
/// password is still checked during a temporary lock, with its own limit of
/// <see cref="MaxDeviceFailures"/> failures. So strangers cannot lock the owner out with five POSTs,
/// and the owner's browser gives a guesser nothing (it never leaves the owner's machine).</item>
/// <item>An admin's lock (lockout end at the maximum date) holds everywhere and says so.</item>
/// <item>With Identity:RequireConfirmedEmail, a self-registered reader who has not confirmed their
/// address is told so, but only after the right password (so the answer reveals nothing to a guesser).</item>
/// </list>
/// </summary>
public sealed class PasswordSignIn(
    SignInManager<ApplicationUser> signInManager,
    UserManager<ApplicationUser> users,
    IPasswordHasher<ApplicationUser> hasher,
    IDataProtectionProvider protection,
    ISignInAttemptLocks locks,
    Microsoft.Extensions.Options.IOptions<AccountOptions> accountOptions,
    UserSettingsService settings)
{
    public const string DeviceCookie = "FactCheck.Device";
    public const int MaxDeviceFailures = 5;

    private IDataProtector Protector => protection.CreateProtector("FactCheck.SignIn.Device");

    public async Task<SignInOutcome> SignInAsync(HttpContext http, string email, string password, bool rememberMe)
    {
        await using var held = await locks.AcquireAsync(email);
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            // The same work as a wrong password: one hash verification.
            hasher.VerifyHashedPassword(SignInAttemptLocks.DummyUser, SignInAttemptLocks.DummyHash, password);
            return SignInOutcome.Failed;
        }
        if (user.LockoutEnd is { } end && end.UtcDateTime.Year >= 9999)
            return SignInOutcome.LockedByAdmin;

        if (await MustConfirmEmailAsync(user))
        {
            var check = await signInManager.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
            return check.Succeeded ? SignInOutcome.EmailNotConfirmed : check.IsLockedOut ? SignInOutcome.LockedTemporarily : SignInOutcome.Failed;
        }

        var device = TrustedDevice(http, user.Id);
        if (device is not null && await users.IsLockedOutAsync(user))
        {
            // The owner's own browser during a lock someone else caused: check the password under the device's own limit.
            if (await locks.DeviceFailuresAsync(device) >= MaxDeviceFailures)
                return SignInOutcome.LockedTemporarily;
            if (!await users.CheckPasswordAsync(user, password))
            {
                await locks.CountDeviceFailureAsync(device);
                return SignInOutcome.Failed;
            }
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            await signInManager.SignInAsync(user, rememberMe);
            await locks.ResetDeviceAsync(device);
            await RememberTimeZoneAsync(http, user);
            return SignInOutcome.Succeeded;
        }

        var result = await signInManager.PasswordSignInAsync(user, password, rememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            IssueDevice(http, user.Id);
            await RememberTimeZoneAsync(http, user);
            return SignInOutcome.Succeeded;
        }
        return result.IsLockedOut ? SignInOutcome.LockedTemporarily : SignInOutcome.Failed;
    }

    /// <summary>
    /// The first sign-in stores the browser's time zone (js/factcheck.js keeps it in the fc-tz cookie)
    /// on the account, so dates read the same on every device; a zone already stored is kept.
    /// </summary>
    private async Task RememberTimeZoneAsync(HttpContext http, ApplicationUser user)
    {
        if (user.TimeZone is not null || UserSettingsService.NormalizeTimeZone(Uri.UnescapeDataString(http.Request.Cookies[UserTimeZone.CookieName] ?? "")) is not { } zone) return;
        await settings.SetTimeZoneAsync(new Actor(user.Id, user.Name, new HashSet<string>()), zone, onlyIfUnset: true, http.RequestAborted);
    }

    /// <summary>Only self-registered readers confirm: accounts an admin made (or promoted) are vouched for.</summary>
    public async Task<bool> MustConfirmEmailAsync(ApplicationUser user)
    {
        if (!accountOptions.Value.RequireConfirmedEmail || user.EmailConfirmed) return false;
        var roles = await users.GetRolesAsync(user);
        return !roles.Any(r => r is FactCheck.Core.Security.Roles.Admin or FactCheck.Core.Security.Roles.Lead or FactCheck.Core.Security.Roles.Reviewer);
    }

    private string? TrustedDevice(HttpContext http, string userId)
    {
        if (!http.Request.Cookies.TryGetValue(DeviceCookie, out var value)) return null;
        try
        {
            var payload = Protector.Unprotect(value).Split('|');
            return payload.Length == 2 && payload[0] == userId ? payload[1] : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private void IssueDevice(HttpContext http, string userId)
    {
        if (TrustedDevice(http, userId) is not null) return;
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        http.Response.Cookies.Append(DeviceCookie, Protector.Protect($"{userId}|{id}"), new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            IsEssential = true,
            Expires = DateTimeOffset.UtcNow.AddDays(180),
            Path = "/Account",
        });
    }
}

/// <summary>
/// The state <see cref="PasswordSignIn"/> keeps between attempts: one check at a time per account, and
/// the trusted devices' failure counts. Per instance (<see cref="SignInAttemptLocks"/>) or shared by
/// every instance through Redis (<see cref="ScaleOut.RedisSignInAttemptLocks"/>), so a burst spread
/// over several instances behind a balancer gets no more checks than one sent to a single instance.
/// </summary>
public interface ISignInAttemptLocks
{
    /// <summary>Waits until no other sign-in of this e-mail is being checked; dispose to let the next one in.</summary>
    Task<IAsyncDisposable> AcquireAsync(string email);

    Task<int> DeviceFailuresAsync(string device);

    Task CountDeviceFailureAsync(string device);

    Task ResetDeviceAsync(string device);
}

/// <summary>Per-instance state of <see cref="PasswordSignIn"/>: the striped account locks and the trusted devices' failure counts.</summary>
public sealed class SignInAttemptLocks : ISignInAttemptLocks
{
    private readonly SemaphoreSlim[] stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> deviceFailures = new();

    internal static readonly ApplicationUser DummyUser = new() { UserName = "nobody@factcheck.invalid" };
    internal static readonly string DummyHash = new PasswordHasher<ApplicationUser>().HashPassword(DummyUser, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));

    /// <summary>The account's key in shared stores: a hash of the normalized e-mail, so no address is written to Redis.</summary>
    public static string AccountKey(string email) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToUpperInvariant())));

    public async Task<IAsyncDisposable> AcquireAsync(string email)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToUpperInvariant()));
        var stripe = stripes[hash[0] % stripes.Length];
        await stripe.WaitAsync();
        return new Release(stripe);
    }

    public Task<int> DeviceFailuresAsync(string device) => Task.FromResult(deviceFailures.GetValueOrDefault(device));

    public Task CountDeviceFailureAsync(string device)
    {
        deviceFailures.AddOrUpdate(device, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task ResetDeviceAsync(string device)
    {
        deviceFailures.TryRemove(device, out _);
        return Task.CompletedTask;
    }

    private sealed class Release(SemaphoreSlim stripe) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            stripe.Release();
            return ValueTask.CompletedTask;
        }
    }
}
