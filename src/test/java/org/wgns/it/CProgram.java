package org.wgns.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.wgns.os.Result;

/** Small C programs the attacks of the tests need, compiled with gcc (scripts/test.sh installs it) into a directory all may read. */
final class CProgram {
    static final Path DIR = Path.of("/run/wgnsit-c");

    /** renameat2(RENAME_EXCHANGE) of two paths, over and over: a symlink that points two ways at once. */
    static final String SWAP = """
            #define _GNU_SOURCE
            #include <fcntl.h>
            #include <stdio.h>
            int main(int argc, char **argv) {
                if (argc != 3) return 2;
                for (;;) renameat2(AT_FDCWD, argv[1], AT_FDCWD, argv[2], RENAME_EXCHANGE);
            }
            """;

    /** PTRACE_ATTACH to a pid: prints "attached" or why not. */
    static final String PTRACE = """
            #include <errno.h>
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            #include <sys/ptrace.h>
            #include <sys/wait.h>
            int main(int argc, char **argv) {
                pid_t pid = atoi(argv[1]);
                if (ptrace(PTRACE_ATTACH, pid, 0, 0) != 0) { printf("%s\\n", strerror(errno)); return 1; }
                waitpid(pid, 0, 0);
                ptrace(PTRACE_DETACH, pid, 0, 0);
                printf("attached\\n");
                return 0;
            }
            """;

    /** Does nothing until killed, under whatever argv it was given: a look-alike. */
    static final String DECOY = """
            #include <unistd.h>
            int main(void) { for (;;) pause(); }
            """;

    private CProgram() {}

    static Path compile(String name, String source) throws Exception {
        Files.createDirectories(DIR);
        Files.setPosixFilePermissions(DIR, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path c = DIR.resolve(name + ".c");
        Path bin = DIR.resolve(name);
        Files.writeString(c, source);
        Result cc = Sh.run("gcc", "-O1", "-o", bin.toString(), c.toString());
        if (!cc.success()) {
            throw new AssertionError("gcc (scripts/test.sh installs it): " + cc.err());
        }
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    static void removeAll() {
        Sh.run("rm", "-rf", DIR.toString());
    }
}
