package io.authpipe.mastodon;

import io.authpipe.core.instance.InstanceAddress;
import java.util.Locale;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * The domain of an instance's handles ({@code @username@domain}): the LOCAL_DOMAIN the instance reports, when its
 * address vouches for it, else the instance's own host.
 *
 * <p>An instance reports its LOCAL_DOMAIN itself ({@code /api/v2/instance}, MASTODON.md §9), so on its word alone
 * {@code evil.example} could call its users {@code @gargron@mastodon.social}. Mastodon's federation settles this with
 * WebFinger; Authpipe accepts the reported domain when the address it talks to shows it:
 * <ul>
 *   <li>it is the instance's host, or</li>
 *   <li>it is a parent domain of the host that is not a public suffix (the usual split: the API on
 *       {@code mastodon.example.com}, handles on {@code example.com}; {@code github.io} or {@code co.uk} vouch for
 *       nobody), or</li>
 *   <li>the host is a loopback address: a server on this machine (the development sandbox; the SSRF policy admits
 *       loopback only when the operator allow-lists it).</li>
 * </ul>
 * Anything else, and anything that is not a DNS name, gives the host: an instance whose LOCAL_DOMAIN lives on an
 * unrelated domain is named by its host, which is where its users' accounts verifiably are.
 */
public final class HandleDomain {
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private HandleDomain() {
    }

    /** The handle domain of {@code instance}, given the LOCAL_DOMAIN it reported (null when it reported none). */
    public static String of(InstanceAddress instance, String reportedLocalDomain) {
        String host = instance.host();
        if (reportedLocalDomain == null) {
            return host;
        }
        String reported = reportedLocalDomain.strip().toLowerCase(Locale.ROOT);
        if (reported.endsWith(".")) {
            reported = reported.substring(0, reported.length() - 1);
        }
        if (!isDnsName(reported)) {
            return host;
        }
        return reported.equals(host) || isParentOf(reported, host) || isLoopback(host) ? reported : host;
    }

    /** Whether {@code name} is a syntactically valid, lowercase ASCII (punycode) DNS name. */
    static boolean isDnsName(String name) {
        return DNS_NAME.matcher(name).matches();
    }

    /** Whether {@code host} equals {@code domain} or lies under it. */
    static boolean isAtOrUnder(String host, String domain) {
        return host.equals(domain) || host.endsWith("." + domain);
    }

    private static boolean isParentOf(String domain, String host) {
        return host.endsWith("." + domain) && !isPublicSuffix(domain);
    }

    /** A public suffix (Mozilla's list, as OkHttp ships it) has no registrable domain of its own. */
    private static boolean isPublicSuffix(String domain) {
        HttpUrl url = HttpUrl.parse("https://" + domain + "/");
        return url == null || url.topPrivateDomain() == null;
    }

    static boolean isLoopback(String host) {
        return host.equals("localhost") || host.equals("[::1]") || LOOPBACK_V4.matcher(host).matches();
    }
}
