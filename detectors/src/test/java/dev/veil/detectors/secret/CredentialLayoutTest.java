package dev.veil.detectors.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.veil.detectors.Finding;
import dev.veil.detectors.Scanner;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Credentials written over several lines or beside the other half of a pair: what is reported,
 * and where the report stops. All values are made up.
 */
class CredentialLayoutTest {

    private static final Scanner SECRETS = new Scanner(SecretDetectors.all());

    private static List<String> found(String text) {
        return SECRETS.scan(text).findings().stream()
                .map(f -> f.type() + "=" + text.substring(f.start(), f.end()))
                .toList();
    }

    @Test
    void connectionString_oneKeyPerLineIsOneFinding() {
        String text = """
                DefaultEndpointsProtocol=https;AccountName=acmestore;
                AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;
                EndpointSuffix=core.windows.net;
                """;
        assertEquals(List.of("secret.connection_string=" + text.strip().replaceAll(";$", "")), found(text));
    }

    @Test
    void connectionString_codeOnTheLinesAroundIsNotPartOfIt() {
        String text = "int a = 5;\nServer=db1;User Id=app;Password=Qm7vLp2x;\nint b = 6;\n";
        assertEquals(List.of("secret.connection_string=Server=db1;User Id=app;Password=Qm7vLp2x"), found(text));
    }

    @Test
    void anonymousLogin_passwordIsNotReportedButTheNextCredentialIs() {
        String text = "ftp_user = \"anonymous\"\nftp_pass = \"me@example.org\"\n" + "\n".repeat(120)
                + "db_user = \"reporter\"\ndb_pass = \"Xq9!vLp2\"\n";
        assertEquals(List.of("secret.password_assignment=Xq9!vLp2", "secret.username=reporter"),
                found(text).stream().sorted().toList());
    }

    @Test
    void sharedSecret_passphraseUnderAYamlSecretKeyIsReported() {
        String text = "jwt:\n  secret: \"harbor#lantern42\"\n  expires: \"50m\"\n";
        List<Finding> findings = SECRETS.scan(text).findings();
        assertEquals(1, findings.size());
        assertEquals("harbor#lantern42", text.substring(findings.get(0).start(), findings.get(0).end()));
    }
}
