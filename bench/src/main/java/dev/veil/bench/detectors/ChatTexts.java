package dev.veil.bench.detectors;

import java.util.List;
import java.util.Random;

/**
 * Generates chat-like texts for the benchmarks: questions, pasted code and log lines, and now and
 * then a sentence with a name, place, e-mail address, phone number, card number or IP address,
 * as people paste them into an assistant. Deterministic for a given seed, so every run scans the
 * same text. All names and values are made up here.
 */
final class ChatTexts {

    private static final List<String> PLAIN = List.of(
            "Can you help me rewrite this paragraph so that it sounds more formal?",
            "What is the difference between a process and a thread, in two sentences?",
            "Summarise the main risks of the plan below for a non-technical reader.",
            "Here is the error I get when the build runs on the server, any idea?",
            "Please turn these notes into a short status update for the team.",
            "Why does the query below get slower when the table grows past a million rows?",
            "Translate the following into plain English and keep the bullet points.",
            "I need three options for a subject line, friendly but not too casual.",
            "The tests pass locally but fail in CI with a timeout after ten minutes.",
            "Give me a checklist for reviewing a pull request that changes the database schema.",
            "Thanks, that worked. Now make the function handle empty input as well.",
            "Our quarterly review is next week and I want to present the numbers clearly.");

    private static final List<String> CODE = List.of(
            "```python\ndef parse(line):\n    fields = line.strip().split(',')\n"
                    + "    return {k: v for k, v in zip(HEADER, fields)}\n```",
            "```java\nfor (Order order : orders) {\n    total = total.add(order.amount());\n}\n```",
            "```sql\nSELECT customer_id, count(*) FROM orders\nWHERE created_at > now() - interval"
                    + " '7 days'\nGROUP BY customer_id ORDER BY 2 DESC LIMIT 20;\n```",
            "```\n2026-03-01T12:00:03.114Z INFO  http request method=GET path=/api/items"
                    + " status=200 latency_ms=35\n2026-03-01T12:00:03.200Z WARN  pool exhausted,"
                    + " waiting for a connection (active=32 idle=0)\n```",
            "```yaml\nservices:\n  web:\n    image: shop/web:1.4.2\n    ports: [\"8080:8080\"]\n```");

    private static final List<String> FIRST = List.of("Maria", "James", "Aiko", "Olu", "Priya",
            "Lukas", "Chloe", "Mateo", "Ingrid", "Samir", "Hannah", "Wei");
    private static final List<String> LAST = List.of("Jensen", "Okafor", "Tanaka", "Moreau",
            "Schmidt", "Alvarez", "Kowalski", "Nakamura", "Lindqvist", "Haddad", "Brennan");
    private static final List<String> CITY = List.of("Lisbon", "Toronto", "Osaka", "Leeds",
            "Munich", "Lyon", "Austin", "Pune", "Gdansk", "Melbourne");
    private static final List<String> COMPANY = List.of("Northwind Traders", "Brightpath Labs",
            "Kestrel Logistics", "Fernhill Bank", "Orbital Foods");

    private ChatTexts() {
    }

    /** A text of exactly {@code chars} UTF-16 chars (the last sentence may be cut). */
    static String generate(int chars, long seed) {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder(chars + 256);
        while (sb.length() < chars) {
            int roll = random.nextInt(10);
            if (roll < 5) {
                sb.append(pick(PLAIN, random));
            } else if (roll < 7) {
                sb.append(pick(CODE, random));
            } else {
                sb.append(personal(random));
            }
            sb.append(random.nextInt(3) == 0 ? "\n\n" : " ");
        }
        sb.setLength(chars);
        return sb.toString();
    }

    private static String personal(Random random) {
        String first = pick(FIRST, random);
        String last = pick(LAST, random);
        return switch (random.nextInt(7)) {
            case 0 -> "Please draft a reply to " + first + " " + last + " at "
                    + first.toLowerCase() + "." + last.toLowerCase() + "@example.org about the"
                    + " delayed shipment.";
            case 1 -> "My card " + card(random) + " was charged twice for the same order.";
            case 2 -> "Call " + first + " on +1 415 555 " + (1000 + random.nextInt(9000))
                    + " before Friday.";
            case 3 -> "The host 10." + random.nextInt(256) + "." + random.nextInt(256) + "."
                    + random.nextInt(256) + " stopped answering after the upgrade.";
            case 4 -> first + " is moving from " + pick(CITY, random) + " to " + pick(CITY, random)
                    + " and joins " + pick(COMPANY, random) + " in May.";
            case 5 -> "Write a short bio for " + first + " " + last + ", who has led the team at "
                    + pick(COMPANY, random) + " since 2019.";
            default -> "Dear " + first + ", thanks for the notes from the meeting in "
                    + pick(CITY, random) + ".";
        };
    }

    /** A made-up 16-digit number starting with 4 that passes the Luhn check. */
    private static String card(Random random) {
        int[] d = new int[16];
        d[0] = 4;
        for (int i = 1; i < 15; i++) {
            d[i] = random.nextInt(10);
        }
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            int v = d[i];
            if (i % 2 == 0) { // doubled positions, counting from the check digit's left neighbour
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
        }
        d[15] = (10 - sum % 10) % 10;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append(' ');
            }
            sb.append(d[i]);
        }
        return sb.toString();
    }

    private static String pick(List<String> options, Random random) {
        return options.get(random.nextInt(options.size()));
    }
}
