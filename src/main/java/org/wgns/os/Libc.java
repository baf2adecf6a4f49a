package org.wgns.os;

import com.kenai.jffi.Function;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.LastError;
import com.kenai.jffi.Library;
import com.kenai.jffi.MemoryIO;
import com.kenai.jffi.Type;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The C calls wgns makes, bound one by one through jffi (the layer under jnr-posix, whose
 * generated binding of all of libc cost more than the rest of `exec`): getpwuid, getpwnam, fcntl
 * and execve for `exec`; open, setns and close for sockets made inside a namespace (Netns).
 * Loaded only by what needs it, so other commands start without native code. The passwd database is asked
 * through glibc, so nsswitch (LDAP, sssd, systemd-userdb) counts as it does for sudo and login.
 * Native memory is never freed: a string handed to execve must outlive the call, and the
 * process either becomes another program or ends.
 */
public final class Libc {
    private static Libc shared;

    private static final String EXTRACT_DIR = "jffi.extract.dir";
    private static final String EXTRACT_NAME = "jffi.extract.name";

    private final Invoker invoker = Invoker.getInstance();
    private final MemoryIO memory = MemoryIO.getInstance();
    private final int pointer = Type.POINTER.size();
    /** What the JVM decoded argv and the environment with: encoding back with it gives the same bytes. */
    private final Charset charset = charset();
    private final Function getpwuid = function("getpwuid", Type.POINTER, Type.UINT32);
    private final Function getpwnam = function("getpwnam", Type.POINTER, Type.POINTER);
    private final Function fcntl = function("fcntl", Type.SINT, Type.SINT, Type.SINT, Type.SINT);
    private final Function execve = function("execve", Type.SINT, Type.POINTER, Type.POINTER, Type.POINTER);
    private final Function open = function("open", Type.SINT, Type.POINTER, Type.SINT);
    private final Function setns = function("setns", Type.SINT, Type.SINT, Type.SINT);
    private final Function close = function("close", Type.SINT, Type.SINT);

    private Libc() {}

    /**
     * Binds the four functions. jffi's native stub is unpacked into a directory of root's own,
     * made for this call and removed once the stub is loaded (its mapping stays). jffi on its own
     * would name a temporary file through SecureRandom, whose start-up loads the JDK's security
     * providers (~15 ms), and, where /tmp is mounted noexec, fall back to the working directory —
     * a sudo caller's — and load root's code from there.
     */
    public static synchronized Libc shared() {
        if (shared == null) {
            shared = load();
        }
        return shared;
    }

    private static Libc load() {
        Path dir = stubDir();
        try {
            return new Libc();
        } finally {
            removeStub(dir);
        }
    }

    private static Path stubDir() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir", "/tmp"));
        for (int i = 0; i < 8; i++) {
            Path dir = tmp.resolve("wgns-jffi-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (IOException e) {
                continue; // the name is taken (by anyone): another one
            }
            System.setProperty(EXTRACT_DIR, dir.toString());
            System.setProperty(EXTRACT_NAME, "jffi");
            return dir;
        }
        throw new UnsatisfiedLinkError("no directory of its own for native code in " + tmp);
    }

    private static void removeStub(Path dir) {
        System.clearProperty(EXTRACT_DIR);
        System.clearProperty(EXTRACT_NAME);
        try (var files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // Root's own directory, mode 0700: nobody else can use what is left in it.
        }
    }

    private static Function function(String name, Type result, Type... params) {
        long address = Library.getDefault().getSymbolAddress(name);
        if (address == 0) {
            throw new UnsatisfiedLinkError("libc has no " + name);
        }
        return new Function(address, result, params);
    }

    private static Charset charset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding"));
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }

    public Optional<UserEntry> getpwuid(long uid) {
        return passwd(invoker.invokeN1(getpwuid.getCallContext(), getpwuid.getFunctionAddress(), uid));
    }

    public Optional<UserEntry> getpwnam(String name) {
        return passwd(invoker.invokeN1(getpwnam.getCallContext(), getpwnam.getFunctionAddress(), string(name)));
    }

    public int fcntl(int fd, int cmd, int arg) {
        return invoker.invokeI3(fcntl.getCallContext(), fcntl.getFunctionAddress(), fd, cmd, arg);
    }

    /** Returns a descriptor, or -1. The path stays allocated (see above): one call per namespace entered. */
    public int open(String path, int flags) {
        return (int) invoker.invokeN2(open.getCallContext(), open.getFunctionAddress(), string(path), flags);
    }

    public int setns(int fd, int nstype) {
        return invoker.invokeI2(setns.getCallContext(), setns.getFunctionAddress(), fd, nstype);
    }

    public int close(int fd) {
        return invoker.invokeI1(close.getCallContext(), close.getFunctionAddress(), fd);
    }

    /** Returns only on failure, with errno. */
    public int execve(String path, List<String> argv, List<String> envp) {
        invoker.invokeN3(execve.getCallContext(), execve.getFunctionAddress(), string(path), array(argv), array(envp));
        return LastError.getInstance().get();
    }

    /**
     * struct passwd: pw_name, pw_passwd (pointers), pw_uid, pw_gid (32 bits each), pw_gecos,
     * pw_dir, pw_shell (pointers) — glibc's layout on every Linux ABI, 32 and 64 bits.
     */
    private Optional<UserEntry> passwd(long p) {
        if (p == 0) {
            return Optional.empty();
        }
        long uid = Integer.toUnsignedLong(memory.getInt(p + 2L * pointer));
        long gid = Integer.toUnsignedLong(memory.getInt(p + 2L * pointer + 4));
        return Optional.of(new UserEntry(text(memory.getAddress(p)), uid, gid, text(memory.getAddress(p + 3L * pointer + 8)),
                text(memory.getAddress(p + 4L * pointer + 8))));
    }

    private String text(long address) {
        return address == 0 ? "" : new String(memory.getZeroTerminatedByteArray(address), charset);
    }

    private long string(String s) {
        byte[] b = s.getBytes(charset);
        long address = memory.allocateMemory(b.length + 1, true);
        memory.putByteArray(address, b, 0, b.length);
        return address;
    }

    /** A NULL-terminated array of strings, as execve takes argv and envp. */
    private long array(List<String> strings) {
        List<Long> addresses = new ArrayList<>();
        strings.forEach(s -> addresses.add(string(s)));
        long array = memory.allocateMemory((long) (addresses.size() + 1) * pointer, true);
        for (int i = 0; i < addresses.size(); i++) {
            memory.putAddress(array + (long) i * pointer, addresses.get(i));
        }
        return array;
    }
}
