package dev.veil.proxy.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code veil audit}. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Not built yet.")
final class AuditCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("veil audit: not built yet");
        return 2;
    }
}
