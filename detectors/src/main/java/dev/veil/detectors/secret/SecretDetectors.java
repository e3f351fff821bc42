package dev.veil.detectors.secret;

import dev.veil.detectors.Detector;
import dev.veil.detectors.pattern.ContextWords;
import dev.veil.detectors.pattern.PatternDetector;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalogue of credential detectors. Most service tokens carry a fixed prefix the vendor
 * chose so that they can be found ({@code ghp_}, {@code xoxb-}, {@code sk-ant-}); those are
 * matched exactly, with the prefix as a cheap prefilter. Formats without a prefix need a
 * keyword near them.
 */
public final class SecretDetectors {

    private static final String BEFORE = "(?<![A-Za-z0-9_+/-])";
    private static final String AFTER = "(?![A-Za-z0-9_+/=-])";

    private SecretDetectors() {
    }

    /** Every secret detector, in a stable order. */
    public static List<Detector> all() {
        List<Detector> all = new ArrayList<>(List.of(awsAccessKeyId(), awsSecretAccessKey(), privateKey(),
                gcpServiceAccountKey(), new JwtDetector(), new ConnectionStringDetector(),
                new AssignmentDetector()));
        all.addAll(tokens());
        return all;
    }

    /**
     * AWS access key ids: a four-letter prefix naming the kind of principal (AKIA for long-term
     * user keys, ASIA for temporary STS keys, ...) and 16 base-32 chars.
     */
    public static Detector awsAccessKeyId() {
        return PatternDetector.builder("secret.aws_access_key_id")
                .pattern("(?<![A-Za-z0-9/+])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA"
                        + "|APKA|ASCA)[A-Z2-7]{16}(?![A-Za-z0-9/+])")
                .score(0.95)
                .literals("AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AIPA", "ANPA", "ANVA",
                        "AROA", "APKA", "ASCA")
                .build();
    }

    /**
     * AWS secret access keys: 40 base-64 chars have no prefix, so they are reported only near
     * a key name or an access key id, and only if they mix letter cases and digits (a 40-char
     * hex SHA-1 is a commit, not a key).
     */
    public static Detector awsSecretAccessKey() {
        return PatternDetector.builder("secret.aws_secret_access_key")
                .pattern("(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")
                .validator(v -> Entropy.mixesClasses(v, 3) && Entropy.bitsPerChar(v) >= 4.0)
                .requireContext(new ContextWords(List.of("aws_secret_access_key", "secret_access_key",
                        "secretaccesskey", "aws_secret_key", "aws secret", "secret access key", "aws_secret",
                        "aws-secret", "awssecretkey", "secret key", "secret_key"), 120, 0), 0.95)
                .build();
    }

    /** PEM, OpenSSH, PuTTY and PGP private key blocks. */
    public static Detector privateKey() {
        return new PrivateKeyDetector();
    }

    /**
     * The key id of a GCP service-account JSON key ({@code "private_key_id"}); the key itself is
     * reported by the private key detector.
     */
    public static Detector gcpServiceAccountKey() {
        return PatternDetector.builder("secret.gcp_service_account_key")
                .pattern("\"private_key_id\"\\s{0,8}+:\\s{0,8}+\"([a-f0-9]{40})\"")
                .group(1)
                .requireContext(new ContextWords(List.of("service_account", "client_email",
                        "iam.gserviceaccount.com"), 2000, 2000), 0.95)
                .literals("private_key_id")
                .build();
    }

    /** Service tokens with a vendor prefix, one detector per type. */
    public static List<Detector> tokens() {
        return List.of(
                token("secret.github_token", 0.99,
                        "(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,251}+|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}",
                        "gh", "github_pat_"),
                token("secret.gitlab_token", 0.99,
                        "glpat-[A-Za-z0-9_-]{20,64}+|glptt-[0-9a-f]{40}|GR1348941[A-Za-z0-9_-]{20}"
                                + "|gl(?:rt|dt|cbt|soat|ft|imt|agent|oas)-[A-Za-z0-9_-]{20,64}+",
                        "gl", "GR1348941"),
                token("secret.slack_token", 0.99,
                        "xox[abposre]-[0-9A-Za-z][0-9A-Za-z-]{8,250}+|xapp-\\d-[A-Z0-9]{9,12}-\\d{10,16}-[a-f0-9]{32,80}",
                        "xox", "xapp-"),
                token("secret.slack_webhook", 0.99,
                        "https://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_-]{20,200}+",
                        "hooks.slack.com"),
                token("secret.stripe_key", 0.99,
                        "(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{20,247}+|whsec_[A-Za-z0-9]{32,64}+", "_live_", "_test_", "whsec_"),
                token("secret.openai_api_key", 0.99,
                        "sk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{20,200}+T3BlbkFJ[A-Za-z0-9_-]{20,200}+"
                                + "|sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,250}+|sk-[A-Za-z0-9]{48}",
                        "sk-"),
                token("secret.anthropic_api_key", 0.99, "sk-ant-(?:api|admin|sid)\\d{2}-[A-Za-z0-9_-]{80,120}+", "sk-ant-"),
                token("secret.google_api_key", 0.95, "AIza[0-9A-Za-z_-]{35}", "AIza"),
                token("secret.google_oauth", 0.95,
                        "GOCSPX-[A-Za-z0-9_-]{28}|ya29\\.[0-9A-Za-z_-]{20,2048}+|1//0[0-9A-Za-z_-]{40,512}+",
                        "GOCSPX-", "ya29.", "1//0"),
                token("secret.npm_token", 0.99, "npm_[A-Za-z0-9]{36}", "npm_"),
                token("secret.pypi_token", 0.99, "pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}+", "pypi-"),
                token("secret.twilio_api_key", 0.9, "SK[0-9a-f]{32}", "SK"),
                token("secret.sendgrid_api_key", 0.99, "SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}", "SG."),
                token("secret.huggingface_token", 0.95, "hf_[A-Za-z]{34,40}+", "hf_"),
                token("secret.digitalocean_token", 0.99, "do[opr]_v1_[a-f0-9]{64}", "_v1_"),
                token("secret.shopify_token", 0.99, "shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}", "shp"),
                token("secret.telegram_bot_token", 0.9, "\\d{8,10}:AA[A-Za-z0-9_-]{33}", ":AA"),
                token("secret.mailchimp_api_key", 0.9, "[0-9a-f]{32}-us\\d{1,2}", "-us"),
                token("secret.mailgun_api_key", 0.85, "key-[0-9a-f]{32}", "key-"),
                token("secret.databricks_token", 0.95, "dapi[a-f0-9]{32}(?:-\\d)?", "dapi"),
                token("secret.age_secret_key", 0.99, "AGE-SECRET-KEY-1[0-9A-Z]{58}", "AGE-SECRET-KEY-1"),
                token("secret.square_token", 0.95,
                        "sq0atp-[A-Za-z0-9_-]{22}|sq0csp-[A-Za-z0-9_-]{43}|EAAA[A-Za-z0-9_+-]{60}", "sq0", "EAAA"),
                token("secret.dropbox_token", 0.95, "sl\\.[A-Za-z0-9_-]{130,200}+", "sl."),
                token("secret.atlassian_token", 0.99, "ATATT3[A-Za-z0-9_=-]{180,200}+", "ATATT3"),
                token("secret.groq_api_key", 0.99, "gsk_[A-Za-z0-9]{52}", "gsk_"),
                token("secret.postman_api_key", 0.99, "PMAK-[a-f0-9]{24}-[a-f0-9]{34}", "PMAK-"),
                token("secret.newrelic_key", 0.95, "NR(?:AK|II|IQ|JS|RA|SP)-[A-Za-z0-9_-]{19,48}+", "NR"),
                token("secret.grafana_token", 0.95,
                        "glc_[A-Za-z0-9+/]{32,400}+={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|eyJrIjoi[A-Za-z0-9]{70,400}+={0,2}",
                        "glc_", "glsa_", "eyJrIjoi"),
                token("secret.docker_hub_token", 0.99, "dckr_pat_[A-Za-z0-9_-]{27}", "dckr_pat_"),
                token("secret.vault_token", 0.95, "hv[sbr]\\.[A-Za-z0-9_-]{24,400}+", "hvs.", "hvb.", "hvr."),
                token("secret.rubygems_api_key", 0.99, "rubygems_[a-f0-9]{48}", "rubygems_"),
                token("secret.nuget_api_key", 0.9, "oy2[a-z0-9]{43}", "oy2"),
                token("secret.pulumi_token", 0.99, "pul-[a-f0-9]{40}", "pul-"),
                token("secret.sourcegraph_token", 0.99, "sgp_(?:[a-f0-9]{16}_)?[a-f0-9]{40}", "sgp_"),
                token("secret.linear_api_key", 0.99, "lin_api_[A-Za-z0-9]{40}", "lin_api_"),
                token("secret.doppler_token", 0.99, "dp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,44}+", "dp."),
                token("secret.azure_client_secret", 0.9, "[A-Za-z0-9_~.-]{3}\\dQ~[A-Za-z0-9_~.-]{31,34}+", "Q~"),
                token("secret.azure_storage_key", 0.99,
                        "(?i:AccountKey|SharedAccessKey)=[A-Za-z0-9+/]{40,100}+={0,2}", "ccountKey=", "ccessKey="),
                token("secret.password_hash", 0.9,
                        "\\$2[abxy]?\\$\\d{2}\\$[./A-Za-z0-9]{53}|\\$(?:1|5|6)\\$(?:rounds=\\d{1,9}\\$)?[./A-Za-z0-9]{1,16}\\$[./A-Za-z0-9]{22,86}+",
                        "$2", "$1$", "$5$", "$6$"),
                token("secret.tavily_api_key", 0.99, "tvly-(?:dev-)?[A-Za-z0-9]{32}", "tvly-"),
                token("secret.artifactory_token", 0.9, "AKCp[A-Za-z0-9]{69}", "AKCp"));
    }

    private static Detector token(String type, double score, String regex, String... literals) {
        return PatternDetector.builder(type)
                .pattern(BEFORE + "(?:" + regex + ")" + AFTER)
                .score(score)
                .literals(literals)
                .build();
    }
}
