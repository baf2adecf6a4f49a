package org.wgns.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wgns.testing.Keys.PEER;
import static org.wgns.testing.Keys.PRIVATE;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wgns.os.Caller;
import org.wgns.os.Result;
import org.wgns.testing.FakeHost;
import org.wgns.testing.RecordingRunner;

/** Reading a config: as root from one descriptor, or as the sudo caller through a process of theirs. */
class ConfigReaderTest {
    static final String SEED = "[Interface]\nPrivateKey = " + PRIVATE + "\n[Peer]\nPublicKey = " + PEER + "\n";

    @TempDir
    Path dir;

    @Test
    void fileErrorsAreOneLineEach() throws Exception {
        Path missing = dir.resolve("nope.conf");
        assertEquals(missing + ": no such file", assertThrows(ConfigException.class, () -> ConfigParser.parse(missing)).getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> ConfigParser.parse(dir)).getMessage().endsWith("is a directory, not a file"));
        Path big = dir.resolve("big.conf");
        Files.write(big, new byte[ConfigParser.MAX_BYTES + 1]);
        assertTrue(assertThrows(ConfigException.class, () -> ConfigParser.parse(big)).getMessage().contains("is larger than"));
        Path fifo = dir.resolve("fifo.conf");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        assertEquals(fifo + ": is not a regular file", assertThrows(ConfigException.class, () -> ConfigParser.parse(fifo)).getMessage());
        Path latin1 = dir.resolve("latin1.conf");
        Files.write(latin1, new byte[] {'[', (byte) 0xe9, ']', '\n'});
        assertTrue(assertThrows(ConfigException.class, () -> ConfigParser.parse(latin1)).getMessage().contains("not UTF-8"));
    }

    @Test
    void whatIsBelievedIsWhatWasOpened() throws Exception {
        Path real = dir.resolve("real.conf");
        Files.writeString(real, SEED);
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-r-----"));
        Path link = dir.resolve("link.conf");
        Files.createSymbolicLink(link, real);
        ConfigReader.Loaded l = ConfigReader.asRoot(link);
        assertEquals(real.toRealPath(), l.facts().orElseThrow().path(), "the descriptor's own path, not the link");
        assertEquals(Files.getAttribute(real, "unix:ino"), l.facts().get().ino());
        assertEquals(0640, l.mode());
        assertArrayEquals(SEED.getBytes(StandardCharsets.UTF_8), l.bytes());
    }

    @Test
    void aFileGrowingWithoutEndIsReadOnlyToTheBound() throws Exception {
        Path big = dir.resolve("big.conf");
        Files.write(big, new byte[ConfigParser.MAX_BYTES * 2]);
        long before = Runtime.getRuntime().totalMemory();
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.asRoot(big));
        assertTrue(e.getMessage().contains("is larger than"), e.getMessage());
        assertTrue(Runtime.getRuntime().totalMemory() - before < 64L << 20);
    }

    @Test
    void warnsWhenOthersMayReadTheKey() throws Exception {
        Path f = dir.resolve("wg0.conf");
        Files.writeString(f, SEED);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(ConfigFiles.readableByOthers(ConfigReader.asRoot(f)).orElseThrow().contains("readable by others"));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        assertTrue(ConfigFiles.readableByOthers(ConfigReader.asRoot(f)).isEmpty());
    }

    @Test
    void hooksOnlyFromAFileOfRootsUnderDirectoriesOfRoots() throws Exception {
        Path f = dir.resolve("wg0.conf");
        Files.writeString(f, SEED);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        boolean root = "0".equals(String.valueOf(Files.getAttribute(f, "unix:uid")));
        String why = ConfigFiles.unsafeForHooks(ConfigReader.asRoot(f)).orElse("");
        // The temporary directory's parents include /tmp, which everyone may write.
        assertTrue(why.contains(root ? "is writable by others than root" : "is not owned by root"), why);
        ConfigReader.Loaded asCaller = new ConfigReader.Loaded(f, new byte[0], java.util.Optional.empty(), 0600);
        assertTrue(ConfigFiles.unsafeForHooks(asCaller).orElseThrow().contains("read as you, through sudo"));
    }

    /** Through sudo, -c is read by a process of the caller's: setpriv, the fixed script, base64 back. */
    @Test
    void throughSudoTheCallersOwnProcessReadsTheFile() throws Exception {
        FakeHost fake = new FakeHost(dir);
        String b64 = Base64.getEncoder().encodeToString(SEED.getBytes(StandardCharsets.UTF_8));
        fake.runner.on(Result.ok("600\n" + b64), "wgns-read");
        ConfigReader.Loaded l = ConfigReader.asCaller(Path.of("/home/u/vpn.conf"), new Caller(1000, 1000, true), fake.host());
        assertEquals(SEED, new String(l.bytes(), StandardCharsets.UTF_8));
        assertTrue(l.facts().isEmpty(), "root believes nothing of that file");
        assertEquals(0600, l.mode());
        String cmd = RecordingRunner.text(fake.runner.commands().get(0));
        assertTrue(cmd.startsWith("/usr/sbin/setpriv --reuid=1000 --regid=1000 --init-groups -- /bin/sh -c "), cmd);
        assertTrue(cmd.endsWith(" wgns-read /home/u/vpn.conf " + (ConfigParser.MAX_BYTES + 1)), cmd);
    }

    @Test
    void throughSudoEachRefusalIsOneLineAndNamesNoContent() {
        FakeHost fake = new FakeHost(dir);
        Caller c = new Caller(1000, 1000, true);
        Path f = Path.of("/root/secret.conf");
        fake.runner.on(Result.fail(66, "sh: 1: cannot open /root/secret.conf: Permission denied"), "wgns-read");
        assertEquals(f + ": not readable by you (through sudo, -c reads the file as you)",
                assertThrows(ConfigException.class, () -> ConfigReader.asCaller(f, c, fake.host())).getMessage());
        FakeHost fake2 = new FakeHost(dir);
        fake2.runner.on(Result.fail(64, ""), "wgns-read");
        assertTrue(assertThrows(ConfigException.class, () -> ConfigReader.asCaller(f, c, fake2.host())).getMessage()
                .endsWith("no such file, or not one you can reach"));
        FakeHost fake3 = new FakeHost(dir);
        fake3.runner.on(Result.ok("644\n!!notbase64"), "wgns-read");
        assertFalse(assertThrows(ConfigException.class, () -> ConfigReader.asCaller(f, c, fake3.host())).getMessage()
                .contains("notbase64"));
    }
}
