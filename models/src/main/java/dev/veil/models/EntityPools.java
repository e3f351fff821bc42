package dev.veil.models;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import net.datafaker.Faker;

/**
 * Names, places, companies and look-alike non-entities drawn once, with a fixed seed, from
 * Datafaker in many locales. The generators sample from these pools; the gazetteer is written
 * from them.
 */
final class EntityPools {

    /** Latin-script locales chosen for the variety of their name and place data. */
    static final List<String> LOCALES = List.of(
            "en-US", "en-GB", "en-IN", "en-AU", "en-CA", "en-NG", "en-ZA", "en-PH", "en-IE", "en-NZ",
            "de", "de-AT", "de-CH", "fr", "fr-CA", "es", "es-MX", "es-AR", "it", "pt", "pt-BR",
            "nl", "nl-BE", "pl", "sv", "nb-NO", "da-DK", "fi-FI", "hu", "cs-CZ", "sk", "ro", "tr",
            "id-ID", "vi", "ca-CAT", "sq", "et", "lv", "hr", "en-SG", "en-PK", "en-UG", "ta-IN",
            "ru", "uk", "bg", "el-GR", "he", "ja", "ko", "zh-CN", "ka", "hy");

    final List<String> firstNames = new ArrayList<>();
    final List<String> lastNames = new ArrayList<>();
    final List<String> cities = new ArrayList<>();
    final List<String> countries = new ArrayList<>();
    final List<String> regions = new ArrayList<>();
    final List<String> streets = new ArrayList<>();
    final List<String> postcodes = new ArrayList<>();
    final List<String> companies = new ArrayList<>();
    final List<String> institutions = new ArrayList<>();
    final List<String> products = new ArrayList<>();
    final List<String> jobTitles = new ArrayList<>();
    final List<String> diseases = new ArrayList<>();
    final List<String> nationalities = new ArrayList<>();
    final List<String> commonWords = new ArrayList<>();
    final List<String> medicines = new ArrayList<>();

    // Datafaker's medical() provider is deprecated; the shipped models were trained with its data,
    // and moving to its successor would change the training text.
    @SuppressWarnings("removal")
    static EntityPools build(long seed, int perLocale) {
        EntityPools p = new EntityPools();
        Random seeds = new Random(seed);
        Set<String> first = new LinkedHashSet<>();
        Set<String> last = new LinkedHashSet<>();
        Set<String> cities = new LinkedHashSet<>();
        Set<String> countries = new LinkedHashSet<>();
        Set<String> regions = new LinkedHashSet<>();
        Set<String> streets = new LinkedHashSet<>();
        Set<String> postcodes = new LinkedHashSet<>();
        Set<String> companies = new LinkedHashSet<>();
        Set<String> institutions = new LinkedHashSet<>();
        Set<String> products = new LinkedHashSet<>();
        Set<String> jobs = new LinkedHashSet<>();
        Set<String> diseases = new LinkedHashSet<>();
        Set<String> medicines = new LinkedHashSet<>();
        Set<String> nationalities = new LinkedHashSet<>();
        Set<String> common = new LinkedHashSet<>();
        for (String tag : LOCALES) {
            Faker f = new Faker(Locale.forLanguageTag(tag), new Random(seeds.nextLong()));
            for (int i = 0; i < perLocale; i++) {
                add(first, f.name()::firstName);
                add(last, f.name()::lastName);
                add(cities, f.address()::city);
                if (i % 4 == 0) {
                    add(regions, f.address()::state);
                    add(streets, f.address()::streetAddress);
                    add(postcodes, f.address()::zipCode);
                    add(companies, f.company()::name);
                }
            }
        }
        Faker en = new Faker(Locale.ENGLISH, new Random(seeds.nextLong()));
        for (int i = 0; i < perLocale * 4; i++) {
            add(countries, en.country()::name);
            add(cities, en.country()::capital);
            add(cities, en.nation()::capitalCity);
            add(companies, en.company()::name);
            add(institutions, en.university()::name);
            add(institutions, en.medical()::hospitalName);
            add(institutions, en.team()::name);
            add(products, en.app()::name);
            add(products, en.commerce()::productName);
            add(products, en.programmingLanguage()::name);
            add(products, en.computer()::operatingSystem);
            add(products, en.device()::modelName);
            add(products, en.aws()::service);
            add(products, en.largeLanguageModel()::textModel);
            add(jobs, en.job()::title);
            add(diseases, en.medical()::diseaseName);
            add(medicines, en.medical()::medicineName);
            add(nationalities, en.nation()::nationality);
            add(nationalities, en.nation()::language);
            add(common, en.word()::noun);
            add(common, en.word()::verb);
            add(common, en.word()::adjective);
            add(common, en.word()::adverb);
            add(common, en.word()::preposition);
            add(common, en.word()::conjunction);
        }
        p.firstNames.addAll(first);
        p.lastNames.addAll(last);
        p.cities.addAll(cities);
        p.countries.addAll(countries);
        p.regions.addAll(regions);
        p.streets.addAll(streets);
        p.postcodes.addAll(postcodes);
        p.companies.addAll(companies);
        p.institutions.addAll(institutions);
        p.products.addAll(products);
        p.products.addAll(TECH_TERMS);
        p.jobTitles.addAll(jobs);
        p.diseases.addAll(diseases);
        p.medicines.addAll(medicines);
        p.nationalities.addAll(nationalities);
        p.commonWords.addAll(common);
        return p;
    }

    private static void add(Set<String> into, Supplier<String> source) {
        String v;
        try {
            v = source.get();
        } catch (RuntimeException e) {
            // Some locales lack a provider's data; the other locales fill the pool.
            return;
        }
        if (v != null) {
            v = v.strip();
            if (!v.isEmpty() && v.length() < 60 && v.indexOf('\n') < 0) {
                into.add(v);
            }
        }
    }

    /** Capitalised technical words that are not names of people, places or organizations. */
    static final List<String> TECH_TERMS = List.of(
            "Kubernetes", "Docker", "Python", "Java", "JavaScript", "TypeScript", "React", "Angular",
            "Vue", "Postgres", "PostgreSQL", "MySQL", "Redis", "Kafka", "Spark", "Hadoop", "Terraform",
            "Ansible", "Jenkins", "Linux", "Ubuntu", "Debian", "Windows", "macOS", "iOS", "Android",
            "Chrome", "Firefox", "Jira", "Confluence", "Excel", "PowerPoint", "Outlook", "Git", "Maven",
            "Gradle", "Spring Boot", "Django", "Flask", "Node", "Rust", "Go", "Kotlin", "Swift", "Scala",
            "Haskell", "Elixir", "GraphQL", "REST", "JSON", "YAML", "XML", "HTML", "CSS", "SQL", "API",
            "SDK", "CLI", "S3", "EC2", "EKS", "Lambda", "BigQuery", "Snowflake", "Airflow", "Helm",
            "Nginx", "Apache", "Tomcat", "Netty", "Grafana", "Prometheus", "Elasticsearch", "Kibana",
            "Pandas", "NumPy", "PyTorch", "TensorFlow", "Jupyter", "VS Code", "IntelliJ", "Vim", "Emacs",
            "Bash", "PowerShell", "Markdown", "OAuth", "JWT", "TLS", "HTTP", "gRPC", "WebSocket",
            "Bluetooth", "Wi-Fi", "USB-C", "PDF", "CSV", "Kanban", "Scrum", "Agile", "OKR", "KPI");

    /** Capitalised words that start headings, sentences and list items in work text. */
    static final List<String> CAPITALISED_WORDS = List.of(
            "Summary", "Action Items", "Next Steps", "Status", "Update", "Release Notes", "Overview",
            "Background", "Goal", "Notes", "Agenda", "Decision", "Risk", "Budget", "Timeline",
            "Important", "Reminder", "Question", "Answer", "Example", "Note", "Warning", "Error",
            "Success", "Done", "Todo", "Blocked", "Urgent", "Draft", "Final", "Quarterly Review",
            "Customer Success", "Product", "Engineering", "Marketing", "Sales", "Support", "Legal",
            "Finance", "Operations", "Security", "Design", "Research", "Team", "Project Phoenix",
            "Phase", "Sprint", "Milestone", "Roadmap", "Retrospective", "Standup", "Onboarding");

    static final List<String> DAYS = List.of(
            "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday");
    static final List<String> MONTHS = List.of(
            "January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December");
    static final List<String> TITLES = List.of(
            "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Mr", "Mrs", "Ms", "Dr", "Miss", "Sir");
}
