package io.authpipe.core.instance;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import javax.net.SocketFactory;
import okhttp3.Dns;

/**
 * OkHttp {@link Dns} that applies {@link InstancePolicy} at connect time: addresses a request must not reach are
 * dropped, so a host that passed {@link InstancePolicy#check} cannot be re-pointed at a private address later
 * (DNS rebinding). Hosts the allow-list names resolve unfiltered; every address returned carries the host name
 * it was looked up for, which is how {@link #socketFactory()} knows which allow-list entry a connection is for.
 *
 * <p>Install {@link #socketFactory()} too: OkHttp connects to IP-literal hosts ({@code http://10.0.0.1/}) without
 * calling a {@link Dns}, and only the socket sees the port, so only it can hold an allow-list entry for
 * {@code 127.0.0.1:8090} to that port.
 */
public final class GuardedDns implements Dns {
    private final InstancePolicy policy;

    public GuardedDns(InstancePolicy policy) {
        this.policy = policy;
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        List<InetAddress> addresses = policy.resolver().resolve(hostname);
        List<InetAddress> allowed = policy.isAllowListedHost(hostname) ? addresses
                : addresses.stream().filter(a -> !AddressClassifier.isForbidden(a)).toList();
        if (allowed.isEmpty()) {
            throw new UnknownHostException("address not allowed for " + hostname);
        }
        List<InetAddress> named = new ArrayList<>(allowed.size());
        for (InetAddress address : allowed) {
            named.add(named(hostname, address));
        }
        return named;
    }

    /**
     * A {@link SocketFactory} whose sockets refuse, with {@link UnknownHostException}, to connect anywhere
     * {@link InstancePolicy} does not allow: a non-public address, unless the allow-list names the host (the name
     * this {@link Dns} resolved, or the IP literal) on the very port being connected to.
     */
    public SocketFactory socketFactory() {
        return new GuardedSocketFactory(policy);
    }

    /** {@code address} carrying {@code hostname}, so that the socket's endpoint names the host (no reverse lookup). */
    private static InetAddress named(String hostname, InetAddress address) throws UnknownHostException {
        if (address instanceof Inet6Address v6 && v6.getScopeId() != 0) {
            return Inet6Address.getByAddress(hostname, v6.getAddress(), v6.getScopeId());
        }
        return InetAddress.getByAddress(hostname, address.getAddress());
    }
}
