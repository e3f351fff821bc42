package dev.veil.audit.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Names of segment and checkpoint files. Segments are numbered from 1 in the order written. */
public final class SegmentFiles {

    public static final String CHECKPOINT_FILE = "checkpoints.jsonl";
    private static final Pattern SEGMENT = Pattern.compile("segment-(\\d{6,})\\.jsonl");

    private SegmentFiles() {
    }

    public static Path segment(Path dir, long number) {
        return dir.resolve(String.format("segment-%06d.jsonl", number));
    }

    /** The number of a segment file, or -1 if the name is not a segment's. */
    public static long number(Path file) {
        Matcher m = SEGMENT.matcher(file.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /** The segment files of {@code dir} in the order they were written. */
    public static List<Path> list(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> number(p) > 0).forEach(out::add);
        }
        out.sort((a, b) -> Long.compare(number(a), number(b)));
        return out;
    }
}
