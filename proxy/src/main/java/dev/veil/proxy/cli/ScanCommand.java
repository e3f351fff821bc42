package dev.veil.proxy.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code veil scan}. */
@Command(name = "scan", mixinStandardHelpOptions = true, description = "Not built yet.")
final class ScanCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("veil scan: not built yet");
        return 2;
    }
}
