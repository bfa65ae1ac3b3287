using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FactCheck.E2E;

/// <summary>
/// Debian's aiosmtpd (python3-aiosmtpd; test.sh installs it) as a real SMTP server on a loopback
/// port, with its Debugging handler printing every message it receives; the test reads them from
/// its output. No mock of the app's sender: the app speaks SMTP to it.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _received = new();

    private SmtpServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Received
    {
        get { lock (_received) return _received.ToString(); }
    }

    public static async Task<SmtpServer> StartAsync()
    {
        var port = FreePort();
        // -u: unbuffered, so each message shows as soon as it arrives.
        var start = new ProcessStartInfo("/usr/bin/python3") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-u", "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Debugging" })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start aiosmtpd.");
        var server = new SmtpServer(process, port);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"aiosmtpd exited with {process.ExitCode} (is python3-aiosmtpd installed? ./test.sh installs it):\n{server.Received}");
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
        throw new TimeoutException($"aiosmtpd did not listen on port {port} within 20 s.");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_received) _received.AppendLine(line);
    }

    /// <summary>Waits until a received message contains <paramref name="text"/>; returns everything received.</summary>
    public async Task<string> WaitForAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var received = Received;
            if (received.Contains(text, StringComparison.Ordinal)) return received;
            await Task.Delay(200);
        }
        throw new TimeoutException($"No mail containing \"{text}\" arrived; the server received:\n{Received}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
