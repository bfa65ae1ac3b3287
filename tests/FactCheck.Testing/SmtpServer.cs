using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FactCheck.Testing;

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
        var port = LoopbackPort.Free();
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

    /// <summary>The messages received so far, parsed (headers decoded, bodies decoded from quoted-printable or base64).</summary>
    public IReadOnlyList<MimeKit.MimeMessage> Messages
    {
        get
        {
            var messages = new List<MimeKit.MimeMessage>();
            var lines = Received.Split('\n');
            List<string>? current = null;
            foreach (var raw in lines)
            {
                var line = raw.TrimEnd('\r');
                if (line == "---------- MESSAGE FOLLOWS ----------") { current = []; continue; }
                if (line == "------------ END MESSAGE ------------" && current is not null)
                {
                    // Debugging prints the envelope's options and a blank line before the message when there are any.
                    var start = current.FindIndex(l => l.Length > 0 && !l.StartsWith("mail options:") && !l.StartsWith("rcpt options:"));
                    var text = string.Join("\r\n", current.Skip(Math.Max(start, 0)));
                    using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
                    messages.Add(MimeKit.MimeMessage.Load(stream));
                    current = null;
                    continue;
                }
                current?.Add(line);
            }
            return messages;
        }
    }

    /// <summary>Waits until <paramref name="count"/> messages to <paramref name="to"/> arrived; returns them, oldest first.</summary>
    public async Task<IReadOnlyList<MimeKit.MimeMessage>> WaitForMessagesAsync(string to, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var mine = Messages.Where(m => m.To.Mailboxes.Any(a => a.Address.Equals(to, StringComparison.OrdinalIgnoreCase))).ToList();
            if (mine.Count >= count) return mine;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{mine.Count} of {count} mails to {to} arrived; the server received:\n{Received}");
            await Task.Delay(100);
        }
    }


    /// <summary>The app's settings that send its mail to this server (plain SMTP on loopback), plus <paramref name="more"/>.</summary>
    public Dictionary<string, string?> AppSettings(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:Smtp:Security"] = "None",
        };
        foreach (var (key, value) in more) settings[key] = value;
        return settings;
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
