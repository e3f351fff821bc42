package dev.veil.proxy.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code veil serve}. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Not built yet.")
final class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("veil serve: not built yet");
        return 2;
    }
}
