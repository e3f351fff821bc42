package dev.veil.proxy.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code veil demo}. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Not built yet.")
final class DemoCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("veil demo: not built yet");
        return 2;
    }
}
