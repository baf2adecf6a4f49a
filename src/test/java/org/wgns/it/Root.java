package org.wgns.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

final class Root {
    private Root() {}

    static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("Uid:")).anyMatch(l -> l.split("\\s+")[2].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }
}
