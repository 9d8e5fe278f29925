package io.authpipe.broker.config;

import io.authpipe.core.secret.Secret;
import java.nio.file.Path;

/** A PKCS#12 (or JKS) key store or trust store on disk and its password. */
public record KeyStoreFile(Path path, Secret password) {
}
