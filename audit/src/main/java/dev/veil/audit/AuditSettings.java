package dev.veil.audit;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How an {@link AuditTrail} writes. Build with {@link #builder(Path)}; invalid values fail when the
 * settings are built, with a message that names the setting.
 *
 * @param dir directory of the segment files; created if missing
 * @param officerKeys officer public key files ({@code officer-x25519.pub}); each segment key is sealed
 *     to every one of them, so any one officer can read
 * @param signingKey the proxy's Ed25519 private key file ({@code proxy-signing-ed25519.key})
 * @param nextSigningKey a new signing key to rotate to: at open the trail announces it in a checkpoint
 *     signed by {@code signingKey}, then signs with it; afterwards configure it as {@code signingKey}
 * @param checkpointDir optional second location that receives a copy of every checkpoint as it is
 *     made (another disk, a mounted WORM bucket)
 * @param rotateBytes start a new segment when the current one reaches this size
 * @param rotateAge start a new segment when the current one is this old
 * @param checkpointRecords write a signed checkpoint after this many records
 * @param checkpointInterval write a signed checkpoint when this much time has passed since the last
 *     one and records were written since
 * @param fsync when written records are forced to disk
 * @param queueCapacity records accepted but not yet written; when full, {@code append} fails closed
 * @param batchSize the most records written between two flushes
 * @param clock the time source for rotation, checkpoints and lifecycle records
 */
public record AuditSettings(
        Path dir,
        List<Path> officerKeys,
        Path signingKey,
        Optional<Path> nextSigningKey,
        Optional<Path> checkpointDir,
        long rotateBytes,
        Duration rotateAge,
        int checkpointRecords,
        Duration checkpointInterval,
        FsyncPolicy fsync,
        int queueCapacity,
        int batchSize,
        Clock clock) {

    public AuditSettings {
        requireNonNull(dir, "dir");
        officerKeys = List.copyOf(officerKeys);
        if (officerKeys.isEmpty()) {
            throw new IllegalArgumentException("audit needs at least one officer public key");
        }
        requireNonNull(signingKey, "signingKey");
        requireNonNull(nextSigningKey, "nextSigningKey");
        requireNonNull(checkpointDir, "checkpointDir");
        if (rotateBytes < 4096) {
            throw new IllegalArgumentException("segment rotation size must be at least 4096 bytes");
        }
        positive(rotateAge, "segment rotation age");
        if (checkpointRecords < 1) {
            throw new IllegalArgumentException("checkpoint record count must be at least 1");
        }
        positive(checkpointInterval, "checkpoint interval");
        requireNonNull(fsync, "fsync");
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("audit queue capacity must be at least 1");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("audit batch size must be at least 1");
        }
        requireNonNull(clock, "clock");
    }

    private static void positive(Duration d, String name) {
        requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /** Settings for {@code dir} with the defaults listed on {@link Builder}. */
    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    /**
     * Builds settings. Defaults: rotate at 64 MiB or 24 hours, checkpoint every 10,000 records or 60
     * seconds, fsync after every batch, queue of 65,536 records, batches of up to 1,024, the system
     * clock in UTC. Not thread-safe.
     */
    public static final class Builder {
        private final Path dir;
        private final List<Path> officerKeys = new ArrayList<>();
        private Path signingKey;
        private Path nextSigningKey;
        private Path checkpointDir;
        private long rotateBytes = 64L * 1024 * 1024;
        private Duration rotateAge = Duration.ofHours(24);
        private int checkpointRecords = 10_000;
        private Duration checkpointInterval = Duration.ofSeconds(60);
        private FsyncPolicy fsync = FsyncPolicy.BATCH;
        private int queueCapacity = 65_536;
        private int batchSize = 1_024;
        private Clock clock = Clock.systemUTC();

        private Builder(Path dir) {
            this.dir = requireNonNull(dir, "dir");
        }

        public Builder officerKey(Path publicKeyFile) {
            officerKeys.add(requireNonNull(publicKeyFile, "publicKeyFile"));
            return this;
        }

        public Builder signingKey(Path privateKeyFile) {
            this.signingKey = requireNonNull(privateKeyFile, "privateKeyFile");
            return this;
        }

        public Builder nextSigningKey(Path privateKeyFile) {
            this.nextSigningKey = requireNonNull(privateKeyFile, "privateKeyFile");
            return this;
        }

        public Builder checkpointDir(Path dir) {
            this.checkpointDir = requireNonNull(dir, "dir");
            return this;
        }

        public Builder rotateBytes(long bytes) {
            this.rotateBytes = bytes;
            return this;
        }

        public Builder rotateAge(Duration age) {
            this.rotateAge = age;
            return this;
        }

        public Builder checkpointEvery(int records, Duration interval) {
            this.checkpointRecords = records;
            this.checkpointInterval = interval;
            return this;
        }

        public Builder fsync(FsyncPolicy fsync) {
            this.fsync = fsync;
            return this;
        }

        public Builder queueCapacity(int capacity) {
            this.queueCapacity = capacity;
            return this;
        }

        public Builder batchSize(int size) {
            this.batchSize = size;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public AuditSettings build() {
            if (signingKey == null) {
                throw new IllegalArgumentException("audit needs the proxy's signing key file");
            }
            return new AuditSettings(dir, officerKeys, signingKey, Optional.ofNullable(nextSigningKey),
                    Optional.ofNullable(checkpointDir), rotateBytes, rotateAge, checkpointRecords,
                    checkpointInterval, fsync, queueCapacity, batchSize, clock);
        }
    }
}
