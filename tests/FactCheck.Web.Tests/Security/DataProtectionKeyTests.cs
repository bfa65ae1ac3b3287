using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FactCheck.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Web.Tests.Security;

/// <summary>The key ring in the database is encrypted with the configured certificate.</summary>
public sealed class DataProtectionKeyTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("factcheck-dp-").FullName;

    private string CreateCertificate(string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=FactCheck Data Protection test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(folder, "keys.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    [Fact]
    public async Task With_a_certificate_the_stored_keys_are_encrypted_and_sign_in_still_works()
    {
        var path = CreateCertificate("cert-pass");
        using var factory = new FactCheckWebFactory();
        using var app = factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("DataProtection:CertificatePath", path);
            b.UseSetting("DataProtection:CertificatePassword", "cert-pass");
        });
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.Redirect, (await FactCheckWebFactory.PostLoginAsync(client, "lead@factcheck.local")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/documents")).StatusCode);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<FactCheckDbContext>>().CreateDbContextAsync();
        var keys = await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Without_a_certificate_the_keys_are_plain_which_production_warns_about()
    {
        using var factory = new FactCheckWebFactory();
        await FactCheckWebFactory.PostLoginAsync(factory.CreateBrowserClient(), "lead@factcheck.local");

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<FactCheckDbContext>>().CreateDbContextAsync();
        Assert.Contains(await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync(), xml => xml.Contains("<masterKey", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
