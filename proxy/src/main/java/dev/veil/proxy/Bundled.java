package dev.veil.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files shipped inside the jar (the example policies), for when Veil runs outside a checkout of
 * the project.
 */
public final class Bundled {

    private Bundled() {
    }

    /**
     * The policy at {@code file} if it exists; otherwise, if the jar ships a policy of that name
     * under {@code policies/}, a copy of it in {@code dir}.
     */
    public static Path policy(Path file, Path dir) throws IOException {
        if (Files.exists(file)) {
            return file;
        }
        String name = file.getFileName().toString();
        try (InputStream in = Bundled.class.getResourceAsStream("/policies/" + name)) {
            if (in == null) {
                return file;
            }
            Files.createDirectories(dir);
            Path copy = dir.resolve(name);
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            return copy;
        }
    }
}
