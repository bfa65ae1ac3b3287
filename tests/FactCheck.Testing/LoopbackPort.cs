using System.Net;
using System.Net.Sockets;

namespace FactCheck.Testing;

/// <summary>The servers the tests start (PostgreSQL, Redis, nginx, SMTP, the app) listen on a port the OS has just handed out on loopback.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
