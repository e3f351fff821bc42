package dev.veil.detectors.secret;

import static dev.veil.detectors.pattern.DetectorAssertions.assertFinds;
import static dev.veil.detectors.pattern.DetectorAssertions.assertNothing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.detectors.Detector;
import dev.veil.detectors.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretDetectorsTest {

    private final Detector awsKeyId = SecretDetectors.awsAccessKeyId();
    private final Detector privateKey = SecretDetectors.privateKey();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "aws_access_key_id = AKIAIOSFODNN7EXAMPLE           | AKIAIOSFODNN7EXAMPLE",
        "export AWS_ACCESS_KEY_ID=\"ASIAY34FZKBOKMUTVV7A\"    | ASIAY34FZKBOKMUTVV7A",
        "key:AKIA2E0A8F3B244C9986 is wrong, AKIAQYLPMN5HFIQR7XYZ ok | AKIAQYLPMN5HFIQR7XYZ",
    })
    void awsAccessKeyId_isFound(String text, String expected) {
        assertFinds(awsKeyId, text.strip(), expected.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "AKIAIOSFODNN7EXAMPL",
        "AKIAIOSFODNN7EXAMPLEX",
        "XAKIAIOSFODNN7EXAMPLE",
        "akiaiosfodnn7example",
        "BKIAIOSFODNN7EXAMPLE",
    })
    void awsAccessKeyId_notFound(String text) {
        assertNothing(awsKeyId, text);
    }

    private static final String BODY = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n"
            + "MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\n";

    @ParameterizedTest
    @ValueSource(strings = {"PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY",
        "ENCRYPTED PRIVATE KEY", "DSA PRIVATE KEY", "PGP PRIVATE KEY BLOCK"})
    void privateKey_wholeBlockIsFound(String label) {
        String block = "-----BEGIN " + label + "-----\n" + BODY + "-----END " + label + "-----";
        String text = "here is my key:\n" + block + "\nthanks";
        assertFinds(privateKey, text, block);
        assertEquals(0.99, privateKey.detect(text).get(0).score());
    }

    @Test
    void privateKey_truncatedBlockIsFoundToTheEndOfItsBody() {
        String text = "key: -----BEGIN RSA PRIVATE KEY-----\n" + BODY + "\n\nwhat does it do?";
        assertFinds(privateKey, text, "-----BEGIN RSA PRIVATE KEY-----\n" + BODY.strip());
    }

    @Test
    void privateKey_jsonEscapedBlockIsFound() {
        String pem = "-----BEGIN PRIVATE KEY-----\\n" + BODY.replace("\n", "\\n") + "-----END PRIVATE KEY-----";
        String text = "{\"type\": \"service_account\", \"private_key\": \"" + pem + "\\n\"}";
        assertFinds(privateKey, text, pem);
    }

    @Test
    void privateKey_headerWithoutKeyMaterialScoresLow() {
        List<Finding> f = privateKey.detect("-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----");
        assertEquals(1, f.size());
        assertTrue(f.get(0).score() < 0.5);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----",
        "-----BEGIN CERTIFICATE-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END CERTIFICATE-----",
        "never share your private key with anyone",
    })
    void privateKey_notFound(String text) {
        assertNothing(privateKey, text);
    }

    @Test
    void passwordHash_withPrincipalNameOutranksTheEmailInside() {
        String hash = "$krb5asrep$23$svc@corp.example:f621a857d0cd935ed957b43dbe5d3bbb$77bab78233fa7eedabede16d336a1c5f03a7cc3e87d862a551d69633be675f7e47f2a1167eeece6a47147acc3103374df49c3efead73f19e57626b49";
        List<Finding> findings = dev.veil.detectors.Scanner.standard().scan("hash: " + hash).findings();
        assertEquals(List.of("secret.password_hash"), findings.stream().map(Finding::type).toList());
        assertEquals(6, findings.get(0).start());
        assertEquals(6 + hash.length(), findings.get(0).end());
    }
}
