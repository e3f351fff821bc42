package dev.veil.models;

import java.util.Random;

/**
 * Pronounceable made-up capitalised words ("Velmora", "Tastrin"). Names in real text are often
 * ones no list holds; training on invented ones teaches the model to use context and word shape
 * rather than memorise a list. Not thread-safe.
 */
final class InventedWords {

    private static final String[] ONSETS = {"b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s",
        "t", "v", "w", "z", "br", "cr", "dr", "gr", "kr", "pr", "tr", "st", "sh", "ch", "th", "bl", "fl", "sl", "x", "qu"};
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "a", "e", "o", "ia", "ei", "ou", "y", "ä", "é", "ö"};
    private static final String[] CODAS = {"", "", "", "n", "r", "l", "s", "x", "nd", "rt", "m", "sk", "th", "nt", "v"};

    private final Random random;

    InventedWords(Random random) {
        this.random = random;
    }

    String name() {
        int syllables = 2 + random.nextInt(2);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < syllables; i++) {
            if (i > 0 || random.nextInt(4) > 0) {
                b.append(ONSETS[random.nextInt(ONSETS.length)]);
            }
            b.append(VOWELS[random.nextInt(VOWELS.length)]);
            if (i == syllables - 1 || random.nextInt(3) == 0) {
                b.append(CODAS[random.nextInt(CODAS.length)]);
            }
        }
        return Character.toUpperCase(b.charAt(0)) + b.substring(1);
    }

    /**
     * A made-up one-word brand ("Dataworx", "Veltrix", "Brightora", "NovaLink"): company names
     * in real text are often a single coined word with no "Inc." to give them away.
     */
    String brand() {
        String[] heads = {"Data", "Micro", "Info", "Net", "Tele", "Bright", "Blue", "Nova", "Omni", "Veri", "Pro",
            "Tech", "Cyber", "Quant", "Green", "Sun", "Cloud", "Zen", "Meta", "Inno", "Medi", "Fin", "Pay", "Air"};
        String[] tails = {"bilt", "ex", "ify", "ly", "io", "ara", "ion", "soft", "works", "worx", "bit", "nix", "logic",
            "link", "ora", "ent", "sys", "tron", "mark", "scape", "point", "wave", "gen", "lab", "ica"};
        int shape = random.nextInt(4);
        if (shape == 0) {
            return name() + tails[random.nextInt(tails.length)];
        }
        String head = heads[random.nextInt(heads.length)];
        String tail = tails[random.nextInt(tails.length)];
        if (shape == 1) {
            // Camel case: "NovaLink", "ProPublica".
            tail = Character.toUpperCase(tail.charAt(0)) + tail.substring(1);
        } else if (shape == 2) {
            String n = name();
            tail = n.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + n.substring(1);
        }
        return head + tail;
    }

    String place() {
        String[] endings = {"", "", "burg", "ville", "ton", "stad", "ford", "ia", "polis", "heim"};
        return name() + endings[random.nextInt(endings.length)];
    }
}
