package dev.veil.policy;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads a {@link PolicyHolder} when its file changes. Watches the file's directory rather than
 * the file, because editors save by writing a new file and renaming it, and Kubernetes ConfigMaps
 * swap a symlink; after a change in the directory it waits {@code debounce} for the writer to
 * finish, then reloads (a reload of unchanged content is a no-op).
 *
 * <p>Only changes that can alter the policy count: YAML files (the policy and its fixture file),
 * Kubernetes' {@code ..data} swap, and lost events. Other files in the same directory, such as a
 * log Veil itself appends to on every request, would otherwise re-read and re-parse the policy
 * after every write.
 *
 * <p>Runs one daemon thread; {@link #close} stops it. Thread-safe.
 */
public final class PolicyFileWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyFileWatcher.class);

    private final WatchService watcher;
    private final Thread thread;

    private PolicyFileWatcher(PolicyHolder holder, Duration debounce,
            java.util.function.Consumer<PolicyHolder.ReloadOutcome> onReload) throws IOException {
        Path dir = holder.file().toAbsolutePath().getParent();
        this.watcher = FileSystems.getDefault().newWatchService();
        dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        this.thread = new Thread(() -> loop(holder, debounce, onReload), "veil-policy-watcher");
        this.thread.setDaemon(true);
    }

    /** Starts watching; close the result to stop. */
    public static PolicyFileWatcher start(PolicyHolder holder, Duration debounce) throws IOException {
        return start(holder, debounce, outcome -> { });
    }

    /** Starts watching and tells {@code onReload} the outcome of every reload; close the result to stop. */
    public static PolicyFileWatcher start(PolicyHolder holder, Duration debounce,
            java.util.function.Consumer<PolicyHolder.ReloadOutcome> onReload) throws IOException {
        requireNonNull(holder, "holder");
        requireNonNull(debounce, "debounce");
        requireNonNull(onReload, "onReload");
        PolicyFileWatcher w = new PolicyFileWatcher(holder, debounce, onReload);
        w.thread.start();
        return w;
    }

    private void loop(PolicyHolder holder, Duration debounce,
            java.util.function.Consumer<PolicyHolder.ReloadOutcome> onReload) {
        try {
            while (true) {
                WatchKey key = watcher.take();
                // Collect the burst of events one save produces, then reload once.
                boolean relevant = false;
                do {
                    for (WatchEvent<?> event : key.pollEvents()) {
                        relevant |= mayChangePolicy(event);
                    }
                    key.reset();
                    key = watcher.poll(debounce.toMillis(), TimeUnit.MILLISECONDS);
                } while (key != null);
                if (relevant) {
                    onReload.accept(holder.reload());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException e) {
            // Closed: stop quietly.
        } catch (RuntimeException e) {
            LOG.error("policy watcher stopped: error={}; reloads now need a restart", e.getClass().getSimpleName());
        }
    }

    static boolean mayChangePolicy(WatchEvent<?> event) {
        if (event.kind() == StandardWatchEventKinds.OVERFLOW || !(event.context() instanceof Path p)) {
            return true;
        }
        String name = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.startsWith("..");
    }

    @Override
    public void close() throws IOException {
        watcher.close();
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
