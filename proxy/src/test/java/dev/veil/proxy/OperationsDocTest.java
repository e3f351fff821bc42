package dev.veil.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.veil.proxy.metrics.MetricsReference;
import dev.veil.proxy.metrics.VeilMetrics;
import dev.veil.proxy.openai.ErrorKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/operations.md lists every metric and every error code exactly as the code defines them. */
class OperationsDocTest {

    private static final String BEGIN = "<!-- metrics:begin -->\n";
    private static final String END = "<!-- metrics:end -->";

    private static String doc() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/operations.md"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            fail("docs/operations.md not found above " + Path.of("").toAbsolutePath());
        }
        return Files.readString(dir.resolve("docs/operations.md"), StandardCharsets.UTF_8);
    }

    @Test
    void metricsTable_isTheOneGeneratedFromVeilMetrics() throws IOException {
        String doc = doc();
        int from = doc.indexOf(BEGIN);
        int to = doc.indexOf(END);
        assertTrue(from >= 0 && to > from, "docs/operations.md needs the markers " + BEGIN.strip() + " and " + END);
        String documented = doc.substring(from + BEGIN.length(), to);
        String generated = MetricsReference.markdown(new VeilMetrics(Set.of(), Set.of()).registry());

        assertEquals(generated, documented,
                "the metrics table in docs/operations.md is out of date; replace it with:\n" + generated);
    }

    @Test
    void errorTable_hasOneRowPerErrorKindWithItsStatusAndType() throws IOException {
        String doc = doc();
        for (ErrorKind kind : ErrorKind.values()) {
            String row = "| `" + kind.code() + "` | " + kind.status().code() + " | `" + kind.type() + "` |";
            assertTrue(doc.contains(row), "docs/operations.md has no row starting " + row);
        }
        Matcher rows = Pattern.compile("(?m)^\\| `([a-z_]+)` \\| \\d{3} \\| `").matcher(doc);
        Set<String> documented = new TreeSet<>();
        while (rows.find()) {
            documented.add(rows.group(1));
        }
        Set<String> defined = Arrays.stream(ErrorKind.values()).map(ErrorKind::code).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(defined, documented, "the error table lists exactly the codes of ErrorKind");
    }
}
