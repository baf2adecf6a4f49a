package org.wgns.pkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packaged launcher (scripts/deb/wgns with scripts/deb/java.sh) and the one install.sh writes
 * (scripts/launcher.sh.in) must stay equally safe: what one removes from the environment, the
 * other removes too; the same umask; the same JVM options. package-test.sh runs the packaged one.
 */
class LaunchersTest {
    static String read(String path) throws Exception {
        return Files.readString(Path.of(path));
    }

    static TreeSet<String> unset(String script) {
        TreeSet<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\s*unset\\s+([^\\n#]+)").matcher(script);
        while (m.find()) {
            out.addAll(Arrays.asList(m.group(1).trim().split("\\s+")));
        }
        return out;
    }

    @Test
    void thePackagedLauncherRemovesAtLeastWhatTheDeveloperOneRemoves() throws Exception {
        TreeSet<String> dev = unset(read("scripts/launcher.sh.in"));
        TreeSet<String> deb = unset(read("scripts/deb/wgns"));
        assertTrue(dev.contains("JAVA_TOOL_OPTIONS"), "read the developer launcher: " + dev);
        assertTrue(deb.containsAll(dev), "scripts/deb/wgns also unsets " + dev + ", has " + deb);
        assertTrue(deb.contains("JAVA_HOME"), "the caller's JAVA_HOME never picks the JVM");
    }

    @Test
    void sameUmask() throws Exception {
        Pattern umask = Pattern.compile("(?m)^umask\\s+(\\S+)");
        Matcher dev = umask.matcher(read("scripts/launcher.sh.in"));
        Matcher deb = umask.matcher(read("scripts/deb/wgns"));
        assertTrue(deb.find(), "the packaged launcher sets a umask");
        if (dev.find()) {
            assertEquals(dev.group(1), deb.group(1));
        }
    }

    @Test
    void sameJvmOptions() throws Exception {
        Matcher dev = Pattern.compile("(?m)^JVM_OPTIONS=\"([^\"]+)\"").matcher(read("scripts/install.sh"));
        Matcher deb = Pattern.compile("(?m)^WGNS_JVM_OPTIONS=\"([^\"]+)\"").matcher(read("scripts/deb/java.sh"));
        assertTrue(dev.find() && deb.find());
        List<String> devOptions = Arrays.stream(dev.group(1).split("\\s+")).filter(o -> !o.startsWith("-Xshare")).sorted().toList();
        List<String> debOptions = Arrays.stream(deb.group(1).split("\\s+")).sorted().toList();
        assertEquals(devOptions, debOptions);
    }

    @Test
    void javaIsNeverFoundThroughTheCallersPathOrJavaHome() throws Exception {
        String finder = read("scripts/deb/java.sh").replaceAll("(?m)^\\s*#.*$", "");
        assertFalse(finder.contains("command -v") || finder.contains("which ") || finder.contains("$JAVA_HOME"), finder);
        assertTrue(finder.contains("/usr/bin/readlink -e /usr/bin/java"));
        String launcher = read("scripts/deb/wgns").replaceAll("(?m)^\\s*#.*$", "");
        assertTrue(launcher.indexOf("unset JAVA_TOOL_OPTIONS") < launcher.indexOf("exec \"$java\""));
    }

    /** Both install paths archive the same classes the same way: one class list, a static dump. */
    @Test
    void bothInstallPathsDumpTheSameClassListStatically() throws Exception {
        String install = read("scripts/install.sh");
        String pkg = read("scripts/package.sh");
        String postinst = read("scripts/deb/postinst");
        assertTrue(install.contains("scripts/classlist.sh") && pkg.contains("scripts/classlist.sh"), "one class list for both");
        for (String dump : List.of(install, postinst)) {
            assertTrue(dump.contains("-Xshare:dump -XX:SharedClassListFile="), "a static archive, which holds picocli too");
            assertFalse(dump.contains("ArchiveClassesAtExit"), "the dynamic archive refuses picocli's Java 5 classes");
        }
    }
}
