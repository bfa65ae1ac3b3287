using FactCheck.Testing;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FactCheck.E2E;

/// <summary>
/// Debian's nginx as a foreground child process on a free loopback port, with its own prefix, pid,
/// log and temp folders (nothing under /etc or /var is touched), serving the repository's
/// deploy/nginx/factcheck.conf.template rendered for the given instances.
/// </summary>
public sealed class NginxServer : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/nginx";

    /// <summary>Added to the rendered recipe in tests only: which instance answered (the recipe itself does not reveal it).</summary>
    public const string UpstreamHeader = "X-Test-Upstream";

    private readonly Process _process;
    private readonly string _prefix;

    private NginxServer(Process process, string prefix, int port)
    {
        _process = process;
        _prefix = prefix;
        Port = port;
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public string ErrorLog => File.Exists(Path.Combine(_prefix, "error.log")) ? File.ReadAllText(Path.Combine(_prefix, "error.log")) : "";

    /// <summary>Renders the recipe as its comment says (envsubst of the FACTCHECK_ variables) and starts nginx with it.</summary>
    public static async Task<NginxServer> StartAsync(string instanceA, string instanceB)
    {
        if (!File.Exists(Executable)) throw new FileNotFoundException("nginx is missing: run ./test.sh, which installs it.", Executable);
        var template = await File.ReadAllTextAsync(Path.Combine(AppProcess.RepositoryRoot(), "deploy", "nginx", "factcheck.conf.template"));
        var port = LoopbackPort.Free();
        var site = template
            .Replace("${FACTCHECK_LISTEN}", $"127.0.0.1:{port}")
            .Replace("${FACTCHECK_INSTANCE_A}", instanceA)
            .Replace("${FACTCHECK_INSTANCE_B}", instanceB)
            .Replace("        add_header Set-Cookie $factcheck_affinity_cookie;",
                $"        add_header Set-Cookie $factcheck_affinity_cookie;\n        add_header {UpstreamHeader} $upstream_addr always;");

        var prefix = Path.Combine(Path.GetTempPath(), "factcheck-e2e-nginx", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(prefix);
        await File.WriteAllTextAsync(Path.Combine(prefix, "factcheck.conf"), site);
        // As root nginx would switch its workers to "nobody", who cannot write this folder; one
        // process (master_process off) runs as whoever started it, and needs no user directive.
        await File.WriteAllTextAsync(Path.Combine(prefix, "nginx.conf"), $$"""
            daemon off;
            master_process off;
            worker_processes 1;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log warn;
            events { worker_connections 512; }
            http {
                access_log off;
                client_body_temp_path {{prefix}}/client_body;
                proxy_temp_path {{prefix}}/proxy;
                fastcgi_temp_path {{prefix}}/fastcgi;
                uwsgi_temp_path {{prefix}}/uwsgi;
                scgi_temp_path {{prefix}}/scgi;
                include {{prefix}}/factcheck.conf;
            }
            """);

        var start = new ProcessStartInfo(Executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-p", prefix, "-c", Path.Combine(prefix, "nginx.conf"), "-e", Path.Combine(prefix, "error.log") })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start nginx.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new NginxServer(process, prefix, port);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"nginx exited with {process.ExitCode}:\n{server.ErrorLog}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        await server.DisposeAsync();
        throw new TimeoutException($"nginx did not listen on port {port} within 15 s.");
    }


    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(_prefix, recursive: true); } catch (IOException) { }
    }
}
