package dev.veil.detectors.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.veil.detectors.Scanner;
import dev.veil.detectors.ScanResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every anchor of the token catalogue, repeated over 64 KB with near-miss bodies after it:
 * too short, one char too long, a body that runs on without end, a body cut by separators.
 * Each rule's expression then runs at every anchor, so a pattern that backtracks shows here. The
 * timeout is a hang guard only (a catastrophic pattern takes minutes on these), not a speed test.
 */
class SecretAdversarialInputTest {

    private static final int SIZE = 64 * 1024;
    private static final Scanner SECRETS = new Scanner(SecretDetectors.all());

    static Stream<Arguments> inputs() {
        Set<String> anchors = new LinkedHashSet<>();
        for (TokenRule r : SecretDetectors.rules()) {
            anchors.addAll(r.anchors());
        }
        List<Arguments> out = new ArrayList<>();
        String[] bodies = {"", "a", "aB3", "aB3dE6gH9jK2mN5pQ8sT1vW4yZ7", "0", "a-", "a.", "a/", "a:", "a$", "a=",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"};
        for (String anchor : anchors) {
            StringBuilder unit = new StringBuilder();
            for (String body : bodies) {
                unit.append(anchor).append(body).append(' ');
            }
            // Near misses, then one anchor with a body that has no end: each expression must give up
            // in linear time.
            String misses = repeat(unit.toString(), SIZE / 2);
            out.add(Arguments.of(anchor, misses + anchor + repeat("aB3", SIZE / 2)));
        }
        out.add(Arguments.of("keys and separators", repeat("password = ' user = x -u a -p ")));
        out.add(Arguments.of("connection string keys", repeat("AccountName=a;AccountKey=b;Secret=")));
        out.add(Arguments.of("psexec flags", repeat("psexec -u -p -u x -p ")));
        out.add(Arguments.of("user flags beside passwords", repeat(" --user -User --username x password=Qm7vLp2x ")));
        out.add(Arguments.of("client ids beside client secrets",
                repeat("client_secret = 'Jd8sK2pLq9Xv4Zt7WmRb3Nc6' client_id = clientID: ")));
        out.add(Arguments.of("keys in strings", repeat("define('password', ('api_key', <add key=\"secret\" value=")));
        out.add(Arguments.of("quoted names on one line", repeat("[\"password\", \"api_key\", ")));
        out.add(Arguments.of("key-value string lines", repeat("Password=Qm7vLp2x;\nUser Id=a;\nA=")));
        out.add(Arguments.of("hosts beside passwords",
                repeat("host=a.b.c.d.e.f.g.h.i.j.k machine x. server: password=Qm7vLp2x ")));
        out.add(Arguments.of("URLs of any scheme", repeat("a+b:c:d://x:y@ e.f://g:h@i:j:// k://l:m")));
        out.add(Arguments.of("command-line tools", repeat(" curl -u a:bbbb -u x mysql -u -p -pq'r sshpass -p docker login -p mongo -u -p ldap -w -D ")));
        out.add(Arguments.of("secret keys", repeat("jwt_secret: \"a#b jwt_secret: '")));
        return out.stream();
    }

    private static String repeat(String unit) {
        return repeat(unit, SIZE);
    }

    private static String repeat(String unit, int size) {
        return unit.repeat(size / unit.length() + 1).substring(0, size);
    }

    @Test
    void scan_ofAMegabyteOfKeysWithoutValuesOnOneLine_completes() {
        // Each key used to look back to the start of its line for a "login" word: quadratic on
        // one long line, about 90 s for this input, a fraction of a second now. A hang guard only.
        String input = repeat("api_key token secret ", 1024 * 1024);
        ScanResult result = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> SECRETS.scan(input),
                () -> "the secret detectors hang on a long line of keys");
        assertEquals(Set.of(), result.failedDetectors());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void scan_completesOnAdversarialInput(String name, String input) {
        ScanResult result = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> SECRETS.scan(input),
                () -> "a secret detector hangs on: " + name);
        assertEquals(Set.of(), result.failedDetectors(), name);
    }
}
