package io.authpipe.broker.http;

import io.authpipe.api.model.ApiJson;
import io.authpipe.broker.config.HttpSettings;
import io.authpipe.broker.config.KeyStoreFile;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The Jetty server under the API: one connector (https when {@code AUTHPIPE_HTTP_TLS_KEYSTORE} is set), an idle
 * timeout for connections that send or read nothing, a minimum rate for request bodies (so a slow body cannot hold
 * a thread: Jetty reads headers without one), the body limit and the response headers as filters in front of every
 * route, JSON for Jetty's own errors, and no server version in answers.
 */
final class HttpServer {
    /** A request body arriving slower than this (bytes per second) is cut off with 408. */
    static final long MIN_REQUEST_DATA_RATE = 1024;

    private HttpServer() {
    }

    static void configure(JavalinConfig config, HttpSettings settings, HttpApi.Binding binding) {
        config.http.maxRequestSize = BodyLimit.MAX_BYTES;
        config.jsonMapper(new JavalinJackson(ApiJson.mapper(), false));
        config.jetty.modifyHttpConfiguration(http -> {
            http.setSendServerVersion(false);
            http.setSendXPoweredBy(false);
            http.setMinRequestDataRate(MIN_REQUEST_DATA_RATE);
        });
        config.jetty.addConnector((server, http) -> connector(server, http, settings, binding));
        config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
        config.jetty.modifyServletContextHandler(context -> {
            context.setErrorHandler(new JsonErrorHandler());
            context.addFilter(new FilterHolder(new ResponseHeaders()), "/*", EnumSet.of(DispatcherType.REQUEST));
            context.addFilter(new FilterHolder(new BodyLimit()), "/*", EnumSet.of(DispatcherType.REQUEST));
        });
    }

    private static Connector connector(Server server, HttpConfiguration http, HttpSettings settings,
                                       HttpApi.Binding binding) {
        ServerConnector connector = settings.tls().isPresent()
                ? new ServerConnector(server, new SslConnectionFactory(ssl(settings.tls().get()),
                        HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(secure(http)))
                : new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(binding.host());
        connector.setPort(binding.port());
        connector.setIdleTimeout(settings.idleTimeout().toMillis());
        return connector;
    }

    private static SslContextFactory.Server ssl(KeyStoreFile keyStore) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(keyStore.path().toString());
        ssl.setKeyStorePassword(keyStore.password().reveal());
        ssl.setKeyStoreType("PKCS12");
        return ssl;
    }

    private static HttpConfiguration secure(HttpConfiguration http) {
        HttpConfiguration https = new HttpConfiguration(http);
        https.addCustomizer(new SecureRequestCustomizer());
        return https;
    }
}
