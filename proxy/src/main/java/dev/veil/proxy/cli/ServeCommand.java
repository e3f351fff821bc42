package dev.veil.proxy.cli;

import dev.veil.audit.AuditTrail;
import dev.veil.audit.AuditUnavailableException;
import dev.veil.detectors.DetectorConfigException;
import dev.veil.detectors.Scanner;
import dev.veil.policy.PolicyException;
import dev.veil.proxy.Bundled;
import dev.veil.proxy.Veil;
import dev.veil.proxy.config.ConfigException;
import dev.veil.proxy.config.ConfigLoader;
import dev.veil.proxy.config.VeilConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code veil serve}: runs the proxy until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the proxy. Without --config, uses ./veil.yaml if present, else built-in defaults.")
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (see veil.example.yaml).")
    Path config;

    @Option(names = "--port", paramLabel = "PORT", description = "Override the port to listen on.")
    Integer port;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        VeilConfig cfg;
        try {
            cfg = loadConfig(config);
        } catch (ConfigException e) {
            err.println("veil serve: the configuration is invalid:");
            e.problems().forEach(p -> err.println("  " + p));
            return 1;
        }
        if (port != null) {
            cfg = cfg.withPort(port);
        }
        Veil veil;
        try {
            veil = startVeil(cfg, System.getenv(), err);
        } catch (StartupException e) {
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            veil.close();
            Logging.flushAndStop();
        }, "veil-shutdown"));
        spec.commandLine().getOut().println("Veil is listening on " + veil.baseUrl()
                + " (point your OpenAI client's base URL here; Ctrl-C stops it)");
        spec.commandLine().getOut().flush();
        veil.awaitClose();
        return 0;
    }

    static VeilConfig loadConfig(Path file) throws ConfigException {
        if (file != null) {
            return ConfigLoader.load(file);
        }
        Path local = Path.of("veil.yaml");
        if (Files.exists(local)) {
            return ConfigLoader.load(local);
        }
        VeilConfig d = VeilConfig.defaults();
        try {
            return d.withPolicy(Bundled.policy(d.policyFile(), Path.of("veil-data")));
        } catch (java.io.IOException e) {
            return d;
        }
    }

    /** Opens the audit trail and starts Veil, printing a clear reason and throwing if either fails. */
    static Veil startVeil(VeilConfig cfg, java.util.Map<String, String> env, PrintWriter err) throws StartupException, InterruptedException {
        for (Path key : cfg.audit().officerKeys()) {
            if (!Files.exists(key)) {
                err.println("veil: officer public key " + key + " not found. The audit trail is encrypted to "
                        + "the compliance officer's key: create keys with `./veil audit keygen --out veil-data/keys` "
                        + "(or run `./veil demo` once), or set audit.officer_keys in veil.yaml.");
                throw new StartupException();
            }
        }
        AuditTrail trail;
        try {
            trail = AuditTrail.open(cfg.audit().settings());
        } catch (AuditUnavailableException | IllegalArgumentException e) {
            err.println("veil: cannot open the audit trail: " + e.getMessage());
            throw new StartupException();
        }
        try {
            return Veil.start(cfg, Scanner.configured(cfg.detectors()), trail, env);
        } catch (PolicyException e) {
            trail.close();
            err.println("veil: the policy " + cfg.policyFile() + " is invalid; nothing was started:");
            e.errors().forEach(p -> err.println("  " + p));
            throw new StartupException();
        } catch (DetectorConfigException e) {
            trail.close();
            err.println("veil: the detectors section of the configuration is invalid; nothing was started:");
            e.problems().forEach(p -> err.println("  " + p));
            throw new StartupException();
        } catch (RuntimeException e) {
            trail.close();
            err.println("veil: cannot start: " + e.getMessage());
            throw new StartupException();
        }
    }

    /** Start-up failed; the reason was printed. */
    static final class StartupException extends Exception {
        private static final long serialVersionUID = 1L;

        StartupException() {
            super(null, null, false, false);
        }
    }
}
