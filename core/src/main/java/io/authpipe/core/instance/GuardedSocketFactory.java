package io.authpipe.core.instance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import javax.net.SocketFactory;

/**
 * Plain sockets that check {@link InstancePolicy#mayConnect} before every connect: the last point where the
 * address and the port of a connection are both known. OkHttp uses {@link #createSocket()} and connects itself;
 * the other methods connect at once and are checked the same way.
 */
final class GuardedSocketFactory extends SocketFactory {
    private final InstancePolicy policy;

    GuardedSocketFactory(InstancePolicy policy) {
        this.policy = policy;
    }

    @Override
    public Socket createSocket() {
        return new GuardedSocket(policy);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(InetSocketAddress endpoint, InetSocketAddress local) throws IOException {
        Socket socket = createSocket();
        try {
            if (local != null) {
                socket.bind(local);
            }
            socket.connect(endpoint);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** A socket that connects only where the policy allows. */
    private static final class GuardedSocket extends Socket {
        private final InstancePolicy policy;

        GuardedSocket(InstancePolicy policy) {
            this.policy = policy;
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (!(endpoint instanceof InetSocketAddress inet) || !policy.mayConnect(inet)) {
                throw new UnknownHostException("address not allowed for " + describe(endpoint));
            }
            super.connect(endpoint, timeout);
        }

        private static String describe(SocketAddress endpoint) {
            return endpoint instanceof InetSocketAddress inet ? inet.getHostString() + ":" + inet.getPort()
                    : String.valueOf(endpoint);
        }
    }
}
