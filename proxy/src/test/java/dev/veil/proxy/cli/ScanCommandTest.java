package dev.veil.proxy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ScanCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
        List<JsonNode> lines() throws IOException {
            List<JsonNode> nodes = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isBlank()) {
                    nodes.add(JSON.readTree(line));
                }
            }
            return nodes;
        }
    }

    private static Run veil(String... args) {
        CommandLine cli = VeilCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void jsonl_writesOneLinePerInputInInputOrder() throws IOException {
        StringBuilder in = new StringBuilder();
        int n = 500;
        for (int i = 0; i < n; i++) {
            // Alternate numeric and string ids, and vary the work per line so that parallel
            // scans finish out of order.
            String id = i % 2 == 0 ? String.valueOf(i) : "\"line-" + i + "\"";
            String text = "word ".repeat(1 + (i * 37) % 200);
            in.append("{\"id\": ").append(id).append(", \"text\": \"").append(text)
                    .append("\"}\n");
        }
        Path input = file("in.jsonl", in.toString());

        Run run = veil("scan", "--jsonl", "--threads", "4", input.toString());

        assertEquals(0, run.exit(), run.err());
        List<JsonNode> lines = run.lines();
        assertEquals(n, lines.size());
        for (int i = 0; i < n; i++) {
            JsonNode id = lines.get(i).get("id");
            if (i % 2 == 0) {
                assertTrue(id.isInt(), "numeric id stays a number");
                assertEquals(i, id.intValue());
            } else {
                assertEquals("line-" + i, id.textValue());
            }
            assertTrue(lines.get(i).get("findings").isArray());
        }
    }

    @Test
    void jsonl_blankLinesAreSkipped() throws IOException {
        Path input = file("in.jsonl", "{\"id\":1,\"text\":\"a\"}\n\n  \n{\"id\":2,\"text\":\"b\"}\n");

        Run run = veil("scan", "--jsonl", input.toString());

        assertEquals(0, run.exit(), run.err());
        assertEquals(2, run.lines().size());
    }

    @Test
    void jsonl_malformedLine_exitsWithUsageErrorNamingTheLine() throws IOException {
        Path input = file("in.jsonl",
                "{\"id\":1,\"text\":\"fine\"}\n{\"id\":2,\"text\":\"fine\"}\n{\"id\":3,\"text\":\"secret-ish unterminated\n");

        Run run = veil("scan", "--jsonl", input.toString());

        assertEquals(2, run.exit());
        assertTrue(run.err().contains("line 3"), run.err());
        assertFalse(run.err().contains("secret-ish"), "the error must not echo the input");
        assertEquals(2, run.lines().size(), "lines before the bad one are still written");
    }

    @Test
    void jsonl_lineWithoutText_isRejected() throws IOException {
        Path input = file("in.jsonl", "{\"id\":1,\"text\":\"a\"}\n{\"id\":2,\"body\":\"a\"}\n");

        Run run = veil("scan", "--jsonl", input.toString());

        assertEquals(2, run.exit());
        assertTrue(run.err().contains("line 2"), run.err());
        assertTrue(run.err().contains("\"text\""), run.err());
    }

    @Test
    void jsonl_lineThatIsNotAnObject_isRejected() throws IOException {
        Path input = file("in.jsonl", "[1, 2]\n");

        Run run = veil("scan", "--jsonl", input.toString());

        assertEquals(2, run.exit());
        assertTrue(run.err().contains("line 1"), run.err());
    }

    @Test
    void scan_missingFile_exitsWithUsageError() {
        Run run = veil("scan", dir.resolve("nope.txt").toString());

        assertEquals(2, run.exit());
        assertTrue(run.err().contains("no such file"), run.err());
    }

    @Test
    void scan_invalidUtf8_isRejected() throws IOException {
        Path input = dir.resolve("bad.txt");
        Files.write(input, new byte[] {'a', (byte) 0xC3, (byte) 0x28, 'b'});

        Run run = veil("scan", input.toString());

        assertEquals(2, run.exit());
        assertTrue(run.err().contains("UTF-8"), run.err());
    }

    @Test
    void scan_cleanText_saysSo() throws IOException {
        Run run = veil("scan", file("clean.txt", "What is the capital of France?\n").toString());

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("no findings"), run.out());
    }

    @Test
    void threads_belowOne_isAUsageError() throws IOException {
        Run run = veil("scan", "--jsonl", "--threads", "0", file("in.jsonl", "").toString());

        assertEquals(2, run.exit());
        assertTrue(run.err().contains("--threads"), run.err());
    }

    @Test
    void excerpt_masksAllButTheEnds() {
        assertEquals("jo**********om (20 chars)".length() > 0, true);
        String masked = ScanCommand.Excerpt.mask("alice@example.com");
        assertEquals("alic*********.com", masked);
        assertEquals("***", ScanCommand.Excerpt.mask("abc"), "short values are hidden whole");
        String pem = "-----BEGIN PRIVATE KEY-----\n" + "A".repeat(100);
        String maskedPem = ScanCommand.Excerpt.mask(pem);
        assertTrue(maskedPem.endsWith("(128 chars)"), maskedPem);
        assertFalse(maskedPem.contains("\n"), "one line per finding");
    }

    @Test
    void positions_countCodePointsNotUtf16Units() {
        String text = "😀 a\nb😀c";
        ScanCommand.Positions p = new ScanCommand.Positions(text);
        assertEquals(2, p.codePoint(3), "the emoji is two UTF-16 units but one code point");
        assertEquals("2:3", p.lineColumn(text.indexOf('c')));
    }
}
