package dev.veil.proxy.cli;

import dev.veil.audit.AuditEntry;
import dev.veil.audit.AuditExport;
import dev.veil.audit.AuditKeys;
import dev.veil.audit.AuditQuery;
import dev.veil.audit.AuditReader;
import dev.veil.audit.AuditRecord;
import dev.veil.audit.AuditReport;
import dev.veil.audit.AuditVerifier;
import dev.veil.audit.VerificationReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code veil audit}: the compliance officer's tools. They work offline on copied files; only
 * {@code show}, {@code export} and {@code report} need the officer's private key.
 */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Create keys for, verify, search, export and report on the encrypted audit trail.",
        subcommands = {
            AuditCommand.Keygen.class,
            AuditCommand.Verify.class,
            AuditCommand.Show.class,
            AuditCommand.Export.class,
            AuditCommand.Report.class
        })
final class AuditCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Exit code for usage and input errors (a key that cannot be read, a missing directory). */
    static final int ERROR = 2;

    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description = "Create an officer key pair (X25519) and a proxy signing key pair (Ed25519).")
    static final class Keygen implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the key files.")
        Path out;

        @Override
        public Integer call() {
            PrintWriter w = spec.commandLine().getOut();
            try {
                for (Path p : AuditKeys.generate(out)) {
                    w.println("wrote " + p);
                }
            } catch (IOException e) {
                spec.commandLine().getErr().println("veil audit keygen: " + e.getMessage());
                return ERROR;
            }
            w.println();
            w.println("Give the proxy " + AuditKeys.OFFICER_PUBLIC + " and " + AuditKeys.SIGNING_PRIVATE + ".");
            w.println("Keep " + AuditKeys.OFFICER_PRIVATE + " off the proxy host: it decrypts the trail.");
            w.println("Keep " + AuditKeys.SIGNING_PUBLIC + " with the officer to pin it: veil audit verify --signer.");
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check chain, sequence, Merkle roots, signatures and truncation. Exit 0 if whole, 1 if not.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "DIR",
                description = "Trail directories (or copies), one per proxy instance; each is verified on its own.")
        List<Path> dirs;

        @Option(names = "--checkpoints", paramLabel = "DIR2",
                description = "The second checkpoint location, to catch deleted or truncated newest segments.")
        Path checkpoints;

        @Option(names = "--signer", paramLabel = "PUBLIC_KEY",
                description = "Pin the proxy's signing public key instead of trusting the first segment's.")
        Path signer;

        @Override
        public Integer call() {
            if (checkpoints != null && dirs.size() > 1) {
                spec.commandLine().getErr().println("veil audit verify: --checkpoints belongs to one trail; "
                        + "verify one directory at a time with it");
                return ERROR;
            }
            PrintWriter out = spec.commandLine().getOut();
            boolean whole = true;
            for (Path dir : dirs) {
                try (Progress progress = new Progress(spec, "verified")) {
                    VerificationReport report = AuditVerifier.verify(dir, Optional.ofNullable(checkpoints),
                            Optional.ofNullable(signer), progress);
                    progress.clear();
                    out.println((dirs.size() > 1 ? dir + ": " : "") + report.summary());
                    report.notes().forEach(n -> out.println("note: " + n));
                    out.flush();
                    whole &= report.ok();
                } catch (IOException e) {
                    spec.commandLine().getErr().println("veil audit verify: " + e.getMessage());
                    return ERROR;
                }
            }
            return whole ? 0 : 1;
        }
    }

    /** The filters shared by show and export. */
    static final class Filters {
        @Option(names = "--from", paramLabel = "TIME", description = "From this instant or UTC date (inclusive).")
        String from;

        @Option(names = "--to", paramLabel = "TIME",
                description = "Up to this instant (exclusive) or UTC date (inclusive).")
        String to;

        @Option(names = "--action", description = "allow, redact, route, block, reject, or a lifecycle event.")
        String action;

        @Option(names = "--rule", paramLabel = "ID", description = "Records where this rule applied.")
        String rule;

        @Option(names = "--type", description = "Records with this finding type; a trailing * matches a prefix.")
        String type;

        @Option(names = "--upstream", paramLabel = "NAME", description = "An upstream name, or external/internal.")
        String upstream;

        @Option(names = "--tenant", paramLabel = "ID", description = "A tenant or key id, matched by fingerprint.")
        String tenant;

        @Option(names = "--value", paramLabel = "TEXT",
                description = "Records that held this value, matched by fingerprint; '-' reads it from stdin.")
        String value;

        AuditQuery query() throws IOException {
            String v = value;
            if ("-".equals(v)) {
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                v = Optional.ofNullable(in.readLine()).orElse("");
            }
            return new AuditQuery(Optional.ofNullable(from).map(t -> time(t, false)),
                    Optional.ofNullable(to).map(t -> time(t, true)), Optional.ofNullable(action),
                    Optional.ofNullable(rule), Optional.ofNullable(type), Optional.ofNullable(upstream),
                    Optional.ofNullable(tenant), Optional.ofNullable(v));
        }

        static Instant time(String text, boolean end) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                try {
                    LocalDate day = LocalDate.parse(text);
                    return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException e2) {
                    throw new CommandLine.TypeConversionException(
                            "'" + text + "' is neither an instant (2026-03-02T09:00:00Z) nor a date (2026-03-02)");
                }
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Decrypt and print matching records.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "DIR", description = "Trail directories, one per proxy instance.")
        List<Path> dirs;

        @Option(names = "--key", required = true, paramLabel = "OFFICER_KEY", description = "officer-x25519.key")
        Path key;

        @Option(names = "--json", description = "Print each record as a JSON line.")
        boolean json;

        @Mixin
        Filters filters;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            long[] count = {0};
            Consumer<AuditEntry> print = e -> {
                count[0]++;
                out.println(json ? AuditExport.json(e).toString() : line(e));
            };
            int rc = read(spec, dirs, key, filters, "read", print);
            out.flush();
            if (rc == 0) {
                // On stderr with --json, so standard output stays pure JSON lines.
                PrintWriter summary = json ? spec.commandLine().getErr() : out;
                summary.println(count[0] + " record" + (count[0] == 1 ? "" : "s"));
                summary.flush();
            }
            return rc;
        }

        static String line(AuditEntry e) {
            AuditRecord r = e.record();
            String head = "#" + e.seq() + " " + r.time() + " " + r.label();
            if (r.kind() == AuditRecord.Kind.LIFECYCLE) {
                return head + "  " + r.lifecycle().detail();
            }
            String upstream = r.routing().upstream().isEmpty() ? "-"
                    : r.routing().upstream() + "(" + r.routing().trust() + ")";
            String findings = r.findings().types().stream().map(f -> f.type() + "x" + f.count())
                    .collect(Collectors.joining(","));
            return head + "  " + r.requestId() + "  " + r.endpoint() + "  model=" + r.routing().requestedModel()
                    + "  upstream=" + upstream + "  rules=" + String.join(",", r.verdict().rules())
                    + "  findings=" + (findings.isEmpty() ? "-" : findings) + "  status=" + r.outcome().status()
                    + "  " + r.outcome().latencyMillis() + "ms";
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Decrypt matching records to JSONL or CSV.")
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "DIR", description = "Trail directories, one per proxy instance.")
        List<Path> dirs;

        @Option(names = "--key", required = true, paramLabel = "OFFICER_KEY", description = "officer-x25519.key")
        Path key;

        @Option(names = "--format", required = true, description = "jsonl or csv")
        AuditExport.Format format;

        @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of standard output.")
        Path outFile;

        @Mixin
        Filters filters;

        @Override
        public Integer call() {
            try (Writer w = outFile == null ? new NonClosing(spec.commandLine().getOut())
                    : Files.newBufferedWriter(outFile, StandardCharsets.UTF_8)) {
                AuditExport export = new AuditExport(w, format);
                int rc = read(spec, dirs, key, filters, "exported", export);
                w.flush();
                if (rc == 0 && outFile != null) {
                    spec.commandLine().getErr().println(export.count() + " records written to " + outFile);
                }
                return rc;
            } catch (IOException e) {
                spec.commandLine().getErr().println("veil audit export: " + e.getMessage());
                return ERROR;
            }
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Counts by action, rule, type, upstream and day, and where each finding type went.")
    static final class Report implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "DIR", description = "Trail directories, one per proxy instance.")
        List<Path> dirs;

        @Option(names = "--key", required = true, paramLabel = "OFFICER_KEY", description = "officer-x25519.key")
        Path key;

        @Option(names = "--from", paramLabel = "TIME", description = "From this instant or UTC date (inclusive).")
        String from;

        @Option(names = "--to", paramLabel = "TIME",
                description = "Up to this instant (exclusive) or UTC date (inclusive).")
        String to;

        @Override
        public Integer call() {
            Filters period = new Filters();
            period.from = from;
            period.to = to;
            AuditReport report = new AuditReport();
            int rc = read(spec, dirs, key, period, "read", report);
            if (rc == 0) {
                spec.commandLine().getOut().print(report.render());
                spec.commandLine().getOut().flush();
            }
            return rc;
        }
    }

    /** Standard output must stay open after an export to it. */
    private static final class NonClosing extends java.io.FilterWriter {
        NonClosing(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** Reads the directories one after the other; within each, records come in trail order. */
    private static int read(CommandSpec spec, List<Path> dirs, Path key, Filters filters, String verb,
            Consumer<AuditEntry> out) {
        String name = "veil audit " + spec.name();
        try (Progress progress = new Progress(spec, verb)) {
            AuditQuery query = filters.query();
            long before = 0;
            for (Path dir : dirs) {
                AuditReader reader = AuditReader.open(dir, key);
                long offset = before;
                long[] seen = {0};
                reader.read(query, n -> {
                    seen[0] = n;
                    progress.accept(offset + n);
                }, out);
                before += seen[0];
                reader.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + dir + ": " + w));
            }
            progress.clear();
            return 0;
        } catch (IOException e) {
            spec.commandLine().getErr().println(name + ": " + e.getMessage());
            return ERROR;
        } catch (CommandLine.TypeConversionException e) {
            spec.commandLine().getErr().println(name + ": " + e.getMessage());
            return ERROR;
        }
    }

    /** A running count on the terminal for long runs; silent when output is not a terminal. */
    private static final class Progress implements LongConsumer, AutoCloseable {
        private final PrintWriter err;
        private final String verb;
        private final boolean enabled = System.console() != null;
        private long lastPrint;
        private boolean printed;

        Progress(CommandSpec spec, String verb) {
            this.err = spec.commandLine().getErr();
            this.verb = verb;
        }

        @Override
        public void accept(long records) {
            if (!enabled || (records & 0x3FF) != 0) {
                return;
            }
            long now = System.nanoTime();
            if (now - lastPrint > 250_000_000L) {
                lastPrint = now;
                printed = true;
                err.print("\r" + verb + " " + records + " records...");
                err.flush();
            }
        }

        @Override
        public void close() {
            clear();
        }

        /** Removes the progress line, so that what is printed next starts clean. */
        void clear() {
            if (printed) {
                err.print("\r\033[K");
                err.flush();
                printed = false;
            }
        }
    }
}
