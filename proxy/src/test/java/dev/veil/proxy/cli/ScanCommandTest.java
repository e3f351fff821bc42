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
        Path input = file("clean.txt", "Please summarise this paragraph in two sentences.\n");

        Run run = veil("scan", input.toString());

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("no findings"), run.out());
    }

    @Test
    void threads_belowOne_isAUsageError() throws IOException {
        Run run = veil("scan", "--jsonl", "--threads", "0", file("in.jsonl", "").toString());

        assertEquals(2, run.exit());
        assertTrue(run.err().contains("--threads"), run.err());
    }

    // Values made up for the tests; the card number is a published test number.
    private static final String EMAIL = "alice@example.com";
    private static final String CARD = "4111 1111 1111 1111";
    private static final String SSN = "219-09-9999";
    private static final String AWS_KEY = "AKIAZ7Q4W2X5V3B6N5M2";
    private static final String PEM = "-----BEGIN PRIVATE KEY-----\n"
            + "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n"
            + "MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\n"
            + "NMoSfm76oqFvAp8Gy0iz5sxjZmSnXyCdPEovGhLa0VzMaQ8s+CLOyS56YyCFGeJZ\n"
            + "-----END PRIVATE KEY-----\n";

    private static String jsonLine(String id, String text) throws IOException {
        return JSON.writeValueAsString(java.util.Map.of("id", id, "text", text)) + "\n";
    }

    private static List<String> types(JsonNode line) {
        List<String> types = new ArrayList<>();
        line.get("findings").forEach(f -> types.add(f.get("type").textValue()));
        return types;
    }

    @Test
    void jsonl_reportsOffsetsInCodePoints() throws IOException {
        // Two emoji (two UTF-16 units each) and " write to " come before the address: 12 code
        // points, 14 UTF-16 units.
        String text = "\uD83D\uDE00\uD83D\uDE00 write to " + EMAIL + " today";
        Path input = file("in.jsonl", jsonLine("emoji", text));

        Run run = veil("scan", "--jsonl", input.toString());

        assertEquals(0, run.exit(), run.err());
        JsonNode finding = run.lines().get(0).get("findings").get(0);
        assertEquals("pii.email", finding.get("type").textValue());
        assertEquals(12, finding.get("start").intValue());
        assertEquals(12 + EMAIL.length(), finding.get("end").intValue());
        assertTrue(finding.get("score").isNumber());
        assertFalse(finding.get("detector").textValue().isEmpty());
    }

    @Test
    void jsonl_findsTheFirstDetectorSetAndRejectsInvalidNumbers() throws IOException {
        String in = jsonLine("email", "mail " + EMAIL + " please")
                + jsonLine("card", "my card is " + CARD + " thanks")
                + jsonLine("card-bad-luhn", "my card is 4111 1111 1111 1112 thanks")
                + jsonLine("ssn", "SSN " + SSN)
                + jsonLine("ssn-area-000", "SSN 000-12-3456")
                + jsonLine("aws", "key id " + AWS_KEY)
                + jsonLine("pem", "here:\n" + PEM)
                + jsonLine("clean", "Please summarise this paragraph in two sentences.");

        Run run = veil("scan", "--jsonl", file("in.jsonl", in).toString());

        assertEquals(0, run.exit(), run.err());
        List<JsonNode> lines = run.lines();
        assertEquals(List.of("email", "card", "card-bad-luhn", "ssn", "ssn-area-000", "aws", "pem",
                "clean"), lines.stream().map(l -> l.get("id").textValue()).toList());
        assertEquals(List.of("pii.email"), types(lines.get(0)));
        assertEquals(List.of("financial.payment_card"), types(lines.get(1)));
        assertEquals(List.of(), types(lines.get(2)));
        assertEquals(List.of("gov_id.us_ssn"), types(lines.get(3)));
        assertEquals(List.of(), types(lines.get(4)));
        assertEquals(List.of("secret.aws_access_key_id"), types(lines.get(5)));
        assertEquals(List.of("secret.private_key"), types(lines.get(6)));
        assertEquals(List.of(), types(lines.get(7)));
        JsonNode card = lines.get(1).get("findings").get(0);
        assertEquals(11, card.get("start").intValue());
        assertEquals(11 + CARD.length(), card.get("end").intValue());
    }

    @Test
    void scan_printsFindingsWithValuesMasked() throws IOException {
        Path input = file("note.txt", "Contact: " + EMAIL + "\ncard " + CARD + "\n" + PEM);

        Run run = veil("scan", input.toString());

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("pii.email"), run.out());
        assertTrue(run.out().contains("financial.payment_card"), run.out());
        assertTrue(run.out().contains("secret.private_key"), run.out());
        assertTrue(run.out().contains("2:6"), "line:column of the card: " + run.out());
        assertFalse(run.out().contains(EMAIL), "values are masked by default");
        assertFalse(run.out().contains(CARD), "values are masked by default");
        assertFalse(run.out().contains("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"), "key body is hidden");
        assertTrue(run.out().contains("3 findings"), run.out());
    }

    @Test
    void scan_showValues_printsValuesInFull() throws IOException {
        Path input = file("note.txt", "Contact: " + EMAIL + "\ncard " + CARD + "\n");

        Run run = veil("scan", "--show-values", input.toString());

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains(EMAIL), run.out());
        assertTrue(run.out().contains(CARD), run.out());
    }

    @Test
    void scan_dash_readsStandardInput() {
        java.io.InputStream original = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(
                    jsonLineUnchecked("stdin", "ssn " + SSN).getBytes(StandardCharsets.UTF_8)));
            Run run = veil("scan", "--jsonl", "-");
            assertEquals(0, run.exit(), run.err());
            assertTrue(run.out().contains("\"gov_id.us_ssn\""), run.out());
        } finally {
            System.setIn(original);
        }
    }

    private static String jsonLineUnchecked(String id, String text) {
        try {
            return jsonLine(id, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void excerpt_masksAllButTheEnds() {
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

    @Test
    void positions_agreeWithCountingFromTheStart_onRandomTexts() {
        java.util.Random random = new java.util.Random(7);
        String[] pieces = {"a", "\n", "😀", "é", "\uD83D", "\uDE00", " ", "\r\n"};
        for (int round = 0; round < 500; round++) {
            StringBuilder b = new StringBuilder();
            for (int i = random.nextInt(60); i > 0; i--) {
                b.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = b.toString();
            ScanCommand.Positions p = new ScanCommand.Positions(text);
            for (int at = 0; at <= text.length(); at++) {
                int lineStart = text.lastIndexOf('\n', at - 1) + 1;
                long line = text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
                String expected = line + ":" + (text.codePointCount(lineStart, at) + 1);
                assertEquals(text.codePointCount(0, at), p.codePoint(at), "code point at " + at + " in round " + round);
                assertEquals(expected, p.lineColumn(at), "line:column at " + at + " in round " + round);
            }
        }
    }
}
