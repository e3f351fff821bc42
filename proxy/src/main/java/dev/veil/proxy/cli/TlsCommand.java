package dev.veil.proxy.cli;

import dev.veil.proxy.tls.SelfSignedCertificate;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code veil tls}: certificates for Veil's listener. */
@Command(
        name = "tls",
        mixinStandardHelpOptions = true,
        description = "Make certificates for serving Veil over TLS.",
        subcommands = {TlsCommand.SelfSigned.class})
final class TlsCommand implements Runnable {

    /** Exit code for usage and input errors. */
    static final int ERROR = 2;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "selfsigned", mixinStandardHelpOptions = true,
            description = {"Write a self-signed certificate and its private key (PEM, ECDSA P-256) for local use.",
                "Clients must trust the certificate file explicitly, e.g. curl --cacert DIR/"
                        + SelfSignedCertificate.CERTIFICATE_FILE + "."})
    static final class SelfSigned implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the two files.")
        Path out;

        @Option(names = "--host", paramLabel = "NAME",
                description = "Host name or IP address clients connect to; repeat for several "
                        + "(default: localhost, 127.0.0.1 and ::1).")
        List<String> hosts;

        @Option(names = "--days", defaultValue = "365", description = "Days the certificate is valid (default: ${DEFAULT-VALUE}).")
        int days;

        @Option(names = "--force", description = "Replace existing files.")
        boolean force;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            if (days < 1) {
                err.println("veil tls selfsigned: --days must be at least 1");
                return ERROR;
            }
            List<String> names = hosts == null || hosts.isEmpty() ? List.of("localhost", "127.0.0.1", "::1") : hosts;
            List<Path> written;
            try {
                written = SelfSignedCertificate.generate(names, Duration.ofDays(days), Instant.now(), new SecureRandom())
                        .write(out, force);
            } catch (FileAlreadyExistsException e) {
                err.println("veil tls selfsigned: " + e.getFile() + " already exists; nothing was written "
                        + "(use --force to replace)");
                return ERROR;
            } catch (IOException e) {
                err.println("veil tls selfsigned: cannot write to " + out + ": " + e.getMessage());
                return ERROR;
            }
            PrintWriter w = spec.commandLine().getOut();
            w.println("wrote " + written.get(0) + " (certificate, for " + String.join(", ", names) + "; "
                    + days + " days)");
            w.println("wrote " + written.get(1) + " (private key; keep it readable by Veil's user only)");
            w.println();
            w.println("Serve with TLS by adding to veil.yaml:");
            w.println("  tls:");
            w.println("    cert: " + written.get(0));
            w.println("    key: " + written.get(1));
            w.println("Clients trust the certificate explicitly, e.g.: curl --cacert " + written.get(0)
                    + " https://" + hostForUrl(names.get(0)) + ":8787/v1/models");
            w.flush();
            return 0;
        }

        private static String hostForUrl(String host) {
            return host.contains(":") ? "[" + host + "]" : host;
        }
    }
}
