package dev.veil.proxy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.proxy.auth.ApiKeyStore;
import dev.veil.proxy.auth.Principal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KeysCommandTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
        /** The key printed on the line after the heading. */
        String key() {
            return out.lines().filter(l -> l.startsWith(ApiKeyStore.KEY_PREFIX)).findFirst().orElseThrow();
        }
    }

    private static Run keys(String... args) {
        CommandLine cli = new CommandLine(new KeysCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void add_withFile_appendsAnEntryThatAcceptsThePrintedKey() throws Exception {
        Path file = dir.resolve("conf/keys.yaml");
        Run first = keys("add", "--tenant", "acme", "--team", "data", "--file", file.toString());
        Run second = keys("add", "--tenant", "globex", "--id", "globex-ci", "--file", file.toString());

        assertEquals(0, first.exit(), first.err());
        assertEquals(0, second.exit(), second.err());
        ApiKeyStore store = ApiKeyStore.load(file);
        assertEquals(2, store.size());
        Principal acme = store.authenticate("Bearer " + first.key()).orElseThrow();
        assertEquals("acme", acme.tenant());
        assertEquals(Optional.of("data"), acme.team());
        assertTrue(acme.keyId().matches("acme-[0-9a-f]{6}"), acme.keyId());
        assertEquals(new Principal("globex-ci", "globex", Optional.empty()),
                store.authenticate("Bearer " + second.key()).orElseThrow());
        String text = Files.readString(file);
        assertFalse(text.contains(first.key().substring(first.key().lastIndexOf('.') + 1)), "no key in clear");
    }

    @Test
    void add_duplicateId_leavesTheFileUnchanged() throws Exception {
        Path file = dir.resolve("keys.yaml");
        assertEquals(0, keys("add", "--tenant", "acme", "--id", "k1", "--file", file.toString()).exit());
        String before = Files.readString(file);

        Run again = keys("add", "--tenant", "acme", "--id", "k1", "--file", file.toString());

        assertEquals(KeysCommand.ERROR, again.exit());
        assertTrue(again.err().contains("duplicate key id k1"), again.err());
        assertFalse(again.out().contains(ApiKeyStore.KEY_PREFIX), "no key is printed when none was added");
        assertEquals(before, Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void add_withoutFile_printsALineThatLoads() throws Exception {
        Run run = keys("add", "--tenant", "acme");
        assertEquals(0, run.exit(), run.err());
        String line = run.out().lines().filter(l -> l.startsWith("  - {id: ")).findFirst().orElseThrow();
        Path file = dir.resolve("keys.yaml");
        Files.writeString(file, "keys:\n" + line + "\n", StandardCharsets.UTF_8);

        assertEquals("acme", ApiKeyStore.load(file).authenticate("Bearer " + run.key()).orElseThrow().tenant());
    }

    @Test
    void add_invalidTenant_isAUsageError() {
        Run run = keys("add", "--tenant", "acme corp");
        assertEquals(KeysCommand.ERROR, run.exit());
        assertTrue(run.err().contains("tenant must be"), run.err());
    }

    @Test
    void list_showsIdsAndTenantsButNoHashes() throws Exception {
        Path file = dir.resolve("keys.yaml");
        keys("add", "--tenant", "acme", "--id", "k1", "--team", "ml", "--file", file.toString());
        keys("add", "--tenant", "globex", "--id", "k2", "--file", file.toString());

        Run run = keys("list", "--file", file.toString());

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("k1 +acme +ml")), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("k2 +globex +-")), run.out());
        assertTrue(run.out().contains("2 key(s)"));
        assertFalse(run.out().contains("sha256"));
    }
}
