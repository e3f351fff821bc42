package dev.veil.models;

import java.util.List;
import java.util.Set;

/**
 * Frequent English words that also occur as names or places in Datafaker's lists ("will",
 * "may", "young", "bath"). They are kept out of the gazetteer, which is matched in lower case.
 */
final class CommonWords {

    private CommonWords() {
    }

    static final Set<String> SET = Set.copyOf(List.of(
            "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with",
            "from", "as", "is", "are", "was", "were", "be", "been", "am", "do", "does", "did", "done", "have",
            "has", "had", "will", "would", "can", "could", "may", "might", "must", "shall", "should", "not",
            "no", "yes", "so", "than", "then", "that", "this", "these", "those", "there", "here", "what",
            "who", "whom", "when", "where", "why", "how", "all", "any", "each", "few", "more", "most",
            "other", "some", "such", "only", "own", "same", "too", "very", "just", "now", "new", "old",
            "good", "well", "best", "better", "long", "little", "great", "high", "low", "young", "big",
            "small", "early", "late", "last", "next", "first", "second", "right", "left", "back", "down",
            "up", "out", "over", "under", "off", "about", "after", "before", "again", "once", "still",
            "also", "even", "ever", "never", "always", "often", "soon", "away", "home", "house", "work",
            "day", "days", "week", "year", "time", "man", "men", "way", "life", "world", "hand", "part",
            "place", "case", "point", "group", "number", "fact", "water", "room", "word", "king", "queen",
            "lord", "love", "hope", "faith", "joy", "grace", "rose", "lily", "iris", "ivy", "daisy", "ruby",
            "amber", "hazel", "olive", "pearl", "dawn", "summer", "autumn", "winter", "spring", "april",
            "june", "july", "august", "march", "sunny", "bill", "mark", "pat", "sue", "bob", "rob", "jack",
            "frank", "grant", "guy", "hunter", "king", "mason", "miller", "smith", "baker", "cook", "cooper",
            "carter", "fisher", "taylor", "turner", "walker", "white", "black", "brown", "green", "gray",
            "grey", "wood", "woods", "hill", "hills", "lake", "river", "field", "fields", "stone", "bank",
            "banks", "bath", "bay", "beach", "bridge", "brook", "church", "city", "cross", "dale", "ford",
            "gate", "hall", "haven", "land", "lane", "marsh", "mill", "moor", "mount", "north", "south",
            "east", "west", "park", "port", "rock", "vale", "wells", "york", "union", "victoria", "will's",
            "da", "de", "del", "der", "di", "du", "el", "la", "le", "van", "von", "den", "des", "dos", "ter",
            "san", "st", "saint", "new", "fort", "port", "mac", "mc", "ben", "al", "ali", "bin", "ibn",
            "ok", "hi", "hey", "hello", "thanks", "please", "sorry", "sure", "fine", "nice", "cool", "dear",
            "star", "sky", "sun", "moon", "chase", "art", "major", "sterling", "price", "rich", "sharp",
            "power", "key", "free", "gold", "silver", "golden", "page", "story", "reading", "reed", "rivers",
            "angel", "august", "may's", "max", "min", "sol", "val", "van", "ray", "don", "dean", "earl",
            "duke", "prince", "bishop", "pope", "cash", "link", "case", "lane", "mars", "nova", "luna",
            "i", "me", "you", "he", "she", "it", "we", "they", "him", "her", "us", "them", "my", "your",
            "his", "its", "our", "their", "mine", "yours", "can", "cannot", "need", "want", "get", "got",
            "let", "make", "take", "give", "see", "say", "said", "go", "come", "know", "think", "look",
            "don't", "can't", "won't", "isn't", "aren't", "doesn't", "didn't", "i'm", "i've", "i'll", "i'd",
            "you're", "you've", "we're", "we've", "they're", "it's", "that's", "there's", "let's", "couldn't",
            "shouldn't", "wouldn't", "wasn't", "weren't", "haven't", "hasn't", "what's", "who's", "here's",
            "pine", "ash", "oak", "elm", "cedar", "willow", "river", "sage", "storm", "stormy", "wolf"));
}
