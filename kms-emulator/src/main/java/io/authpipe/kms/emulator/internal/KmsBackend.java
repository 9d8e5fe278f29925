package io.authpipe.kms.emulator.internal;

import com.sun.net.httpserver.HttpHandler;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The emulator behind its HTTP server: keys and aliases, the operation table, the call log and the injected
 * fault. Not API: use {@code io.authpipe.kms.emulator.KmsEmulator}. Thread-safe.
 */
public final class KmsBackend {

    private final KeyRegistry registry;
    private final CallLog calls = new CallLog();
    private final AtomicReference<Fault> fault = new AtomicReference<>(Fault.NONE);
    private final HttpHandler handler;

    public KmsBackend(Account account, Clock clock) {
        SecureRandom random = new SecureRandom();
        this.registry = new KeyRegistry(account, clock, random);
        KeyCrypto crypto = new KeyCrypto(registry, new EnvelopeCipher(random));
        OperationTable table = new OperationTable();
        new KeyOperations(registry, random).registerIn(table);
        new DeletionOperations(registry).registerIn(table);
        new AliasOperations(registry).registerIn(table);
        new TagOperations(registry).registerIn(table);
        new DataKeyOperations(crypto, random).registerIn(table);
        new CryptoOperations(crypto).registerIn(table);
        this.handler = new KmsHttpHandler(table, calls, fault::get);
    }

    /** The handler to mount at {@code /}. */
    public HttpHandler handler() {
        return handler;
    }

    /** Creates an enabled symmetric key and returns its ARN. Not recorded as a call. */
    public String createKey(String description) {
        return registry.create(description, Map.of()).arn();
    }

    /**
     * Points a new alias at a key. Not recorded as a call.
     *
     * @throws ServiceError as CreateAlias would answer (bad name, alias exists, key not found)
     */
    public void createAlias(String aliasName, String keyIdOrArn) {
        registry.createAlias(aliasName, keyIdOrArn);
    }

    public void fault(Fault next) {
        fault.set(next);
    }

    public CallLog calls() {
        return calls;
    }
}
