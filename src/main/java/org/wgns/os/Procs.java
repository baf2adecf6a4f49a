package org.wgns.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Processes, read from /proc: no `ps`, no `ip netns pids`, no fork. */
public final class Procs {
    private final Path proc;

    public Procs(Path proc) {
        this.proc = proc;
    }

    /** A process: its pid and command line (arguments joined by spaces, escaped for a terminal). */
    public record Proc(long pid, String command) {}

    /** Every live process whose network namespace is the one bind-mounted at nsFile. */
    public List<Proc> inNetns(Path nsFile) {
        String wanted = netnsId(nsFile);
        return wanted == null ? new ArrayList<>() : byNetns(Set.of(wanted)).getOrDefault(wanted, new ArrayList<>());
    }

    /**
     * Live processes in each of these network namespaces ("net:[INODE]"), in one pass over /proc.
     * A process elsewhere costs one readlink of its ns/net and nothing more, so a machine with
     * thousands of processes is not read thousands of times over; no namespace, no pass at all.
     */
    public Map<String, List<Proc>> byNetns(Set<String> wanted) {
        Map<String, List<Proc>> out = new TreeMap<>();
        if (wanted.isEmpty()) {
            return out;
        }
        for (String name : entries()) {
            long pid = pid(name);
            String link = pid < 0 ? "" : link(proc.resolve(name + "/ns/net"));
            if (wanted.contains(link) && !zombie(pid)) {
                out.computeIfAbsent(link, k -> new ArrayList<>()).add(new Proc(pid, cmdline(pid)));
            }
        }
        return out;
    }

    /** /proc's names in one call (a DirectoryStream makes a Path of each, which costs more than the readlink). */
    private String[] entries() {
        String[] names = proc.toFile().list();
        return names == null ? new String[0] : names;
    }

    /** A /proc entry's pid, -1 when it names no process ("self", "net", ...). Plain code: it runs for every entry. */
    private static long pid(String name) {
        if (name.isEmpty() || name.length() > 18) {
            return -1;
        }
        long pid = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            pid = pid * 10 + (c - '0');
        }
        return pid;
    }

    private static String link(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    /** "net:[INODE]" of a process's network namespace, or "" when it cannot be read. */
    public String netnsOf(long pid) {
        return link(proc.resolve(pid + "/ns/net"));
    }

    /** "net:[INODE]" for a bind-mounted namespace file, or null. */
    public static String netnsId(Path nsFile) {
        Object ino = inode(nsFile);
        return ino == null ? null : "net:[" + ino + "]";
    }

    private static Object inode(Path nsFile) {
        try {
            return Files.getAttribute(nsFile, "unix:ino");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Root's live process whose argv is exactly {program..., arg}, matching the program's base
     * name. Only root's: anyone can name a process of theirs like wgns's. Newest pids first: the
     * one sought was usually just started, so the search ends after a few reads, not thousands.
     */
    public long find(String program, String arg) {
        List<Long> newestFirst = pids();
        newestFirst.sort(Comparator.reverseOrder());
        for (long pid : newestFirst) {
            List<String> argv = argv(pid);
            if (argv.size() == 2 && argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1).equals(program)
                    && argv.get(1).equals(arg) && !zombie(pid) && uid(pid) == 0) {
                return pid;
            }
        }
        return 0;
    }

    /** Alive means running: a zombie left for a reaper that never comes is not. */
    public boolean alive(long pid) {
        return pid > 0 && Files.exists(proc.resolve(Long.toString(pid))) && !zombie(pid);
    }

    public boolean zombie(long pid) {
        try {
            String stat = Files.readString(proc.resolve(pid + "/stat"), StandardCharsets.UTF_8);
            int close = stat.lastIndexOf(')');
            return close > 0 && stat.length() > close + 2 && (stat.charAt(close + 2) == 'Z' || stat.charAt(close + 2) == 'X');
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * When the process started (clock ticks after boot, /proc/PID/stat field 22), or -1: with the
     * pid it names one process for good, even after the pid is reused.
     */
    public long startTime(long pid) {
        try {
            String stat = Files.readString(proc.resolve(pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[19]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The inodes of the sockets a process holds ("socket:[N]" in /proc/PID/fd). */
    public java.util.Set<String> socketInodes(long pid) {
        java.util.Set<String> out = new java.util.HashSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(proc.resolve(pid + "/fd"))) {
            for (Path fd : ds) {
                try {
                    String t = Files.readSymbolicLink(fd).toString();
                    if (t.startsWith("socket:[")) {
                        out.add(t.substring(8, t.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException e) {
            // gone
        }
        return out;
    }

    /** For display: a process names itself, so its control characters are escaped here, once. */
    public String cmdline(long pid) {
        return org.wgns.Printable.escape(String.join(" ", argv(pid)));
    }

    public List<String> argv(long pid) {
        try {
            byte[] b = Files.readAllBytes(proc.resolve(pid + "/cmdline"));
            List<String> out = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < b.length; i++) {
                if (b[i] == 0) {
                    out.add(new String(b, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            if (start < b.length) {
                out.add(new String(b, start, b.length - start, StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            return List.of();
        }
    }

    public long uid(long pid) {
        try {
            for (String line : Files.readAllLines(proc.resolve(pid + "/status"))) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).strip().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1;
    }

    public List<Long> pids() {
        List<Long> out = new ArrayList<>();
        for (String name : entries()) {
            long pid = pid(name);
            if (pid >= 0) {
                out.add(pid);
            }
        }
        return out;
    }
}
