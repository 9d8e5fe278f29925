package io.authpipe.launcher;

import io.authpipe.core.config.EnvReader;
import io.authpipe.core.ops.ServiceProcess;
import java.time.Clock;
import java.util.List;

/**
 * {@code ./authpipe}: locks {@code AUTHPIPE_HOME} (a second start on it is refused before touching anything), starts
 * the embedded default, prints what to do next, and runs until SIGTERM or Ctrl-C (see {@link ServiceProcess}).
 * {@code dead-letters list|replay ...} inspects and replays dead letters instead ({@link DeadLettersTool}).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals(DeadLettersTool.COMMAND)) {
            System.exit(DeadLettersTool.run(List.of(args).subList(1, args.length), EnvReader.system(), System.out,
                    System.err));
        }
        long start = System.nanoTime();
        EnvReader env = EnvReader.system();
        Clock clock = Clock.systemUTC();
        DevSettings settings = ServiceProcess.configure(() -> DevSettings.fromEnv(env));
        ServiceProcess process = ServiceProcess.claim("launcher", settings.home(), env, clock);
        DevEnvironment dev = process.start(parts -> DevEnvironment.start(env, clock, parts));
        Banner.print(dev.facts(), DevEnvironment.factsFile(settings), (System.nanoTime() - start) / 1_000_000);
        process.runUntilStopped();
    }
}
