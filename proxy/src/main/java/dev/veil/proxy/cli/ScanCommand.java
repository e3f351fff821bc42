package dev.veil.proxy.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.detectors.Finding;
import dev.veil.detectors.ScanResult;
import dev.veil.detectors.Scanner;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code veil scan}: runs Veil's standard detectors over a file and reports what they find.
 *
 * <p>Two outputs. For a person: one line per finding with its position, type, score, detector
 * and the found value masked (unless {@code --show-values}). For a program ({@code --jsonl}):
 * input lines {@code {"id": ..., "text": "..."}} become output lines
 * {@code {"id": ..., "findings": [{"type", "start", "end", "score", "detector"}]}} in input
 * order, with offsets counted in Unicode code points (as Python counts), so that anyone can score
 * Veil on their own labelled data. JSON Lines input is streamed: memory stays bounded by the
 * number of lines in flight, whatever the size of the file.
 */
@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Scans a text with Veil's standard detectors and prints the findings.",
            "",
            "By default FILE is read as one text and each finding is printed for a person to"
                    + " read, with the value masked. With --jsonl, each input line is"
                    + " {\"id\": ..., \"text\": \"...\"} and each output line is"
                    + " {\"id\": ..., \"findings\": [{\"type\", \"start\", \"end\", \"score\","
                    + " \"detector\"}]}, in input order, offsets in Unicode code points."
        },
        footer = {
            "",
            "Exit status: 0 scanned; 1 scanned, but a detector failed so findings may be"
                    + " incomplete; 2 unreadable input or a malformed JSON line."
        })
final class ScanCommand implements Callable<Integer> {

    /** Scanned, every detector ran. */
    static final int OK = 0;
    /** Scanned, but at least one detector threw: the findings may be incomplete. */
    static final int DEGRADED = 1;
    /** The input could not be read or a JSON line was malformed. */
    static final int BAD_INPUT = 2;

    private static final String ROW = "%-9s %-28s %-5s  %-26s %-24s %s%n";

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "FILE|-",
            description = "The text to scan, UTF-8; '-' or nothing reads standard input.")
    String file;

    @Option(
            names = "--jsonl",
            description = "Read JSON Lines {\"id\", \"text\"}; write {\"id\", \"findings\"} lines.")
    boolean jsonl;

    @Option(
            names = "--show-values",
            description = "Print found values in full instead of masked (human output only).")
    boolean showValues;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Lines scanned in parallel with --jsonl (default: number of CPUs).")
    Integer threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        int threadCount = threadCount();
        try (InputStream in = open()) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in,
                    StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)));
            PrintWriter out = spec.commandLine().getOut();
            // Built after the input is open: loading the models takes a moment, not worth
            // spending on a missing file.
            Scanner scanner = Scanner.standard();
            int status = jsonl
                    ? new JsonlScan(scanner, threadCount, out, err).run(reader)
                    : scanText(scanner, reader, out, err);
            out.flush();
            return status;
        } catch (NoSuchFileException e) {
            err.println("veil scan: no such file: " + file);
            return BAD_INPUT;
        } catch (CharacterCodingException e) {
            err.println("veil scan: input is not valid UTF-8");
            return BAD_INPUT;
        } catch (IOException | UncheckedIOException e) {
            err.println("veil scan: cannot read input: " + e.getClass().getSimpleName());
            return BAD_INPUT;
        } catch (BadLineException e) {
            err.println("veil scan: line " + e.line + ": " + e.getMessage());
            return BAD_INPUT;
        }
    }

    private InputStream open() throws IOException {
        if (file == null || file.equals("-")) {
            // Standard input belongs to the process, not to this command: leave it open.
            return new FilterInputStream(System.in) {
                @Override
                public void close() {
                }
            };
        }
        return Files.newInputStream(Path.of(file));
    }

    private int threadCount() {
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--threads must be at least 1, was " + n);
        }
        return n;
    }

    private int scanText(Scanner scanner, BufferedReader reader, PrintWriter out,
            PrintWriter err) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[8192];
        for (int n; (n = reader.read(buf)) != -1; ) {
            sb.append(buf, 0, n);
        }
        String text = sb.toString();
        ScanResult result = scanner.scan(text);
        Positions positions = new Positions(text);
        Map<String, Integer> counts = new TreeMap<>();
        if (!result.findings().isEmpty()) {
            out.printf(ROW, "line:col", "type", "score", "detector",
                    showValues ? "value" : "value (masked)", "[start, end) in code points");
        }
        for (Finding f : result.findings()) {
            counts.merge(f.type(), 1, Integer::sum);
            String value = text.substring(f.start(), f.end());
            out.printf(ROW,
                    positions.lineColumn(f.start()),
                    f.type(),
                    String.format(Locale.ROOT, "%.2f", f.score()),
                    f.detector(),
                    showValues ? Excerpt.escape(value) : Excerpt.mask(value),
                    "[" + positions.codePoint(f.start()) + ", " + positions.codePoint(f.end())
                            + ")");
        }
        out.println(summary(result.findings().size(), counts));
        if (result.degraded()) {
            err.println("veil scan: detectors failed, findings may be incomplete: "
                    + String.join(", ", result.failedDetectors()));
            return DEGRADED;
        }
        return OK;
    }

    private static String summary(int total, Map<String, Integer> counts) {
        if (total == 0) {
            return "no findings";
        }
        StringBuilder sb = new StringBuilder().append(total)
                .append(total == 1 ? " finding:" : " findings:");
        counts.forEach((type, n) -> sb.append(' ').append(type).append(" x").append(n));
        return sb.toString();
    }

    /** A malformed JSON Lines input line; the message never contains the line's text. */
    static final class BadLineException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final long line;

        BadLineException(long line, String message) {
            super(message, null, false, false);
            this.line = line;
        }
    }

    /**
     * Streams JSON Lines through the scanner on a small pool, writing results in input order.
     * At most {@code 4 * threads} lines are in flight, so memory does not grow with the input.
     */
    static final class JsonlScan {

        private final Scanner scanner;
        private final int threads;
        private final PrintWriter out;
        private final PrintWriter err;
        private final ObjectMapper mapper = new ObjectMapper();
        // ASCII-only output: correct whatever the platform encoding of the output stream.
        private final JsonFactory json = JsonFactory.builder()
                .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
                .build();

        JsonlScan(Scanner scanner, int threads, PrintWriter out, PrintWriter err) {
            this.scanner = requireNonNull(scanner, "scanner");
            this.threads = threads;
            this.out = requireNonNull(out, "out");
            this.err = requireNonNull(err, "err");
        }

        int run(BufferedReader reader) throws IOException {
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "veil-scan");
                t.setDaemon(true);
                return t;
            });
            Deque<Future<Scanned>> inFlight = new ArrayDeque<>();
            Set<String> failed = new LinkedHashSet<>();
            try {
                long lineNumber = 0;
                for (String line; (line = reader.readLine()) != null; ) {
                    lineNumber++;
                    if (line.isBlank()) {
                        continue;
                    }
                    Input input;
                    try {
                        input = parse(line, lineNumber);
                    } catch (BadLineException e) {
                        // Lines before the bad one are valid: write their results, then stop.
                        drain(inFlight, 0, failed);
                        throw e;
                    }
                    inFlight.add(pool.submit(() -> new Scanned(input, scanner.scan(input.text))));
                    drain(inFlight, 4 * threads, failed);
                }
                drain(inFlight, 0, failed);
            } finally {
                pool.shutdownNow();
            }
            if (!failed.isEmpty()) {
                err.println("veil scan: detectors failed on some lines, findings may be"
                        + " incomplete: " + String.join(", ", failed));
                return DEGRADED;
            }
            return OK;
        }

        private Input parse(String line, long lineNumber) {
            JsonNode node;
            try {
                node = mapper.readTree(line);
            } catch (JsonProcessingException e) {
                throw new BadLineException(lineNumber, "not valid JSON (at column "
                        + e.getLocation().getColumnNr() + ")");
            }
            if (node == null || !node.isObject()) {
                throw new BadLineException(lineNumber, "expected a JSON object"
                        + " {\"id\": ..., \"text\": \"...\"}");
            }
            JsonNode text = node.get("text");
            if (text == null || !text.isTextual()) {
                throw new BadLineException(lineNumber, "missing string field \"text\"");
            }
            JsonNode id = node.get("id");
            if (id == null) {
                throw new BadLineException(lineNumber, "missing field \"id\"");
            }
            return new Input(id, text.textValue());
        }

        /** Writes finished results, oldest first, until at most {@code keep} remain in flight. */
        private void drain(Deque<Future<Scanned>> inFlight, int keep, Set<String> failed)
                throws IOException {
            while (inFlight.size() > keep) {
                Scanned scanned;
                try {
                    scanned = inFlight.removeFirst().get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                } catch (ExecutionException e) {
                    // Scanner.scan catches detector failures itself; anything else is a bug.
                    throw new IllegalStateException("scan failed", e.getCause());
                }
                failed.addAll(scanned.result.failedDetectors());
                out.println(toJson(scanned));
            }
        }

        private String toJson(Scanned scanned) throws IOException {
            StringWriter sw = new StringWriter();
            Positions positions = new Positions(scanned.input.text);
            try (JsonGenerator g = json.createGenerator(sw)) {
                g.writeStartObject();
                g.writeFieldName("id");
                mapper.writeTree(g, scanned.input.id);
                g.writeArrayFieldStart("findings");
                for (Finding f : scanned.result.findings()) {
                    g.writeStartObject();
                    g.writeStringField("type", f.type());
                    g.writeNumberField("start", positions.codePoint(f.start()));
                    g.writeNumberField("end", positions.codePoint(f.end()));
                    g.writeNumberField("score", f.score());
                    g.writeStringField("detector", f.detector());
                    g.writeEndObject();
                }
                g.writeEndArray();
                if (scanned.result.degraded()) {
                    g.writeArrayFieldStart("failed_detectors");
                    for (String id : scanned.result.failedDetectors()) {
                        g.writeString(id);
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            return sw.toString();
        }

        private record Input(JsonNode id, String text) {
        }

        private record Scanned(Input input, ScanResult result) {
        }
    }

    /**
     * Converts a text's UTF-16 indexes (what Java and {@link Finding} use) to Unicode code point
     * indexes (what Python and most scorers use) and to 1-based line:column positions.
     */
    static final class Positions {

        private final String text;
        /** Where each line starts, in UTF-16 units. */
        private final int[] lineStarts;
        /** Code points before each UTF-16 index, or null when the text has no surrogate pair. */
        private final int[] codePointsBefore;

        /**
         * Indexes the text once: a text with thousands of findings (a list of e-mail addresses)
         * would otherwise be counted from its start for each of them.
         */
        Positions(String text) {
            this.text = requireNonNull(text, "text");
            int lines = 1;
            boolean surrogates = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                lines += c == '\n' ? 1 : 0;
                surrogates |= Character.isSurrogate(c);
            }
            this.lineStarts = new int[lines];
            for (int i = 0, line = 1; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    lineStarts[line++] = i + 1;
                }
            }
            if (surrogates) {
                codePointsBefore = new int[text.length() + 1];
                for (int i = 0, cp = 0; i < text.length(); i++) {
                    codePointsBefore[i] = cp;
                    if (!(Character.isLowSurrogate(text.charAt(i)) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)))) {
                        cp++;
                    }
                    codePointsBefore[i + 1] = cp;
                }
            } else {
                codePointsBefore = null;
            }
        }

        int codePoint(int utf16Index) {
            return codePointsBefore == null ? utf16Index : codePointsBefore[utf16Index];
        }

        String lineColumn(int utf16Index) {
            int line = java.util.Arrays.binarySearch(lineStarts, utf16Index);
            // A miss gives -(insertion point) - 1; the line is the one starting before the index.
            int index = line >= 0 ? line : -line - 2;
            return (index + 1) + ":" + (codePoint(utf16Index) - codePoint(lineStarts[index]) + 1);
        }
    }

    /** How a found value is shown to a person. */
    static final class Excerpt {

        private static final int MAX_HIDDEN_SHOWN = 12;

        private Excerpt() {
        }

        /**
         * Keeps a few characters at each end (at most a quarter of the value, at most 4) so a
         * person can tell which value was meant, and hides the rest; long values are shortened
         * and their length stated.
         */
        static String mask(String value) {
            int[] cps = value.codePoints().toArray();
            int keep = Math.min(4, cps.length / 4);
            int hidden = cps.length - 2 * keep;
            StringBuilder sb = new StringBuilder();
            appendEscaped(sb, cps, 0, keep);
            sb.append("*".repeat(Math.min(hidden, MAX_HIDDEN_SHOWN)));
            appendEscaped(sb, cps, cps.length - keep, cps.length);
            if (hidden > MAX_HIDDEN_SHOWN) {
                sb.append(" (").append(cps.length).append(" chars)");
            }
            return sb.toString();
        }

        /** The value in full, on one line. */
        static String escape(String value) {
            int[] cps = value.codePoints().toArray();
            StringBuilder sb = new StringBuilder();
            appendEscaped(sb, cps, 0, cps.length);
            return sb.toString();
        }

        private static void appendEscaped(StringBuilder sb, int[] cps, int from, int to) {
            for (int i = from; i < to; i++) {
                int c = cps[i];
                switch (c) {
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (Character.isISOControl(c)) {
                            sb.append(String.format("\\u%04x", c));
                        } else {
                            sb.appendCodePoint(c);
                        }
                    }
                }
            }
        }
    }
}
