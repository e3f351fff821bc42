package dev.veil.proxy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code veil} command line: one entry point, one subcommand per job. */
@Command(
        name = "veil",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Privacy-aware routing proxy for OpenAI-compatible LLM traffic.",
        subcommands = {
            ServeCommand.class,
            DemoCommand.class,
            ScanCommand.class,
            PolicyCommand.class,
            AuditCommand.class,
            KeysCommand.class,
            TlsCommand.class,
            CommandLine.HelpCommand.class
        })
public final class VeilCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int status = newCommandLine().execute(args);
        Logging.flushAndStop();
        System.exit(status);
    }

    /** The configured command line, also used by tests to run commands in-process. */
    public static CommandLine newCommandLine() {
        return new CommandLine(new VeilCommand())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
