package org.wgns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wgns.os.Command;
import org.wgns.os.ProcessRunner;
import org.wgns.os.Result;

/** The launcher install.sh writes: nothing in the caller's environment may steer the root JVM. */
class LauncherIT {
    static final Path BASEDIR = Path.of(System.getProperty("wgns.basedir", "."));

    @TempDir
    Path dir;

    Path launcher() throws Exception {
        String template = Files.readString(BASEDIR.resolve("scripts/launcher.sh.in"));
        String text = template.replace("@JAVA@", Wgns.javaBin())
                .replace("@JAR@", Path.of(Wgns.JAR).toAbsolutePath().toString())
                .replace("@JVM_OPTIONS@", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData")
                .replace("@BIN@", dir.resolve("wgns").toString());
        Path p = dir.resolve("wgns");
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void injectedJvmOptionsNeverReachTheJvm() throws Exception {
        Path bogusAgent = dir.resolve("agent.jar");
        Files.writeString(bogusAgent, "not a jar");
        Map<String, String> env = Map.of(
                "JAVA_TOOL_OPTIONS", "-javaagent:" + bogusAgent,
                "_JAVA_OPTIONS", "-javaagent:" + bogusAgent,
                "JDK_JAVA_OPTIONS", "-javaagent:" + bogusAgent,
                "JAVA_OPTS", "-javaagent:" + bogusAgent,
                "CLASSPATH", dir.toString());
        Result r = new ProcessRunner().run(new Command(List.of(launcher().toString(), "--version"), null, false, env,
                Machine.seconds(60)));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("wgns "), r.out());
        assertEquals("", r.err(), "no JVM banner such as 'Picked up JAVA_TOOL_OPTIONS'");
    }

    @Test
    void withoutTheLauncherTheAgentWouldLoad() throws Exception {
        // The counter-test: the same variable does reach a plain java, so the test above can fail.
        Path bogusAgent = dir.resolve("agent.jar");
        Files.writeString(bogusAgent, "not a jar");
        Result r = new ProcessRunner().run(new Command(List.of(Wgns.javaBin(), "-jar", Wgns.JAR, "--version"), null, false,
                Map.of("JAVA_TOOL_OPTIONS", "-javaagent:" + bogusAgent), Machine.seconds(60)));
        assertTrue(r.err().contains("Picked up JAVA_TOOL_OPTIONS"), r.err());
    }

    @Test
    void installScriptGivesAWorkingWgnsAndUninstalls() throws Exception {
        assumeTrue(Root.isRoot(), "install needs root");
        // Under a prefix of its own: a wgns installed on this machine is never touched.
        Path prefix = Path.of("/run/wgnsit-prefix");
        Path bin = prefix.resolve("bin/wgns");
        String install = BASEDIR.resolve("scripts/install.sh").toString();
        try {
            Result r = Sh.run(install, "--prefix", prefix.toString(), "--jar", Path.of(Wgns.JAR).toAbsolutePath().toString());
            assertEquals(0, r.exit(), r.err() + r.out());
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(bin));
            assertEquals("rwxr-xr-x", mode);
            assertEquals(0, Files.getAttribute(bin, "unix:uid"));
            Result help = Sh.run(bin.toString(), "--help");
            assertEquals(0, help.exit(), help.err());
            assertTrue(help.out().startsWith("Usage: wgns"));
            assertTrue(Files.readString(prefix.resolve("share/bash-completion/completions/wgns")).contains("_wgns_namespaces"));
            assertTrue(Files.readString(bin).contains("-XX:SharedArchiveFile=" + prefix.resolve("lib/wgns/wgns.jsa")),
                    "a class-data archive made at install time is used");
            Result env = new ProcessRunner().run(new Command(List.of(bin.toString(), "--version"), null, false,
                    Map.of("JAVA_TOOL_OPTIONS", "-javaagent:/nonexistent.jar"), Machine.seconds(60)));
            assertEquals(0, env.exit(), env.err());
            assertEquals("", env.err());
        } finally {
            Sh.run(install, "--prefix", prefix.toString(), "--uninstall");
        }
        assertFalse(Files.exists(bin));
        assertFalse(Files.exists(prefix.resolve("lib/wgns")));
        Sh.run("rm", "-rf", prefix.toString());
    }
}
