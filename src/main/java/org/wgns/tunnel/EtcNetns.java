package org.wgns.tunnel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.wgns.WgnsException;
import org.wgns.os.Layout;

/** The files wgns keeps in /etc/netns/NAME (and writes elsewhere the same careful way). */
final class EtcNetns {
    private EtcNetns() {}

    /** True when a file starts with wgns's mark: it may be replaced or removed by wgns. */
    static boolean ours(Path p) {
        try (var r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            return first != null && first.startsWith(DnsFiles.MARK);
        } catch (IOException e) {
            return false;
        }
    }

    static void removeDnsFiles(Layout l, String ns) {
        Path dir = l.etcNetns(ns);
        try {
            for (String f : List.of("resolv.conf", "nsswitch.conf")) {
                Path p = dir.resolve(f);
                if (Files.exists(p) && ours(p)) {
                    Files.delete(p);
                }
            }
            deleteIfEmpty(dir);
            // iproute2 does not need /etc/netns; leave no empty trace of wgns.
            deleteIfEmpty(l.etcNetns());
        } catch (IOException e) {
            throw WgnsException.failure("cannot remove " + dir + ": " + e.getMessage());
        }
    }

    static void deleteIfEmpty(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var left = Files.list(dir)) {
                if (left.findAny().isEmpty()) {
                    Files.deleteIfExists(dir);
                }
            }
        }
    }

    /** Root's, readable by all (it is /etc), written whole or not at all. */
    static void writeFile(Path p, String text) throws IOException {
        Path tmp = p.resolveSibling(p.getFileName() + ".wgns-tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
