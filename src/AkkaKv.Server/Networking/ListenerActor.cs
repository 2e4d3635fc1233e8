using System.Net;
using System.Net.Sockets;
using AkkaKv.Actors;

namespace AkkaKv.Server.Networking;

/// <summary>
/// Accepts TCP connections and gives each a <see cref="ConnectionActor"/> on the I/O dispatcher, refusing clients
/// beyond maxclients with Redis's error. Also closes clients idle longer than the timeout setting.
/// </summary>
public sealed class ListenerActor : ActorBase
{
    private static readonly byte[] MaxClientsReached = System.Text.Encoding.ASCII.GetBytes($"-{Commands.ErrorReplies.MaxClients}\r\n");

    private readonly NodeState _node;
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stopping = new();
    private ICancelable? _cron;

    public ListenerActor(NodeState node, Socket listener)
    {
        _node = node;
        _listener = listener;
    }

    public static Props Props(NodeState node, Socket listener) =>
        AkkaKv.Actors.Props.Create(() => new ListenerActor(node, listener));

    /// <summary>Binds the listening socket (so a port conflict fails the start, not a later actor).</summary>
    public static Socket Bind(string address, int port)
    {
        var ip = address is "*" or "0.0.0.0" ? IPAddress.Any : IPAddress.Parse(address);
        var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Bind(new IPEndPoint(ip, port));
        socket.Listen(511);
        return socket;
    }

    /// <summary>A connection that fails outside a command cannot be restarted meaningfully: it is closed instead.</summary>
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(0, TimeSpan.Zero, _ => Directive.Stop);

    protected override void PreStart()
    {
        var self = Self;
        _ = Task.Run(() => AcceptLoop(self));
        _cron = Context.System.Scheduler.ScheduleTellRepeatedly(
            TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), Self, ListenerProtocol.ClientsCronTick.Instance);
    }

    protected override void PostStop()
    {
        _cron?.Cancel();
        _stopping.Cancel();
        _listener.Dispose();
    }

    protected override void Receive(object message)
    {
        switch (message)
        {
            case ListenerProtocol.Accepted accepted: HandleAccepted(accepted.Socket); break;
            case ListenerProtocol.ClientsCronTick: HandleClientsCron(); break;
            default: Unhandled(message); break;
        }
    }

    private async Task AcceptLoop(IActorRef self)
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                var socket = await _listener.AcceptAsync(_stopping.Token);
                self.Tell(new ListenerProtocol.Accepted(socket));
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // A connection reset before accept completed: keep accepting.
            }
        }
    }

    private void HandleAccepted(Socket socket)
    {
        Interlocked.Increment(ref _node.Stats.ConnectionsReceived);
        var clientId = _node.Clients.TryReserve(_node.Settings.MaxClients);
        if (clientId == 0)
        {
            Interlocked.Increment(ref _node.Stats.RejectedConnections);
            try
            {
                socket.Send(MaxClientsReached);
            }
            catch (SocketException)
            {
                // The client is gone already.
            }
            socket.Dispose();
            return;
        }
        Context.ActorOf(ConnectionActor.Props(_node, socket, clientId));
    }

    private void HandleClientsCron()
    {
        var timeout = _node.Settings.Timeout;
        if (timeout <= TimeSpan.Zero) return;
        var now = NodeState.NowMs();
        foreach (var client in _node.Clients.All)
        {
            if (client.IsMonitor || client.IsBusy) continue;
            if (now - client.LastInteractionMs > timeout.TotalMilliseconds)
                client.Connection.Self.Tell(new ConnectionProtocol.Kill("idle timeout"));
        }
    }
}
