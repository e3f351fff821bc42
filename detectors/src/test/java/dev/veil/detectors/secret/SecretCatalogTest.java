package dev.veil.detectors.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.detectors.Finding;
import dev.veil.detectors.Scanner;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole secret catalogue through the scanner: each row is a text, the type that must be
 * reported and the exact value it must cover. Token values are made up in each vendor's
 * published format; none is a live credential.
 */
class SecretCatalogTest {

    private static final Scanner SECRETS = new Scanner(SecretDetectors.all());

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "GITHUB_TOKEN=ghp_0123456789abcdefghijABCDEFGHIJ012345 | secret.github_token | ghp_0123456789abcdefghijABCDEFGHIJ012345",
        "token glpat-AbCdEfGhIjKlMnOpQrSt12 for CI             | secret.gitlab_token | glpat-AbCdEfGhIjKlMnOpQrSt12",
        "bot xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx | secret.slack_token | xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
        "POST https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX | secret.slack_webhook | https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
        "stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc                | secret.stripe_key | sk_live_4eC39HqLyjWDarjtT1zdp7dc",
        "OPENAI_API_KEY=sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3iJk6l | secret.openai_api_key | sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3iJk6l",
        "key sk-ant-api03-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3iJk6lMn9oPq2rSt5uVw8xYz1aBc4dEf7gHi0jKl3mNo6pQr9s-AA | secret.anthropic_api_key | sk-ant-api03-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3iJk6lMn9oPq2rSt5uVw8xYz1aBc4dEf7gHi0jKl3mNo6pQr9s-AA",
        "maps AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe          | secret.google_api_key | AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe",
        "//registry.npmjs.org/:_authToken=npm_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7c | secret.npm_token | npm_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7c",
        "password = pypi-AgEIcHlwaS5vcmcCJGFiY2RlZmdoLWlqa2wtbW5vcC1xcnN0LXV2d3h5ejAxMjM0NTY3OAACKlsz | secret.pypi_token | pypi-AgEIcHlwaS5vcmcCJGFiY2RlZmdoLWlqa2wtbW5vcC1xcnN0LXV2d3h5ejAxMjM0NTY3OAACKlsz",
        "twilio SK0123456789abcdef0123456789abcdef             | secret.twilio_api_key | SK0123456789abcdef0123456789abcdef",
        "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 | secret.sendgrid_api_key | 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",
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY | secret.aws_secret_access_key | wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;EndpointSuffix=core.windows.net | secret.azure_storage_key | AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
        "AZURE_CLIENT_SECRET=Xy18Q~AbCdEfGhIjKlMnOpQrStUvWxYz0123456 | secret.azure_client_secret | Xy18Q~AbCdEfGhIjKlMnOpQrStUvWxYz0123456",
        "auth eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U | secret.jwt | eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "DATABASE_URL=postgres://app:S3cretPw@db.internal:5432/prod | secret.connection_string | postgres://app:S3cretPw@db.internal:5432/prod",
        "jdbc:mysql://db:3306/shop?user=app&password=Tr0ub4dor | secret.connection_string | jdbc:mysql://db:3306/shop?user=app&password=Tr0ub4dor",
        "\"Server=tcp:db.example.com;User Id=app;Password=Sup3rS3cret!;\" | secret.connection_string | Server=tcp:db.example.com;User Id=app;Password=Sup3rS3cret!",
        "password = \"super$ecret\"                               | secret.password_assignment | super$ecret",
        "DB_PASS: hunter2                                         | secret.password_assignment | hunter2",
        "\"adminPassword\" : \"thisismypassword\"                 | secret.password_assignment | thisismypassword",
        "<password>Zebra42!</password>                            | secret.password_assignment | Zebra42!",
        "mysql --password Zebra42!x                               | secret.password_assignment | Zebra42!x",
        "api_key: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 | secret.generic_high_entropy | 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "client_secret = 'q8Zr2LmN5vXw9KpT3bHy'                   | secret.generic_high_entropy | q8Zr2LmN5vXw9KpT3bHy",
        "Authorization: Bearer q8Zr2LmN5vXw9KpT3bHy7dFs          | secret.http_authorization | q8Zr2LmN5vXw9KpT3bHy7dFs",
        "hash $2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW | secret.password_hash | $2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
        "\"private_key_id\": \"0123456789abcdef0123456789abcdef01234567\", \"type\": \"service_account\" | secret.gcp_service_account_key | 0123456789abcdef0123456789abcdef01234567",
        "HF_TOKEN=hf_AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh         | secret.huggingface_token | hf_AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh",
        "if user == 'admin' and password == 'l3tme1n':           | secret.password_assignment | l3tme1n",
        "machine api.example.com login deploy password s3cr3t-Pw | secret.password_assignment | s3cr3t-Pw",
        "password 'Gr4dle!pw'                                     | secret.password_assignment | Gr4dle!pw",
        "curl -H 'X-Api-Token: 1394-0ca7a5be-8e22-40ee-8c40-778d41ab2313' | secret.generic_high_entropy | 1394-0ca7a5be-8e22-40ee-8c40-778d41ab2313",
        "token = \"zpczok4kqgnw5prpfy3ehiylbqvgbjfkdiqkejsxqamy7qbkep7q\" | secret.generic_high_entropy | zpczok4kqgnw5prpfy3ehiylbqvgbjfkdiqkejsxqamy7qbkep7q",
    })
    void scan_reportsSecret(String text, String type, String value) {
        String t = text.strip();
        List<Finding> findings = SECRETS.scan(t).findings();
        List<String> found = findings.stream().map(f -> f.type() + "=" + t.substring(f.start(), f.end())).toList();
        assertTrue(found.contains(type.strip() + "=" + value.strip()), () -> "found " + found);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Fixed in commit 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b, see the log.",
        "The request id was 123e4567-e89b-12d3-a456-426614174000.",
        "sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "The checksum 5d41402abc4b2a76b9719d911017c592 matches.",
        "password = ${DB_PASSWORD}",
        "password: <your password here>",
        "password=\"\"",
        "password: see the vault for details",
        "password = getPassword()",
        "max_tokens = 512",
        "token: the next word",
        "api_key = os.environ['API_KEY']",
        "postgres://app:${PG_PASSWORD}@db/prod",
        "Remember to rotate your secret key every 90 days.",
        "if (password == null) return;",
        "eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.abc",
        "sk-this-is-not-a-key",
        "Use ghp_ tokens for GitHub.",
        "usernameLabel:\"User:\",passwordLabel:\"Password:\",rememberLabel:\"Remember me:\"",
        "echo 'password = '.$config['daemon_password'];",
        "AUTH0_DOMAIN=\"dev-abc123.us.auth0.com\"",
        "<add key=\"ConnectionString_Main\" value=\"x\"/>",
        "okta_api_token = 00aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "this.addPassword = '#add-password';",
        "sb.append(\"Password: \" + getPassword() + \",\");",
    })
    void scan_reportsNothingFor(String text) {
        List<Finding> findings = SECRETS.scan(text).findings();
        assertEquals(List.of(), findings.stream().map(f -> f.type() + "=" + text.substring(f.start(), f.end())).toList());
    }
}
