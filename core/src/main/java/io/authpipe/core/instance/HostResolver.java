package io.authpipe.core.instance;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves host names; a seam so the SSRF rules can be tested with literal addresses. */
@FunctionalInterface
public interface HostResolver {
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    List<InetAddress> resolve(String host) throws UnknownHostException;
}
