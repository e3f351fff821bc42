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
        "GITHUB_TOKEN=ghp_bBRsk29cztUX1kmObfEjdpyHGfY5PBNaNKNY | secret.github_token | ghp_bBRsk29cztUX1kmObfEjdpyHGfY5PBNaNKNY",
        "git clone https://ghs_d7pMCapFTzdbKB1Ga8FPJsKbMnY0LcUwE4Bo@github.com/acme/app.git | secret.github_token | ghs_d7pMCapFTzdbKB1Ga8FPJsKbMnY0LcUwE4Bo",
        "token glpat-MMc8b6ZGZkWBvKQXfVzU for CI | secret.gitlab_token | glpat-MMc8b6ZGZkWBvKQXfVzU",
        "bot xoxb-444004592308-7572637334164-nPa5lwOo0OpGcSDuJZKMvlsb | secret.slack_token | xoxb-444004592308-7572637334164-nPa5lwOo0OpGcSDuJZKMvlsb",
        "POST https://hooks.slack.com/services/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 | secret.slack_webhook | https://hooks.slack.com/services/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",
        "stripe sk_live_LYLvqsKt3sVNrCtNuPBUKibc | secret.stripe_key | sk_live_LYLvqsKt3sVNrCtNuPBUKibc",
        "OPENAI_API_KEY=sk-proj-7XiiDvDlr3qBiwBNPBACZMzla6MkXpsaCoKaEF7UV2PUBKiC | secret.openai_api_key | sk-proj-7XiiDvDlr3qBiwBNPBACZMzla6MkXpsaCoKaEF7UV2PUBKiC",
        "key sk-ant-api03-UbyMJcxDWo7hq5onH1ap2Iyl7TY3DjN6ozzQ9MXU9cmJyJrE7i9DfTI0LRYc2Saf3dgrJNgOHyMhzjYuvvYTdb3FAYuMS-8yxX64AA | secret.anthropic_api_key | sk-ant-api03-UbyMJcxDWo7hq5onH1ap2Iyl7TY3DjN6ozzQ9MXU9cmJyJrE7i9DfTI0LRYc2Saf3dgrJNgOHyMhzjYuvvYTdb3FAYuMS-8yxX64AA",
        "maps AIzamT6PWwMoF7napEEiee4epBQSpb9VGsghwlC | secret.google_api_key | AIzamT6PWwMoF7napEEiee4epBQSpb9VGsghwlC",
        "//registry.npmjs.org/:_authToken=npm_SaIFWhNMDoyrCLi25SVRQWbP0od7fZ7wltnJ | secret.npm_token | npm_SaIFWhNMDoyrCLi25SVRQWbP0od7fZ7wltnJ",
        "password = pypi-AgEIcHlwaS5vcmcCJGFiY2RlZmdoLWlqa2wtbW5vcC1xcnN0LXV2d3h5ejAxMjM0NTY3OAACKlsz | secret.pypi_token | pypi-AgEIcHlwaS5vcmcCJGFiY2RlZmdoLWlqa2wtbW5vcC1xcnN0LXV2d3h5ejAxMjM0NTY3OAACKlsz",
        "twilio SKba931fe97ea8c90cab1cd30cf3a857ba | secret.twilio_api_key | SKba931fe97ea8c90cab1cd30cf3a857ba",
        "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 | secret.sendgrid_api_key | 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",
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY | secret.aws_secret_access_key | wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;EndpointSuffix=core.windows.net | secret.connection_string | DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;EndpointSuffix=core.windows.net",
        "key AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw== alone | secret.azure_storage_key | AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
        "AZURE_CLIENT_SECRET=ZDw8Q~5rEOLXy8cFI31JYTgYxlzfPqiiFpYg64tP | secret.azure_client_secret | ZDw8Q~5rEOLXy8cFI31JYTgYxlzfPqiiFpYg64tP",
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
        "\"private_key_id\": \"7c1e93b04fd2a85e6c0b9d3f2e41a7c58b6d09e3\", \"type\": \"service_account\" | secret.gcp_service_account_key | 7c1e93b04fd2a85e6c0b9d3f2e41a7c58b6d09e3",
        "if user == 'admin' and password == 'l3tme1n':           | secret.password_assignment | l3tme1n",
        "machine api.example.com login deploy password s3cr3t-Pw | secret.password_assignment | s3cr3t-Pw",
        "https://acct.blob.core.windows.net/c/f?sv=2022-11-02&ss=b&sp=r&se=2030-01-01&sig=Qv7Zr2LmN5vXw9KpT3bHy7dFs0aP4cW6eR8gU0iJ2k%3D | secret.azure_sas_token | Qv7Zr2LmN5vXw9KpT3bHy7dFs0aP4cW6eR8gU0iJ2k%3D",
        "kubeadm join 10.0.0.1:6443 --token k7q2zx.9f3c1e8a0b7d4c26 | secret.kubernetes_bootstrap_token | k7q2zx.9f3c1e8a0b7d4c26",
        "POST https://contoso.webhook.office.com/webhookb2/5b2e9c1a-7d4f-4e08-9a3c-6f1d2b8e7c40@c93a1f7e-2b6d-4c85-8e0f-1a7d3b9c2e64/IncomingWebhook/e4b7c2a91f0d8e3c6b5a2f9d1c7e4b08/8f3c6a1d-0e9b-4d27-b5c8-2a6f1e9d3b70 | secret.teams_webhook | https://contoso.webhook.office.com/webhookb2/5b2e9c1a-7d4f-4e08-9a3c-6f1d2b8e7c40@c93a1f7e-2b6d-4c85-8e0f-1a7d3b9c2e64/IncomingWebhook/e4b7c2a91f0d8e3c6b5a2f9d1c7e4b08/8f3c6a1d-0e9b-4d27-b5c8-2a6f1e9d3b70",
        "password 'Gr4dle!pw'                                     | secret.password_assignment | Gr4dle!pw",
        "curl -H 'X-Api-Token: 1394-0ca7a5be-8e22-40ee-8c40-778d41ab2313' | secret.generic_high_entropy | 1394-0ca7a5be-8e22-40ee-8c40-778d41ab2313",
        "HF_TOKEN=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 | secret.huggingface_token | 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",
        "AZURE_DEVOPS_PAT: 6ahl2oioutngzc4jkkuys5ltyly2awdmtuocictgnawhccndwmjq | secret.azure_devops_token | 6ahl2oioutngzc4jkkuys5ltyly2awdmtuocictgnawhccndwmjq",
        "token = \"6ahl2oioutngzc4jkkuys5ltyly2awdmtuocictgnawhccndwmjq\" | secret.generic_high_entropy | 6ahl2oioutngzc4jkkuys5ltyly2awdmtuocictgnawhccndwmjq",
        "ADO_TOKEN=xlcXllzX6AlB4TrO7t1IPq52HRUbNebTkw48CuhzQSHMDgm7S42JuGWIiX20Rid6gEEZ5dg653nlAZDOvMdU | secret.azure_devops_token | xlcXllzX6AlB4TrO7t1IPq52HRUbNebTkw48CuhzQSHMDgm7S42JuGWIiX20Rid6gEEZ5dg653nlAZDOvMdU",
        "#define IO_KEY \"aio_SQql1KQon8iJXSDM0Jv4XHOdtsnQ\" | secret.adafruit_io_key | aio_SQql1KQon8iJXSDM0Jv4XHOdtsnQ",
        "X-Api-Key: odt_L4KTTzrpZBzoUQ9N5UbaLOS5OAvP7dxa | secret.dependency_track_api_key | odt_L4KTTzrpZBzoUQ9N5UbaLOS5OAvP7dxa",
        "apiToken: dt0c01.MZPV9XMAH7ZVIDHS1CAHFBQT.KQG2UM9NK1LV68SK5KDI8O8BG04ZRMQ121FOHTQX1NKV92WZ3FOTHFWDEN920NP8 | secret.dynatrace_token | dt0c01.MZPV9XMAH7ZVIDHS1CAHFBQT.KQG2UM9NK1LV68SK5KDI8O8BG04ZRMQ121FOHTQX1NKV92WZ3FOTHFWDEN920NP8",
        "JINA_KEY=jina_f782d54014f91386e1b2e58846831ce2HAx2qaWsBTFJxepOOniQkIwZMT5p | secret.jina_api_key | jina_f782d54014f91386e1b2e58846831ce2HAx2qaWsBTFJxepOOniQkIwZMT5p",
        "MAPBOX_TOKEN=sk.eyJ1IjoiV11vtNblyDPY2ITxvkzFLiHx8YqD0h.8zuDEzVJfxSJr4IkNpYlML | secret.mapbox_token | sk.eyJ1IjoiV11vtNblyDPY2ITxvkzFLiHx8YqD0h.8zuDEzVJfxSJr4IkNpYlML",
        "obs stream key live_475840682_GqVIr9kktfWLDxvcno8Hu9lnskm7WQ | secret.twitch_stream_key | live_475840682_GqVIr9kktfWLDxvcno8Hu9lnskm7WQ",
        "Access Token  00DNjzm7PkysK5t!H7aOr2idTn80qkZc0w7njn7chNaACUAHyAyOfdLlkpIpVistzFDVvwjj2NXV05vyfyafeiKlV00AcDmLJQCmcwZb2oh6Pqw7 | secret.salesforce_token | 00DNjzm7PkysK5t!H7aOr2idTn80qkZc0w7njn7chNaACUAHyAyOfdLlkpIpVistzFDVvwjj2NXV05vyfyafeiKlV00AcDmLJQCmcwZb2oh6Pqw7",
        "Authorization: cionfbQfpzdWbELg9qAD0P97XOD07V15pmL | secret.crates_io_token | cionfbQfpzdWbELg9qAD0P97XOD07V15pmL",
        "HEROKU_API_KEY=HRKU-rBtrTFNrk4xRaVYZ7R0KjLrYWxaH6kNcLkcmlrY6vy1PnOGJdBJeup0KIpHu | secret.heroku_api_key | HRKU-rBtrTFNrk4xRaVYZ7R0KjLrYWxaH6kNcLkcmlrY6vy1PnOGJdBJeup0KIpHu",
        "heroku_api_key: c7baa1db-27fc-4784-a3ed-9af2e91e9d25 | secret.heroku_api_key | c7baa1db-27fc-4784-a3ed-9af2e91e9d25",
        "postmark server token c7baa1db-27fc-4784-a3ed-9af2e91e9d25 | secret.postmark_token | c7baa1db-27fc-4784-a3ed-9af2e91e9d25",
        "-Dsonar.token=squ_8048db6d83c2c503cb28b229aad3dc049e1c08ed | secret.sonarqube_token | squ_8048db6d83c2c503cb28b229aad3dc049e1c08ed",
        "Authorization: SSWS 00NdHeRvIh6mZ2jGUW3WMQ1GUUEPs8xFVDOABiuPoH | secret.okta_api_token | 00NdHeRvIh6mZ2jGUW3WMQ1GUUEPs8xFVDOABiuPoH",
        "{\"method\": \"auth.login_with_api_key\", \"params\": [\"7-CAJyhfd6YQANZRyuv9DF2YURsYYOGCYGGgxxmE7ZG6GgJ5AlH8P8pK4uscQhrh8c\"]} | secret.truenas_api_key | 7-CAJyhfd6YQANZRyuv9DF2YURsYYOGCYGGgxxmE7ZG6GgJ5AlH8P8pK4uscQhrh8c",
        "POST https://thingsboard.example.net/api/v1/kmxhs1x18oq3pt8berfi/telemetry | secret.thingsboard_token | kmxhs1x18oq3pt8berfi",
        "PrivateKey = fYSMnXuY3zniqMPPFK5z5IuV21lnKVpNjjWsiFb0Q+g= | secret.wireguard_key | fYSMnXuY3zniqMPPFK5z5IuV21lnKVpNjjWsiFb0Q+g=",
        "-H 'Jenkins-Crumb:b2ee1224fabb99d6a5e8d49d4bc0c156' | secret.jenkins_token | b2ee1224fabb99d6a5e8d49d4bc0c156",
        "https://ci:ATBBCrx4DA1OfvUPaIS88Rf4si9BqEuEkwI4@bitbucket.org/acme/app.git | secret.atlassian_token | ATBBCrx4DA1OfvUPaIS88Rf4si9BqEuEkwI4",
        "license_key: 0015e82550c2402c1476df7c88f9e182bd40NRAL | secret.newrelic_key | 0015e82550c2402c1476df7c88f9e182bd40NRAL",
        "bot 6123475542:AAAESiVKPSPLTTMsLxR6JY97YiGqq9jpYUP | secret.telegram_bot_token | 6123475542:AAAESiVKPSPLTTMsLxR6JY97YiGqq9jpYUP",
        "VAULT_TOKEN=s.IplYICCB7OcNLv5MUS47tCz5 | secret.vault_token | s.IplYICCB7OcNLv5MUS47tCz5",
        "Unseal Key 1: 78Qe0vfYBM/BnsUXBt4O/g9OiqniGjB/y9e3iKJ12p1t | secret.vault_unseal_key | 78Qe0vfYBM/BnsUXBt4O/g9OiqniGjB/y9e3iKJ12p1t",
        "enable secret $8$fLyNVXtv56RRFf$LBq4Mm4e1mJBKnaUB5oHQaV6fH7zpje/Kh46D4edjX9 | secret.password_hash | $8$fLyNVXtv56RRFf$LBq4Mm4e1mJBKnaUB5oHQaV6fH7zpje/Kh46D4edjX9",
        "$krb5asrep$23$svc@corp.example:f621a857d0cd935ed957b43dbe5d3bbb$77bab78233fa7eedabede16d336a1c5f03a7cc3e87d862a551d69633be675f7e47f2a1167eeece6a47147acc3103374df49c3efead73f19e57626b49 | secret.password_hash | $krb5asrep$23$svc@corp.example:f621a857d0cd935ed957b43dbe5d3bbb$77bab78233fa7eedabede16d336a1c5f03a7cc3e87d862a551d69633be675f7e47f2a1167eeece6a47147acc3103374df49c3efead73f19e57626b49",
        "client_id: 024928364878-js7l980n145zb80nfpz1xpf19mvx0h6x.apps.googleusercontent.com | secret.google_oauth_client_id | 024928364878-js7l980n145zb80nfpz1xpf19mvx0h6x.apps.googleusercontent.com",
        "DOPPLER_TOKEN=dp.st.prd.xCyI3ZvNwX4V810VUwuO25HMcyJZsByYuFJI9Jyv1r9 | secret.doppler_token | dp.st.prd.xCyI3ZvNwX4V810VUwuO25HMcyJZsByYuFJI9Jyv1r9",
        "value=eyJ0eXAiOiAiVENWMiJ9.65uQ4u6rRSIINweU9C0kIBCCORvsHvt55i4y.pqpvFDuFfj3orP0yr58dgyzGKZzrZGUTTBn67s5gaju7CCbH | secret.teamcity_token | eyJ0eXAiOiAiVENWMiJ9.65uQ4u6rRSIINweU9C0kIBCCORvsHvt55i4y.pqpvFDuFfj3orP0yr58dgyzGKZzrZGUTTBn67s5gaju7CCbH",
        "PRIVATE_KEY_B64=LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFcEFJQkFBS0NBUUVBNU9JQUE2QzZqaWdKdjJ4OTc4UFBqZUJacjF5SmVERzNWS0poYUxjc3diNEI4TVU3QnRiYThSV0tUeVVMQzhUUw== | secret.private_key | LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFcEFJQkFBS0NBUUVBNU9JQUE2QzZqaWdKdjJ4OTc4UFBqZUJacjF5SmVERzNWS0poYUxjc3diNEI4TVU3QnRiYThSV0tUeVVMQzhUUw==",
        "db.user = 'deploy'; db.password = '8BsbviIRcf' | secret.username | deploy",
        "psexec \\\\fs01 -u svc_backup -p 8BsbviIRcf cmd | secret.password_assignment | 8BsbviIRcf",
        "psexec \\\\fs01 -u svc_backup -p 8BsbviIRcf cmd | secret.username | svc_backup",
        "Connect-VIServer -Server vc01 -User ops@vsphere.local -Password 8BsbviIRcf | secret.password_assignment | 8BsbviIRcf",
        "The default password is '8BsbviIRcf'. | secret.password_assignment | 8BsbviIRcf",
        "Endpoint=https://cfg.azconfig.io;Id=Xk2p-l0-s0:d1HEWD9Pl7hCRccTLUOB;Secret=fYSMnXuY3zniqMPPFK5z5IuV21lnKVpNjjWsiFb0Q+g= | secret.connection_string | Endpoint=https://cfg.azconfig.io;Id=Xk2p-l0-s0:d1HEWD9Pl7hCRccTLUOB;Secret=fYSMnXuY3zniqMPPFK5z5IuV21lnKVpNjjWsiFb0Q+g=",
        "sender.Credentials = new NetworkCredential(\"ci-bot\", \"Vq7rTz2pLw9x\"); | secret.password_assignment | Vq7rTz2pLw9x",
        "sender.Credentials = new NetworkCredential(\"ci-bot\", \"Vq7rTz2pLw9x\"); | secret.username | ci-bot",
        "new DirectoryEntry(\"LDAP://dc01.corp.example\", \"svc-ldap\", \"Rrh7x!2qPz\") | secret.password_assignment | Rrh7x!2qPz",
        "The password for user 'backup' is 'Kt9!vQ2w'. | secret.username | backup",
        "if creds.Secret != \"swordfish-42\" { deny() } | secret.password_assignment | swordfish-42",
        "$db_pass = \\\"Pl4nB-r3d\\\"; | secret.password_assignment | Pl4nB-r3d",
        "https://cfg.azconfig.io;Id=Xk2p-l0-s0:d1HEWD9Pl7hCRccTLUOB;Secret=fYSMnXuY3zniqMPPFK5z5IuV21lnKVpNjjWsiFb0Q+g= | secret.connection_string | https://cfg.azconfig.io;Id=Xk2p-l0-s0:d1HEWD9Pl7hCRccTLUOB;Secret=fYSMnXuY3zniqMPPFK5z5IuV21lnKVpNjjWsiFb0Q+g=",
        "bot 5829301746:AAGk3Rp9XwQz7LmVt2NcYbHs8DfJu4EaPq | secret.telegram_bot_token | 5829301746:AAGk3Rp9XwQz7LmVt2NcYbHs8DfJu4EaPq",
        "Connect-VIServer -Server vc01 -User vcops -Password 8BsbviIRcf | secret.username | vcops",
        "mysql --user ci_reader --password Zebra42!x | secret.username | ci_reader",
        "define('DB_PASSWORD', 'Qm7#vLp2'); | secret.password_assignment | Qm7#vLp2",
        "os.environ.setdefault(\"SECRET_KEY\", \"h2K9xq7LmZp4Rt8vW3nB\") | secret.generic_high_entropy | h2K9xq7LmZp4Rt8vW3nB",
        "buildConfigField 'String', 'API_KEY', '\"8c1f0e9a7b3d5c2e4f6a8b0d1c3e5f7a\"' | secret.generic_high_entropy | 8c1f0e9a7b3d5c2e4f6a8b0d1c3e5f7a",
        "<add key=\"SmtpPassword\" value=\"Tz4!kQw9\" /> | secret.password_assignment | Tz4!kQw9",
        "clientID: '3f9a1c7e20b84d6a5e1f', clientSecret: '9d2b7e4a1c8f3e6b0a5d2c9f7e1b4a8d3c6f0e2b' | secret.oauth_client_id | 3f9a1c7e20b84d6a5e1f",
        "ACME_CLIENT_ID=Zq8LpW2mXv7RtN4kYc6H ACME_CLIENT_SECRET=Jd8sK2pLq9Xv4Zt7WmRb3Nc6Hy1Fg5Te | secret.oauth_client_id | Zq8LpW2mXv7RtN4kYc6H",
        "jwt_secret: \"harbor#lantern42\" | secret.password_assignment | harbor#lantern42",
        "create_engine(\"postgresql+psycopg2://reporter:Kq7vLp2xR@db.acme-corp.net:5432/sales\") | secret.connection_string | postgresql+psycopg2://reporter:Kq7vLp2xR@db.acme-corp.net:5432/sales",
        "COUCHBASE_URL=couchbase://app:Tz4kQw9z@cb1.acme-corp.net | secret.connection_string | couchbase://app:Tz4kQw9z@cb1.acme-corp.net",
        "$mail->Host = 'smtp.acme-corp.net'; $mail->Password = 'Tz4!kQw9'; | secret.credential_host | smtp.acme-corp.net",
        "machine git.acme-corp.net login deploy password Kq7vLp2xR | secret.credential_host | git.acme-corp.net",
        "new DirectoryEntry(\"LDAP://dc01.corp.example\", \"svc-ldap\", \"Rrh7x!2qPz\") | secret.credential_host | LDAP://dc01.corp.example",
        "AUTH0_DOMAIN=tenant-7.eu.auth0.com AUTH0_CLIENT_SECRET=Jd8sK2pLq9Xv4Zt7WmRb3Nc6Hy1Fg5TeWq2Lk8Pz | secret.credential_host | tenant-7.eu.auth0.com",
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
        "GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "TAVILY_API_KEY=tvly-abcdefghijklmnopqrstuvwxyzABCDEF",
        "api_key = a1b2c3d4e5f6g7h8i9j0k1l2",
        "NRAK-1234567890ABCDEFGHIJKLMNOPQ",
        "AccountName={0};AccountKey={1};",
        "password = 123",
        "The password is long enough for most policies.",
        "user = 'bob'",
        "psexec \\\\host -u admin -p %PASSWORD% cmd",
        "Unseal Key 1: <your unseal key>",
        "Run `vault status` and check that it is unsealed.",
        "Livestream notes: live_session_2024 started on time.",
        "The dashboard shows license key NRAL as active.",
        "Commit 4f1c2a9e8b7d6c5f4e3a2b1c0d9e8f7a6b5c4d3e fixed the crumb issue.",
        "The build used sonar with project key acme_app_main.",
        "token-id: abcdef",
        "PrivateKey = <base64 private key>",
        "new NetworkCredential(userName, password)",
        "if (secret != null) return;",
        "The password for this account is stored in the vault.",
        "fields = [\"username\", \"password\", \"email\"]",
        "label = t(\"password\", \"Mot de passe\")",
        "setenv(\"API_KEY\", apiKey);",
        "<add key=\"SmtpPassword\" value=\"\" />",
        "session_secret = 'my-app-secret'",
        "secret: true",
        "jwt_secret: \"${JWT_SECRET}\"",
        "client_id = 'web-frontend'",
        "bot 5829301746:AAGk3Rp9XwQz7LmVt2NcYbHs8DfJu4EaPqZw and 5829301746:AAGk3Rp9XwQz7LmVt2NcYbHs8DfJu4Ea",
        "conn.user = \"anonymous\"; conn.password = \"guest@example.org\";",
        "Connect-VIServer -Server vc01 -User $vcUser -Password $vcPassword",
        "host = \"db.acme-corp.net\"",
        "mysql+pymysql://root:${DB_PASSWORD}@localhost/app",
        "https://ci:Tz4kQw9z@git.acme-corp.net/app.git",
        "proxy://10.0.0.1:8080@gateway",
        "server: api.acme-corp.net, password: see the vault",
    })
    void scan_reportsNothingFor(String text) {
        List<Finding> findings = SECRETS.scan(text).findings();
        assertEquals(List.of(), findings.stream().map(f -> f.type() + "=" + text.substring(f.start(), f.end())).toList());
    }
}
