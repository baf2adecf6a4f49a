package org.wgns.pkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AsciiDoc man pages package.sh turns into roff: one per command, with src/man's additions. */
class ManPagesTest {
    @TempDir
    Path dir;

    @Test
    void onePagePerVisibleCommandWithTheHandWrittenSections() throws Exception {
        List<Path> pages = ManPages.write(dir, Path.of("src/man"));
        List<String> names = pages.stream().map(p -> p.getFileName().toString()).sorted().toList();
        for (String want : List.of("wgns.adoc", "wgns-up.adoc", "wgns-down.adoc", "wgns-exec.adoc", "wgns-show.adoc",
                "wgns-list.adoc", "wgns-check.adoc", "wgns-reresolve.adoc", "wgns-systemd.adoc",
                "wgns-systemd-attach.adoc", "wgns-systemd-detach.adoc", "wgns-systemd-unit.adoc")) {
            assertTrue(names.contains(want), want + " in " + names);
        }
        assertFalse(names.contains("wgns-completion.adoc"), "hidden commands have no page");

        String up = Files.readString(dir.resolve("wgns-up.adoc"));
        assertTrue(up.startsWith("= wgns-up(1)\n:doctype: manpage\n:manmanual: wgns manual\n:mansource: wgns "), up);
        assertTrue(up.contains("== Name\n\nwgns-up - Create namespace NAME"));
        assertTrue(up.contains("== Synopsis") && up.contains("== Options") && up.contains("*--allow-in*"));
        assertEquals(1, count(up, "Create namespace NAME with a WireGuard tunnel"), "the NAME line is not repeated");
        assertTrue(up.indexOf("The steps, each undone") < up.indexOf("== Options"), "src/man text ends the Description");
        assertTrue(up.indexOf("== Examples") > up.indexOf("== Arguments"), "src/man sections follow the generated ones");
        assertTrue(up.strip().endsWith("== See also\n\n*wgns*(1), " + ManPages.RELATED));

        String root = Files.readString(dir.resolve("wgns.adoc"));
        assertTrue(root.contains("== Exit status") && root.contains("== Files") && root.contains("== Environment"));
        assertTrue(root.contains("*wgns-up*(1), *wgns-down*(1)"));
        assertFalse(root.contains("xref:"), "no links to .adoc files in a man page");

        String exec = Files.readString(dir.resolve("wgns-exec.adoc"));
        assertTrue(exec.contains("/usr/bin/wgns exec *"), "the sudoers line names the packaged launcher");
        assertTrue(Files.readString(dir.resolve("wgns-systemd-attach.adoc")).contains("*wgns-systemd*(1)"));
    }

    @Test
    void aLoneDoubleDashStaysTwoDashes() {
        String generated = "// tag::picocli-generated-man-section-description[]\nRun it as wgns exec NAME -- COMMAND.\n"
                + "// end::picocli-generated-man-section-description[]\n";
        assertEquals("Run it as wgns exec NAME \\-- COMMAND.\n\n", ManPages.section(generated, "description"));
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
