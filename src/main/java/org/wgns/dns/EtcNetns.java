package org.wgns.dns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.wgns.WgnsException;
import org.wgns.os.Layout;
import org.wgns.os.SafeFiles;

/** The files wgns keeps in /etc/netns/NAME. */
public final class EtcNetns {
    private EtcNetns() {}

    /** True when a file starts with wgns's mark: it may be replaced or removed by wgns. */
    public static boolean ours(Path p) {
        try (var r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            return first != null && first.startsWith(DnsFiles.MARK);
        } catch (IOException e) {
            return false;
        }
    }

    public static void removeDnsFiles(Layout l, String ns) {
        Path dir = l.etcNetns(ns);
        try {
            for (String f : List.of("resolv.conf", "nsswitch.conf")) {
                Path p = dir.resolve(f);
                if (Files.exists(p) && ours(p)) {
                    Files.delete(p);
                }
                // A write that was killed halfway leaves its temporary file.
                Files.deleteIfExists(dir.resolve(f + SafeFiles.TMP_SUFFIX));
            }
            SafeFiles.deleteIfEmpty(dir);
            // iproute2 does not need /etc/netns; leave no empty trace of wgns.
            SafeFiles.deleteIfEmpty(l.etcNetns());
        } catch (IOException e) {
            throw WgnsException.failure("cannot remove " + dir + ": " + e.getMessage());
        }
    }
}
