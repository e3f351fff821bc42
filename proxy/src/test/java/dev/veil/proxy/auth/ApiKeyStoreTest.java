package dev.veil.proxy.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeyStoreTest {

    private final SecureRandom random = new SecureRandom();

    @TempDir
    Path dir;

    private Path file(String text) throws Exception {
        Path p = dir.resolve("keys.yaml");
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void authenticate_generatedKey_returnsItsPrincipal() throws Exception {
        ApiKeyStore.GeneratedKey acme = ApiKeyStore.generate("acme-1", "acme", Optional.of("data"), random);
        ApiKeyStore.GeneratedKey globex = ApiKeyStore.generate("globex-1", "globex", Optional.empty(), random);
        ApiKeyStore store = ApiKeyStore.load(file("keys:\n" + acme.entry().toYamlLine() + "\n"
                + globex.entry().toYamlLine() + "\n"));

        assertEquals(Optional.of(new Principal("acme-1", "acme", Optional.of("data"))),
                store.authenticate("Bearer " + acme.key()));
        assertEquals(Optional.of(new Principal("globex-1", "globex", Optional.empty())),
                store.authenticate("bearer   " + globex.key() + " "));
    }

    @Test
    void authenticate_wrongMissingOrMalformedKey_isEmpty() {
        ApiKeyStore.GeneratedKey acme = ApiKeyStore.generate("acme-1", "acme", Optional.empty(), random);
        ApiKeyStore store = ApiKeyStore.of(List.of(acme.entry()));
        String key = acme.key();
        char last = key.charAt(key.length() - 1);
        String oneCharOff = key.substring(0, key.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertEquals(Optional.empty(), store.authenticate("Bearer " + oneCharOff));
        assertEquals(Optional.empty(), store.authenticate("Bearer " + key.replace("acme-1", "acme-2")));
        assertEquals(Optional.empty(), store.authenticate(null));
        assertEquals(Optional.empty(), store.authenticate(""));
        assertEquals(Optional.empty(), store.authenticate("Bearer"));
        assertEquals(Optional.empty(), store.authenticate("Basic " + key));
        assertEquals(Optional.empty(), store.authenticate(key), "the scheme is required");
        assertEquals(Optional.empty(), store.authenticate("Bearer " + key + "x".repeat(600)));
    }

    @Test
    void authenticate_unsaltedSha256Entry_acceptsAKeyOfAnyShape() throws Exception {
        String key = "sk-legacy-" + "q".repeat(40);
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(key.getBytes(StandardCharsets.UTF_8)));
        ApiKeyStore store = ApiKeyStore.load(file("keys:\n  - id: legacy\n    tenant: acme\n    hash: \"sha256:" + hex
                + "\"\n"));

        assertEquals("legacy", store.authenticate("Bearer " + key).orElseThrow().keyId());
        assertEquals(Optional.empty(), store.authenticate("Bearer " + key + "-"));
    }

    @Test
    void keyFile_holdsOnlyTheHash() {
        ApiKeyStore.GeneratedKey made = ApiKeyStore.generate("acme-1", "acme", Optional.empty(), random);
        String secret = made.key().substring(made.key().lastIndexOf('.') + 1);

        assertTrue(made.key().startsWith("vk.acme-1."), made.key());
        assertEquals(43, secret.length(), "32 random bytes, base64url");
        assertFalse(made.entry().toYamlLine().contains(secret));
        assertFalse(made.toString().contains(secret));
        assertFalse(made.entry().toString().contains(made.entry().hash().format()));
    }

    @Test
    void generate_sameInputsTwice_makesDifferentKeysAndSalts() {
        ApiKeyStore.GeneratedKey a = ApiKeyStore.generate("k", "t", Optional.empty(), random);
        ApiKeyStore.GeneratedKey b = ApiKeyStore.generate("k", "t", Optional.empty(), random);
        assertFalse(a.key().equals(b.key()));
        assertFalse(a.entry().hash().format().equals(b.entry().hash().format()));
    }

    @Test
    void load_reportsEveryProblemWithLineAndColumn() throws Exception {
        Path p = file("""
                keys:
                  - {id: a, tenant: acme, hash: "sha256:abc"}
                  - {id: b, hash: "sha256:%s"}
                  - {id: c, tenant: acme, hash: "sha256:%s", colour: blue}
                  - {id: "bad id", tenant: acme, hash: "sha256:%s"}
                """.formatted("0".repeat(64), "1".repeat(64), "2".repeat(64)));

        ApiKeyFileException e = assertThrows(ApiKeyFileException.class, () -> ApiKeyStore.load(p));
        assertEquals(List.of(
                p + ":2:33: a hash is sha256:<64 hex digits>, the SHA-256 of the key",
                p + ":3:5: the entry has no 'tenant'",
                p + ":4:108: unknown key 'colour'; an entry has id, tenant, team and hash",
                p + ":5:5: id must be 1 to 64 letters, digits, '-' or '_', starting with a letter or digit"),
                e.problems());
    }

    @Test
    void load_refusesDuplicateIdsAndHashes() throws Exception {
        String h = "sha256:" + "a".repeat(64);
        Path p = file("keys:\n  - {id: a, tenant: t, hash: \"" + h + "\"}\n  - {id: a, tenant: t, hash: \"sha256:"
                + "b".repeat(64) + "\"}\n  - {id: c, tenant: t, hash: \"" + h + "\"}\n");

        ApiKeyFileException e = assertThrows(ApiKeyFileException.class, () -> ApiKeyStore.load(p));
        assertEquals(List.of(p + ": duplicate key id a", p + ": keys a and c have the same hash"), e.problems());
    }

    @Test
    void load_missingFileOrWrongShape_isAClearError() throws Exception {
        ApiKeyFileException missing = assertThrows(ApiKeyFileException.class,
                () -> ApiKeyStore.load(dir.resolve("nope.yaml")));
        assertTrue(missing.getMessage().contains("cannot read the key file"), missing.getMessage());

        Path p = file("tokens: []\n");
        ApiKeyFileException shape = assertThrows(ApiKeyFileException.class, () -> ApiKeyStore.load(p));
        assertEquals(List.of(p + ":1:1: unknown key 'tokens'; the file has one key, 'keys'"), shape.problems());
    }

    @Test
    void load_emptyList_acceptsNoKey() throws Exception {
        ApiKeyStore store = ApiKeyStore.load(file("keys:\n"));
        assertEquals(0, store.size());
        assertEquals(Optional.empty(), store.authenticate("Bearer vk.a.b"));
    }
}
