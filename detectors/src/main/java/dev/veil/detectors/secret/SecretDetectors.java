package dev.veil.detectors.secret;

import static dev.veil.detectors.secret.TokenRule.infix;
import static dev.veil.detectors.secret.TokenRule.keyed;
import static dev.veil.detectors.secret.TokenRule.prefix;

import dev.veil.detectors.Detector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The catalogue of credential detectors. Most service tokens carry a fixed literal the vendor
 * chose so that they can be found ({@code ghp_}, {@code xoxb-}, {@code sk-ant-}); formats without
 * one are reported only after a word that names them. Every vendor rule is triggered by such a
 * literal, and all literals are found in one pass over the text ({@link TokenIndex}), so the
 * catalogue can grow without slowing the scan: an expression runs only where its literal is.
 */
public final class SecretDetectors {

    private static final String URL_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.:/";
    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /** The token catalogue and its shared anchor index, built once. */
    private static final TokenIndex INDEX = new TokenIndex(rules());

    private SecretDetectors() {
    }

    /** Every secret detector, in a stable order. */
    public static List<Detector> all() {
        List<Detector> all = new ArrayList<>(List.of(privateKey(), new JwtDetector(), new ConnectionStringDetector(),
                new AssignmentDetector()));
        all.addAll(tokens());
        return all;
    }

    /** PEM, OpenSSH, PuTTY and PGP private key blocks. */
    public static Detector privateKey() {
        return new PrivateKeyDetector();
    }

    /** AWS access key ids ({@code AKIA...}), one of the {@link #tokens()}. */
    public static Detector awsAccessKeyId() {
        return new TokenDetector("secret.aws_access_key_id", INDEX);
    }

    /**
     * Service tokens and other credentials announced by a literal, one detector per type, all
     * sharing one anchor index (see {@link TokenIndex}).
     */
    public static List<Detector> tokens() {
        Set<String> types = new LinkedHashSet<>();
        for (TokenRule r : INDEX.rules()) {
            types.add(r.type());
        }
        List<Detector> out = new ArrayList<>();
        for (String type : types) {
            // Base64-wrapped PEM keys have the private key type; the PEM detector has its id.
            String id = type.equals(PrivateKeyDetector.TYPE) ? type + ".base64" : type;
            out.add(new TokenDetector(id, type, INDEX, out.isEmpty()));
        }
        return out;
    }

    /**
     * The catalogue. Most service tokens carry a fixed prefix the vendor chose so that they can
     * be found ({@code ghp_}, {@code xoxb-}, {@code sk-ant-}); formats without one are reported
     * only after a word that names them (KEYED rules).
     */
    static List<TokenRule> rules() {
        List<TokenRule> r = new ArrayList<>();
        // AWS: a four-letter prefix naming the kind of principal, then 16 base-32 chars.
        r.add(prefix("secret.aws_access_key_id", 0.95, "(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA|APKA|ASCA"
                + "|A3T[A-Z0-9])[A-Z2-7]{16}", "AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AIPA", "ANPA", "ANVA",
                "AROA", "APKA", "ASCA", "A3T"));
        // 40 base-64 chars have no prefix: only after a key name, and only if they look random
        // (a 40-char hex SHA-1 is a commit, not a key).
        r.add(keyed("secret.aws_secret_access_key", 0.95, "[A-Za-z0-9/+]{40}", 120, "aws_secret_access_key",
                "secret_access_key", "secretaccesskey", "aws_secret_key", "aws secret", "secret access key",
                "aws_secret", "aws-secret", "awssecretkey", "secret key", "secret_key")
                .validatedBy(v -> Entropy.mixesClasses(v, 3) && Entropy.bitsPerChar(v) >= 4.0));
        // The key id of a GCP service-account JSON key; the key itself is a private key.
        r.add(keyed("secret.gcp_service_account_key", 0.95, "\\s*+:\\s*+\"([a-f0-9]{40})\"", 2, "\"private_key_id\""));
        // Azure DevOps personal access tokens: 52 base-32 chars (older) or 84 chars with AZDO.
        r.add(keyed("secret.azure_devops_token", 0.9, "[a-z2-7]{52}", 120, "azure devops", "devops", "ado_pat",
                "personal access token", "personalaccesstoken", "azure_devops", "vsts", "dev.azure.com")
                .validatedBy(v -> v.chars().anyMatch(Character::isDigit) && Entropy.bitsPerChar(v) >= 4.0));
        r.add(infix("secret.azure_devops_token", 0.95, "[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}", 76, ALNUM, "AZDO"));
        // Azure shared access signatures: the sig= of a URL or connection string.
        r.add(infix("secret.azure_sas_token", 0.9, "[?&;]sig=([A-Za-z0-9%+/=]{30,200}+)(?![A-Za-z0-9%+/=])", 1, "?&;",
                "sig="));
        r.add(keyed("secret.kubernetes_bootstrap_token", 0.9, "[a-z0-9]{6}\\.[a-z0-9]{16}", 64, "kubeadm", "bootstrap",
                "--token", "join")
                .validatedBy(v -> v.chars().anyMatch(Character::isDigit) && v.chars().anyMatch(Character::isLetter)));
        r.add(keyed("secret.kubernetes_bootstrap_token", 0.8, "[a-z0-9]{6}", 4, "token-id:").validatedBy(
                v -> v.chars().anyMatch(Character::isDigit)));

        r.add(prefix("secret.github_token", 0.99, "(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,251}+", "ghp_", "gho_", "ghu_",
                "ghs_", "ghr_"));
        r.add(prefix("secret.github_token", 0.99, "github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}", "github_pat_"));
        r.add(prefix("secret.gitlab_token", 0.99, "glpat-[A-Za-z0-9_-]{20,64}+", "glpat-"));
        r.add(prefix("secret.gitlab_token", 0.99, "glptt-[0-9a-f]{40}", "glptt-"));
        r.add(prefix("secret.gitlab_token", 0.99, "GR1348941[A-Za-z0-9_-]{20}", "GR1348941"));
        r.add(prefix("secret.gitlab_token", 0.99, "gl(?:rt|dt|cbt|soat|ft|imt|agent|oas)-[A-Za-z0-9_-]{20,64}+",
                "glrt-", "gldt-", "glcbt-", "glsoat-", "glft-", "glimt-", "glagent-", "gloas-"));
        r.add(prefix("secret.slack_token", 0.99, "xox[abposre]-[0-9A-Za-z][0-9A-Za-z-]{8,250}+", "xox"));
        r.add(prefix("secret.slack_token", 0.99, "xapp-\\d-[A-Z0-9]{9,12}-\\d{10,16}-[a-f0-9]{32,80}", "xapp-"));
        r.add(infix("secret.slack_webhook", 0.99,
                "https://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_-]{20,200}+", 8, URL_CHARS,
                "hooks.slack.com"));
        r.add(prefix("secret.stripe_key", 0.99, "(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{20,247}+", "sk_live_",
                "sk_test_", "rk_live_", "rk_test_"));
        r.add(prefix("secret.stripe_key", 0.99, "whsec_[A-Za-z0-9]{32,64}+", "whsec_"));
        r.add(prefix("secret.openai_api_key", 0.99,
                "sk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{20,200}+T3BlbkFJ[A-Za-z0-9_-]{20,200}+"
                        + "|sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,250}+|sk-[A-Za-z0-9]{48}", "sk-"));
        r.add(prefix("secret.anthropic_api_key", 0.99, "sk-ant-(?:api|admin|sid)\\d{2}-[A-Za-z0-9_-]{80,120}+",
                "sk-ant-"));
        r.add(prefix("secret.google_api_key", 0.95, "AIza[0-9A-Za-z_-]{35}", "AIza"));
        r.add(prefix("secret.google_oauth", 0.95, "GOCSPX-[A-Za-z0-9_-]{28}", "GOCSPX-"));
        r.add(prefix("secret.google_oauth", 0.95, "ya29\\.[0-9A-Za-z_-]{20,2048}+", "ya29."));
        r.add(prefix("secret.google_oauth", 0.95, "1//0[0-9A-Za-z_-]{40,512}+", "1//0"));
        // An OAuth client id is an identifier, not a secret; it is reported with a low score so
        // that a policy can choose to hide it together with its client secret.
        r.add(infix("secret.google_oauth_client_id", 0.5, "\\d{6,14}-[a-z0-9]{32}\\.apps\\.googleusercontent\\.com", 48,
                "abcdefghijklmnopqrstuvwxyz0123456789-.", ".apps.googleusercontent.com"));
        r.add(prefix("secret.npm_token", 0.99, "npm_[A-Za-z0-9]{36}", "npm_"));
        r.add(prefix("secret.pypi_token", 0.99, "pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}+", "pypi-AgEI"));
        r.add(prefix("secret.twilio_api_key", 0.9, "SK[0-9a-f]{32}", "SK"));
        r.add(prefix("secret.sendgrid_api_key", 0.99, "SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}", "SG."));
        r.add(prefix("secret.huggingface_token", 0.95, "hf_[A-Za-z]{34,40}+", "hf_"));
        r.add(prefix("secret.digitalocean_token", 0.99, "do[opr]_v1_[a-f0-9]{64}", "doo_v1_", "dop_v1_", "dor_v1_"));
        r.add(prefix("secret.shopify_token", 0.99, "shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}", "shpat_", "shpca_", "shppa_",
                "shpss_"));
        // Telegram bot tokens: the bot id, a colon, then "AA" and 33 chars; public rule sets
        // accept one char fewer as well, and so does this one.
        r.add(infix("secret.telegram_bot_token", 0.9, "\\d{8,10}:AA[A-Za-z0-9_-]{32,33}+", 10, "0123456789", ":AA"));
        r.add(infix("secret.mailchimp_api_key", 0.9, "[0-9a-f]{32}-us\\d{1,2}", 32, "0123456789abcdef", "-us"));
        r.add(prefix("secret.mailgun_api_key", 0.85, "key-[0-9a-f]{32}", "key-"));
        r.add(prefix("secret.databricks_token", 0.95, "dapi[a-f0-9]{32}(?:-\\d)?", "dapi"));
        r.add(prefix("secret.age_secret_key", 0.99, "AGE-SECRET-KEY-1[0-9A-Z]{58}", "AGE-SECRET-KEY-1"));
        r.add(prefix("secret.square_token", 0.95, "sq0atp-[A-Za-z0-9_-]{22}|sq0csp-[A-Za-z0-9_-]{43}", "sq0atp-",
                "sq0csp-"));
        r.add(prefix("secret.square_token", 0.95, "EAAA[A-Za-z0-9_+-]{60}", "EAAA"));
        r.add(prefix("secret.dropbox_token", 0.95, "sl\\.[A-Za-z0-9_-]{130,200}+", "sl."));
        r.add(prefix("secret.atlassian_token", 0.99, "ATATT3[A-Za-z0-9_=-]{180,200}+", "ATATT3"));
        // Bitbucket app passwords (Atlassian): ATBB and 32 chars.
        r.add(prefix("secret.atlassian_token", 0.99, "ATBB[A-Za-z0-9_=.-]{32}", "ATBB"));
        r.add(prefix("secret.groq_api_key", 0.99, "gsk_[A-Za-z0-9]{52}", "gsk_"));
        r.add(prefix("secret.postman_api_key", 0.99, "PMAK-[a-f0-9]{24}-[a-f0-9]{34}", "PMAK-"));
        r.add(prefix("secret.newrelic_key", 0.95, "NR(?:AK|AA|II|IQ|JS|RA|SP)-[A-Za-z0-9_-]{19,48}+", "NRAK-", "NRAA-",
                "NRII-", "NRIQ-", "NRJS-", "NRRA-", "NRSP-"));
        // New Relic license keys: 36 hex-like chars and NRAL.
        r.add(infix("secret.newrelic_key", 0.9, "[a-z0-9]{36}NRAL", 36, "abcdefghijklmnopqrstuvwxyz0123456789", "NRAL"));
        r.add(prefix("secret.grafana_token", 0.95, "glc_[A-Za-z0-9+/]{32,400}+={0,2}", "glc_"));
        r.add(prefix("secret.grafana_token", 0.95, "glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}", "glsa_"));
        r.add(prefix("secret.grafana_token", 0.95, "eyJrIjoi[A-Za-z0-9]{70,400}+={0,2}", "eyJrIjoi"));
        r.add(prefix("secret.docker_hub_token", 0.99, "dckr_pat_[A-Za-z0-9_-]{27}", "dckr_pat_"));
        r.add(prefix("secret.vault_token", 0.95, "hv[sbr]\\.[A-Za-z0-9_-]{24,400}+", "hvs.", "hvb.", "hvr."));
        // Vault tokens before 1.10 ("s.", "b.", "r.") have a one-letter prefix: only near "vault".
        r.add(keyed("secret.vault_token", 0.85, "[sbr]\\.[A-Za-z0-9_-]{24,400}+", 40, "vault"));
        r.add(keyed("secret.vault_unseal_key", 0.9, "[A-Za-z0-9+/]{43,44}+={0,2}", 16, "unseal key", "operator unseal"));
        r.add(prefix("secret.rubygems_api_key", 0.99, "rubygems_[a-f0-9]{48}", "rubygems_"));
        r.add(prefix("secret.nuget_api_key", 0.9, "oy2[a-z0-9]{43}", "oy2"));
        r.add(prefix("secret.pulumi_token", 0.99, "pul-[a-f0-9]{40}", "pul-"));
        r.add(prefix("secret.sourcegraph_token", 0.99, "sgp_(?:local_|[a-f0-9]{16}_)?[a-f0-9]{40}", "sgp_"));
        r.add(prefix("secret.linear_api_key", 0.99, "lin_api_[A-Za-z0-9]{40}", "lin_api_"));
        r.add(prefix("secret.doppler_token", 0.99,
                "dp\\.(?:pt|st|sa|ct|scim|audit)\\.(?:[a-z0-9_-]{1,40}\\.)?[A-Za-z0-9]{40,44}+", "dp.pt.", "dp.st.",
                "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."));
        r.add(infix("secret.azure_client_secret", 0.9, "[A-Za-z0-9_~.-]{3}\\dQ~[A-Za-z0-9_~.-]{31,34}+", 4,
                ALNUM + "_~.-", "Q~"));
        r.add(prefix("secret.azure_storage_key", 0.99, "(?:AccountKey|SharedAccessKey)=[A-Za-z0-9+/]{40,100}+={0,2}",
                "AccountKey=", "SharedAccessKey="));
        r.add(prefix("secret.password_hash", 0.9, "\\$2[abxy]?\\$\\d{2}\\$[./A-Za-z0-9]{53}", "$2"));
        r.add(prefix("secret.password_hash", 0.9,
                "\\$[156]\\$(?:rounds=\\d{1,9}\\$)?[./A-Za-z0-9]{1,16}\\$[./A-Za-z0-9]{22,86}+", "$1$", "$5$", "$6$"));
        // Cisco IOS type 8 (PBKDF2-SHA256) and type 9 (scrypt) secrets.
        r.add(prefix("secret.password_hash", 0.9, "\\$[89]\\$[./A-Za-z0-9]{14}\\$[./A-Za-z0-9]{43}", "$8$", "$9$"));
        // Kerberos AS-REP and TGS-REP hashes as cracking tools print them. The prefix leaves no
        // doubt, so the hash outranks the e-mail-like principal name inside it.
        r.add(prefix("secret.password_hash", 0.99,
                "\\$krb5(?:asrep|tgs)\\$\\d{1,2}\\$(?:\\*[^*\\s]{1,512}+\\*\\$)?+(?:[^$\\s:]{1,256}+:)?+[a-f0-9]{32}\\$[a-f0-9]{64,8192}+",
                "$krb5asrep$", "$krb5tgs$"));
        r.add(prefix("secret.tavily_api_key", 0.99, "tvly-(?:dev-)?[A-Za-z0-9]{32}", "tvly-"));
        r.add(prefix("secret.artifactory_token", 0.9, "AKCp[A-Za-z0-9]{69}", "AKCp"));
        r.add(infix("secret.teams_webhook", 0.95,
                "https://[A-Za-z0-9-]{1,60}+\\.webhook\\.office\\.com/webhookb2/[A-Za-z0-9@/_-]{40,400}+", 72, URL_CHARS,
                ".webhook.office.com"));
        r.add(infix("secret.teams_webhook", 0.95,
                "https://outlook\\.office(?:365)?\\.com/webhook/[A-Za-z0-9@/_-]{40,400}+", 8, URL_CHARS,
                "outlook.office"));
        r.add(infix("secret.discord_webhook", 0.95,
                "https://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/\\d{17,20}/[A-Za-z0-9_-]{60,68}", 16,
                URL_CHARS, "discord"));
        // Vendors added from their published formats.
        r.add(prefix("secret.adafruit_io_key", 0.95, "aio_[A-Za-z0-9]{28}", "aio_"));
        r.add(prefix("secret.dependency_track_api_key", 0.95, "odt_[A-Za-z0-9]{32,40}+", "odt_"));
        r.add(prefix("secret.dynatrace_token", 0.99, "dt0[a-z]\\d{2}\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}", "dt0"));
        r.add(prefix("secret.jina_api_key", 0.95, "jina_[a-f0-9]{32}[A-Za-z0-9_-]{24,40}+", "jina_"));
        r.add(prefix("secret.mapbox_token", 0.9, "[spt]k\\.eyJ[A-Za-z0-9_-]{20,400}+\\.[A-Za-z0-9_-]{16,400}+",
                "sk.eyJ", "pk.eyJ", "tk.eyJ"));
        r.add(prefix("secret.twitch_stream_key", 0.95, "live_\\d{6,12}_[A-Za-z0-9]{30}", "live_"));
        r.add(prefix("secret.salesforce_token", 0.95, "00D[A-Za-z0-9]{12,15}![A-Za-z0-9_.]{80,140}+", "00D"));
        r.add(prefix("secret.crates_io_token", 0.95, "cio[A-Za-z0-9]{32}", "cio"));
        r.add(prefix("secret.teamcity_token", 0.95, "eyJ0eXAiOiAiVENWMiJ9\\.[A-Za-z0-9_-]{20,400}+\\.[A-Za-z0-9_-]{20,400}+",
                "eyJ0eXAiOiAiVENWMiJ9"));
        r.add(prefix("secret.heroku_api_key", 0.95, "HRKU-[A-Za-z0-9_-]{60}", "HRKU-"));
        r.add(keyed("secret.heroku_api_key", 0.85, UUID, 40, "heroku_api_key", "heroku_api_token", "heroku api key"));
        r.add(prefix("secret.sonarqube_token", 0.95, "sq[pua]_[a-f0-9]{40}", "sqp_", "squ_", "sqa_"));
        r.add(keyed("secret.sonarqube_token", 0.85, "[a-f0-9]{40}", 12, "sonar.login", "sonarlogin", "sonar_login",
                "sonar.token", "sonar_token"));
        r.add(keyed("secret.okta_api_token", 0.9, "00[A-Za-z0-9_-]{40}", 40, "okta", "ssws"));
        r.add(keyed("secret.postmark_token", 0.85, UUID, 40, "postmark"));
        r.add(keyed("secret.truenas_api_key", 0.9, "\\d{1,6}-[A-Za-z0-9]{64}", 40, "login_with_api_key", "truenas"));
        r.add(keyed("secret.thingsboard_token", 0.9, "/api/v1/([a-z0-9]{20})/", 40, "thingsboard"));
        r.add(keyed("secret.thingsboard_token", 0.9, "\"([a-z0-9]{20})\"", 6, "provisionDeviceKey\"",
                "provisionDeviceSecret\""));
        r.add(keyed("secret.wireguard_key", 0.95, "[A-Za-z0-9+/]{43}=", 6, "PrivateKey", "PresharedKey"));
        r.add(keyed("secret.jenkins_token", 0.9, "[a-f0-9]{32,64}+", 6, "Jenkins-Crumb"));
        r.add(keyed("secret.jenkins_token", 0.9, "[a-f0-9]{32}", 40, "following password to proceed"));
        r.add(keyed("secret.codeclimate_reporter_id", 0.85, "[a-f0-9]{64}", 8, "reporter_id"));
        r.add(prefix("secret.blynk_token", 0.9, "oa2-client-id_[A-Za-z0-9_-]{32}(?::[A-Za-z0-9]{40})?", "oa2-client-id_"));
        // A PEM private key that was base64-encoded once more (Kubernetes secrets, env vars).
        r.add(prefix("secret.private_key", 0.95, "LS0tLS1CRUdJTi[A-Za-z0-9+/]{40,65536}+={0,2}", "LS0tLS1CRUdJTi")
                .validatedBy(SecretDetectors::base64Pem));
        return r;
    }

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    /** True if {@code v} decodes to a PEM private key header. */
    private static boolean base64Pem(String v) {
        String head = v.substring(0, Math.min(v.length(), 64) / 4 * 4);
        try {
            String pem = new String(Base64.getDecoder().decode(head), StandardCharsets.ISO_8859_1);
            return pem.startsWith("-----BEGIN ") && pem.contains("PRIVATE KEY");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
