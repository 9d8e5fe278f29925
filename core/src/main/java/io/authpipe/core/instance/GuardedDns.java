package io.authpipe.core.instance;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;
import okhttp3.Dns;
import okhttp3.Interceptor;

/**
 * OkHttp {@link Dns} that applies {@link InstancePolicy} at connect time: addresses a request must not reach are
 * dropped, so a host that passed {@link InstancePolicy#check} cannot be re-pointed at a private address later
 * (DNS rebinding). Allow-listed hosts resolve normally.
 *
 * <p>OkHttp connects to IP-literal hosts ({@code http://10.0.0.1/}) without calling a {@link Dns}; install
 * {@link #ipLiteralGuard()} as well so the same rule covers them.
 */
public final class GuardedDns implements Dns {
    /** What OkHttp treats as an IP literal and connects to without a lookup ({@code Util.canParseAsIpAddress}). */
    private static final Pattern IP_LITERAL = Pattern.compile("([0-9a-fA-F]*:[0-9a-fA-F:.]*)|([\\d.]+)");

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

    /**
     * An application interceptor that applies {@link #lookup} to IP-literal hosts before any connection is made;
     * a refused address fails the call with {@link UnknownHostException}, as a refused name does.
     */
    public Interceptor ipLiteralGuard() {
        return chain -> {
            String host = chain.request().url().host();
            if (IP_LITERAL.matcher(host).matches()) {
                lookup(host);
            }
            return chain.proceed(chain.request());
        };
    }
}
