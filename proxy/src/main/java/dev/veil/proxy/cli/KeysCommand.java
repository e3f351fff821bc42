package dev.veil.proxy.cli;

import dev.veil.proxy.auth.ApiKeyEntry;
import dev.veil.proxy.auth.ApiKeyFileException;
import dev.veil.proxy.auth.ApiKeyStore;
import dev.veil.proxy.auth.ApiKeyStore.GeneratedKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code veil keys}: makes and lists the API keys clients present to Veil. */
@Command(
        name = "keys",
        mixinStandardHelpOptions = true,
        description = "Make and list client API keys. The key file holds only hashes.",
        subcommands = {KeysCommand.Add.class, KeysCommand.ListKeys.class})
final class KeysCommand implements Runnable {

    /** Exit code for usage and input errors. */
    static final int ERROR = 2;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Make a key for a tenant. The key is printed once; only its salted hash is kept.",
                "With --file, the entry is appended to that key file; without, the line to add is printed."})
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--tenant", required = true, description = "Tenant the key belongs to.")
        String tenant;

        @Option(names = "--team", description = "Team within the tenant (optional).")
        String team;

        @Option(names = "--id", description = "Key id (default: TENANT-<6 random hex digits>). Not secret.")
        String id;

        @Option(names = "--file", paramLabel = "FILE",
                description = "Key file to append the entry to (created if missing).")
        Path file;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            SecureRandom random = new SecureRandom();
            String keyId = id != null ? id : tenant + "-" + HexFormat.of().formatHex(randomBytes(random, 3));
            GeneratedKey made;
            try {
                made = ApiKeyStore.generate(keyId, tenant, Optional.ofNullable(team), random);
            } catch (IllegalArgumentException e) {
                err.println("veil keys add: " + e.getMessage());
                return ERROR;
            }
            if (file != null) {
                try {
                    append(file, made.entry());
                } catch (ApiKeyFileException e) {
                    err.println("veil keys add: " + file + " was left unchanged:");
                    e.problems().forEach(p -> err.println("  " + p));
                    return ERROR;
                } catch (IOException e) {
                    err.println("veil keys add: cannot write " + file + ": " + e.getMessage());
                    return ERROR;
                }
            }
            out.println("Key for tenant " + tenant + " (shown once; the client uses it as its OpenAI API key):");
            out.println(made.key());
            if (file != null) {
                out.println("Added key " + made.entry().id() + " to " + file + ".");
            } else {
                out.println("Add this line under 'keys:' in the key file:");
                out.println(made.entry().toYamlLine());
            }
            out.flush();
            return 0;
        }

        /**
         * Appends through a temporary file that is loaded before it replaces the original, so a
         * duplicate id or a file in another shape is refused and the file is left as it was.
         */
        private static void append(Path file, ApiKeyEntry entry) throws IOException, ApiKeyFileException {
            String before = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "keys:\n";
            if (!before.isEmpty() && !before.endsWith("\n")) {
                before += "\n";
            }
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".veil-keys", ".tmp");
            try {
                Files.writeString(tmp, before + entry.toYamlLine() + "\n", StandardCharsets.UTF_8);
                ApiKeyStore.load(tmp);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }

        private static byte[] randomBytes(SecureRandom random, int n) {
            byte[] b = new byte[n];
            random.nextBytes(b);
            return b;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the keys in a key file: id, tenant and team (never hashes).")
    static final class ListKeys implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--file", required = true, paramLabel = "FILE", description = "The key file.")
        Path file;

        @Override
        public Integer call() {
            ApiKeyStore store;
            try {
                store = ApiKeyStore.load(file);
            } catch (ApiKeyFileException e) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("veil keys list: the key file is invalid:");
                e.problems().forEach(p -> err.println("  " + p));
                return ERROR;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-32s %-24s %s%n", "ID", "TENANT", "TEAM");
            for (ApiKeyEntry e : store.entries()) {
                out.printf("%-32s %-24s %s%n", e.id(), e.tenant(), e.team().orElse("-"));
            }
            out.println(store.size() + " key(s)");
            out.flush();
            return 0;
        }
    }
}
