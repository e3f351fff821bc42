package dev.veil.proxy.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code veil policy}. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Not built yet.")
final class PolicyCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("veil policy: not built yet");
        return 2;
    }
}
