package io.authpipe.sdk.stack;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes the one {@link SdkStack} of the JVM (with its {@link ControlServer}): started by the first class
 * that asks, kept in JUnit's root store, closed when the last class of the run is done.
 */
public final class SdkStackExtension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SdkStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Running.class, k -> new Running(SdkStack.start()), Running.class).stack();
    }

    /** The stack as a resource JUnit closes at the end of the run. */
    private record Running(SdkStack stack) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() throws Exception {
            stack.close();
        }
    }
}
