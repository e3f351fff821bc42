package dev.veil.policy;

import java.util.Set;

/**
 * The finding type names shared by detectors, policy files and docs ({@code <category>.<name>}).
 * Tools that validate a policy without a running detector set (for example
 * {@code veil policy check}) accept these names in addition to whatever the detectors report.
 */
public final class FindingTypes {

    /** Every documented type name. */
    public static final Set<String> DOCUMENTED = Set.of(
            "pii.email", "pii.phone", "pii.person", "pii.location", "pii.organization", "pii.street_address",
            "pii.date_of_birth", "pii.age", "pii.nationality", "pii.religion", "pii.political_affiliation",
            "financial.payment_card", "financial.iban", "financial.swift_bic", "financial.us_aba_routing",
            "gov_id.us_ssn", "gov_id.us_itin", "gov_id.us_passport", "gov_id.us_driver_license", "gov_id.uk_nino",
            "gov_id.uk_nhs", "gov_id.de_tax_id", "gov_id.fr_nir", "gov_id.es_dni", "gov_id.es_nie",
            "gov_id.it_codice_fiscale", "gov_id.in_aadhaar", "gov_id.in_pan", "gov_id.ca_sin",
            "network.ipv4", "network.ipv6", "network.mac", "network.url_credentials",
            "secret.aws_access_key_id", "secret.aws_secret_access_key", "secret.private_key",
            "secret.github_token", "secret.jwt", "secret.connection_string", "secret.password_assignment",
            "secret.generic_high_entropy",
            "marker.confidential",
            "topic.health", "topic.legal", "topic.financial", "topic.hr");

    private FindingTypes() {
    }
}
