package io.authpipe.core.instance;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import okhttp3.Dns;

/**
 * OkHttp {@link Dns} that applies {@link InstancePolicy} at connect time: addresses a request must not reach are
 * dropped, so a host that passed {@link InstancePolicy#check} cannot be re-pointed at a private address later
 * (DNS rebinding). Allow-listed hosts resolve normally.
 */
public final class GuardedDns implements Dns {
    private final InstancePolicy policy;

    public GuardedDns(InstancePolicy policy) {
        this.policy = policy;
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        List<InetAddress> addresses = policy.resolver().resolve(hostname);
        if (policy.isAllowListedHost(hostname)) {
            return addresses;
        }
        List<InetAddress> allowed = addresses.stream().filter(a -> !AddressClassifier.isForbidden(a)).toList();
        if (allowed.isEmpty()) {
            throw new UnknownHostException("address not allowed for " + hostname);
        }
        return allowed;
    }
}
