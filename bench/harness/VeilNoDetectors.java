import dev.veil.audit.AuditTrail;
import dev.veil.detectors.Scanner;
import dev.veil.proxy.Veil;
import dev.veil.proxy.config.ConfigLoader;
import dev.veil.proxy.config.VeilConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * Veil with detectors off, for the benchmark's "detectors off" column: the same server, parsing,
 * policy, routing, audit trail and relay as {@code veil serve}, but with a scanner that holds no
 * detector, so every request is parsed and audited and nothing is scanned. Veil's configuration has
 * no key for this (yet), so the harness starts Veil through its public API instead.
 *
 * <p>Run: {@code java -cp proxy/target/veil.jar bench/harness/VeilNoDetectors.java CONFIG}
 */
public final class VeilNoDetectors {

    public static void main(String[] args) throws Exception {
        VeilConfig cfg = ConfigLoader.load(Path.of(args[0]));
        AuditTrail trail = AuditTrail.open(cfg.audit().settings());
        Veil veil = Veil.start(cfg, new Scanner(List.of()), trail, System.getenv());
        Runtime.getRuntime().addShutdownHook(new Thread(veil::close, "veil-shutdown"));
        System.out.println("Veil (no detectors) is listening on " + veil.baseUrl());
        System.out.flush();
        veil.awaitClose();
    }
}
