package dev.veil.proxy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.proxy.tls.SelfSignedCertificate;
import dev.veil.proxy.tls.ServerTls;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TlsCommandTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private static Run tls(String... args) {
        CommandLine cli = new CommandLine(new TlsCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void selfsigned_writesAPairThatLoadsForTheRequestedDays() throws Exception {
        Path out = dir.resolve("tls");
        Run run = tls("selfsigned", "--out", out.toString(), "--host", "veil.local", "--days", "7");

        assertEquals(0, run.exit(), run.err());
        Path cert = out.resolve(SelfSignedCertificate.CERTIFICATE_FILE);
        Path key = out.resolve(SelfSignedCertificate.KEY_FILE);
        ServerTls loaded = ServerTls.load(cert, key);
        Duration left = Duration.between(Instant.now(), loaded.notAfter());
        assertTrue(left.compareTo(Duration.ofDays(6)) > 0 && left.compareTo(Duration.ofDays(7)) <= 0, left.toString());
        assertTrue(run.out().contains("cert: " + cert), run.out());
        assertTrue(run.out().contains("curl --cacert " + cert + " https://veil.local:8787/v1/models"), run.out());
    }

    @Test
    void selfsigned_existingFiles_areKeptUnlessForced() throws Exception {
        assertEquals(0, tls("selfsigned", "--out", dir.toString()).exit());
        String cert = Files.readString(dir.resolve(SelfSignedCertificate.CERTIFICATE_FILE));

        Run again = tls("selfsigned", "--out", dir.toString());
        assertEquals(TlsCommand.ERROR, again.exit());
        assertTrue(again.err().contains("already exists; nothing was written"), again.err());
        assertEquals(cert, Files.readString(dir.resolve(SelfSignedCertificate.CERTIFICATE_FILE)));

        assertEquals(0, tls("selfsigned", "--out", dir.toString(), "--force").exit());
        assertTrue(!cert.equals(Files.readString(dir.resolve(SelfSignedCertificate.CERTIFICATE_FILE))));
    }
}
