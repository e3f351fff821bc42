package dev.veil.proxy.config;

import static java.util.Objects.requireNonNull;

import dev.veil.audit.AuditSettings;
import dev.veil.audit.FsyncPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code audit:} section of {@code veil.yaml}. Veil holds only the officers' public keys and its
 * own signing key: nothing in this configuration can decrypt the trail.
 *
 * @param dir directory of the audit segments
 * @param officerKeys officer public key files; records are readable by the holder of any matching
 *     private key
 * @param signingKey Veil's Ed25519 private key that signs checkpoints
 * @param checkpointDir optional second directory receiving a copy of each checkpoint
 * @param fsync when records are forced to disk
 */
public record AuditConfig(Path dir, List<Path> officerKeys, Path signingKey, Optional<Path> checkpointDir,
        FsyncPolicy fsync) {

    public AuditConfig {
        requireNonNull(dir, "dir");
        officerKeys = List.copyOf(officerKeys);
        requireNonNull(signingKey, "signingKey");
        requireNonNull(checkpointDir, "checkpointDir");
        requireNonNull(fsync, "fsync");
    }

    /** Trail in {@code veil-data/audit}, keys in {@code veil-data/keys} (as {@code veil demo} makes them). */
    public static AuditConfig defaults() {
        return new AuditConfig(Path.of("veil-data/audit"), List.of(Path.of("veil-data/keys/officer-x25519.pub")),
                Path.of("veil-data/keys/proxy-signing-ed25519.key"), Optional.empty(), FsyncPolicy.BATCH);
    }

    /** Settings for the audit module. */
    public AuditSettings settings() {
        AuditSettings.Builder b = AuditSettings.builder(dir).signingKey(signingKey).fsync(fsync);
        officerKeys.forEach(b::officerKey);
        checkpointDir.ifPresent(b::checkpointDir);
        return b.build();
    }
}
