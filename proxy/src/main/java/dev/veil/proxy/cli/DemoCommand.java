package dev.veil.proxy.cli;

import dev.veil.audit.AuditKeys;
import dev.veil.proxy.Bundled;
import dev.veil.proxy.Veil;
import dev.veil.proxy.config.AuditConfig;
import dev.veil.proxy.config.UpstreamConfig;
import dev.veil.proxy.config.VeilConfig;
import dev.veil.proxy.demo.StubUpstream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code veil demo}: Veil between two loopback stand-ins, one for OpenAI and one for a self-hosted
 * model, with a few requests sent through it by a real HTTP client and a table of what happened.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run Veil against two built-in stand-in upstreams and show where each request went.")
final class DemoCommand implements Callable<Integer> {

    private static final String PRIVATE_KEY = "-----BEGIN RSA PRIVATE KEY-----\\n"
            + "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\\n"
            + "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\\n"
            + "-----END RSA PRIVATE KEY-----";

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "veil-data",
            description = "Where the demo keeps its keys and audit trail (default: ${DEFAULT-VALUE}).")
    Path data;

    private record Sample(String label, String body, String expectedUpstream, int expectedStatus) {
    }

    private record Row(String label, String findings, String rule, String reached, int status, boolean ok) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path keys = data.resolve("keys");
        if (!Files.exists(keys.resolve(AuditKeys.OFFICER_PUBLIC))) {
            AuditKeys.generate(keys);
            out.println("Created demo keys in " + keys + " (in production the compliance officer keeps "
                    + AuditKeys.OFFICER_PRIVATE + " off the proxy host and gives Veil only the .pub file).");
        }
        Path auditDir = data.resolve("demo-audit");
        try (StubUpstream openai = StubUpstream.start("stand-in for OpenAI");
                StubUpstream local = StubUpstream.start("stand-in for a self-hosted model")) {
            VeilConfig d = VeilConfig.defaults();
            VeilConfig cfg = d.withPort(0)
                    .withPolicy(Bundled.policy(d.policyFile(), data))
                    .withAudit(new AuditConfig(auditDir, List.of(keys.resolve(AuditKeys.OFFICER_PUBLIC)),
                            keys.resolve(AuditKeys.SIGNING_PRIVATE), Optional.empty(), d.audit().fsync()))
                    .withUpstream(retarget(d.upstream("openai"), openai.baseUrl()))
                    .withUpstream(retarget(d.upstream("local"), local.baseUrl()));
            Veil veil;
            try {
                // The stand-in for OpenAI gets a stand-in key: a real key from the environment stays unused.
                veil = ServeCommand.startVeil(cfg, java.util.Map.of("OPENAI_API_KEY", "sk-demo-not-a-real-key"), err);
            } catch (ServeCommand.StartupException e) {
                return 1;
            }
            List<Row> rows = new ArrayList<>();
            try (veil) {
                out.println("Veil is running on " + veil.baseUrl() + " between two stand-ins on loopback:");
                out.println("  openai = " + openai.baseUrl() + "  (stand-in for OpenAI, trust: external)");
                out.println("  local  = " + local.baseUrl() + "  (stand-in for a self-hosted model, trust: internal)");
                out.println();
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                for (Sample s : samples()) {
                    rows.add(send(http, veil.baseUrl(), s, openai, local));
                }
            }
            printTable(out, rows);
            out.println();
            out.println("Audit records (encrypted to the officer key) are in " + auditDir + ". Verify and read them:");
            out.println("  ./veil audit verify " + auditDir);
            out.println("  ./veil audit show " + auditDir + " --key " + keys.resolve(AuditKeys.OFFICER_PRIVATE));
            out.println("Next: ./veil serve   (listens on 127.0.0.1:8787; see veil.example.yaml)");
            out.flush();
            return rows.stream().allMatch(Row::ok) ? 0 : 1;
        }
    }

    private static List<Sample> samples() {
        return List.of(
                new Sample("clean question", chat("What is the capital of France?", false), "openai", 200),
                new Sample("question with a US SSN",
                        chat("My SSN is 123-45-6789. Which tax form do I need?", false), "local", 200),
                new Sample("question with an e-mail address",
                        chat("Draft a reply to jane.doe@example.com about the invoice.", false), "local", 200),
                new Sample("code with a private key",
                        chat("Why does this fail?\\n" + PRIVATE_KEY, false), "", 403),
                new Sample("clean question, streamed", chat("Write a haiku about autumn.", true), "openai", 200));
    }

    private static String chat(String content, boolean stream) {
        return "{\"model\":\"gpt-4o-mini\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}";
    }

    private static Row send(HttpClient http, String base, Sample s, StubUpstream openai, StubUpstream local)
            throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/chat/completions"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer demo-client-key")
                .POST(HttpRequest.BodyPublishers.ofString(s.body()))
                .build();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        List<String> reached = new ArrayList<>();
        if (!openai.drain().isEmpty()) {
            reached.add("openai (external)");
        }
        if (!local.drain().isEmpty()) {
            reached.add("local (internal)");
        }
        String findings = resp.headers().firstValue("x-veil-findings").orElse("none");
        String rule = resp.headers().firstValue("x-veil-decision").map(v -> v.replaceFirst("^.*rule=", ""))
                .orElse("-");
        String where = reached.isEmpty() ? "nobody" : String.join(" + ", reached);
        boolean ok = resp.statusCode() == s.expectedStatus()
                && (s.expectedUpstream().isEmpty() ? reached.isEmpty()
                        : reached.size() == 1 && reached.get(0).startsWith(s.expectedUpstream()));
        return new Row(s.label(), findings, rule, where, resp.statusCode(), ok);
    }

    private static void printTable(PrintWriter out, List<Row> rows) {
        String[] head = {"request", "findings", "rule", "reached", "status", ""};
        int[] w = new int[head.length];
        for (int i = 0; i < head.length; i++) {
            w[i] = head[i].length();
        }
        List<String[]> cells = new ArrayList<>();
        for (Row r : rows) {
            String[] c = {r.label(), r.findings(), r.rule(), r.reached(), String.valueOf(r.status()),
                r.ok() ? "as expected" : "UNEXPECTED"};
            for (int i = 0; i < c.length; i++) {
                w[i] = Math.max(w[i], c[i].length());
            }
            cells.add(c);
        }
        out.println(line(head, w));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            rule.append("-".repeat(w[i])).append(i < w.length - 1 ? "  " : "");
        }
        out.println(rule);
        cells.forEach(c -> out.println(line(c, w)));
    }

    private static String line(String[] c, int[] w) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < c.length; i++) {
            sb.append(String.format("%-" + w[i] + "s", c[i])).append(i < c.length - 1 ? "  " : "");
        }
        return sb.toString().stripTrailing();
    }

    private static UpstreamConfig retarget(UpstreamConfig u, String url) {
        return new UpstreamConfig(u.name(), URI.create(url), u.trust(), u.apiKeyEnv(), u.models(),
                u.connectTimeout(), u.responseTimeout(), u.idleTimeout());
    }
}
