package org.wgns.pkg;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wgns.cli.Main;
import org.wgns.cli.VersionProvider;
import org.wgns.os.Host;
import org.wgns.shell.Completes;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * The man pages, as AsciiDoc: wgns.adoc and one page per command (wgns-up.adoc, ...), made from
 * the command line model by picocli's ManPageGenerator, with a header of our own and the
 * hand-written sections of src/man/PAGE.adoc (text before its first "==" ends the Description;
 * its sections follow the generated ones). scripts/package.sh turns them into roff with
 * asciidoctor. Build-time only: it needs picocli-codegen, which the jar does not ship.
 *
 * Usage: ManPages OUTDIR EXTRASDIR
 */
public final class ManPages {
    private ManPages() {}

    /** Pages of other packages that every wgns page points to. */
    static final String RELATED = "*wg*(8), *wg-quick*(8), *ip-netns*(8), *nft*(8), *sudo*(8)";

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ManPages OUTDIR EXTRASDIR");
            System.exit(2);
        }
        List<Path> pages = write(Path.of(args[0]), Path.of(args[1]));
        System.out.println(pages.size() + " pages in " + args[0]);
    }

    /** Writes OUT/PAGE.adoc for every visible command; returns them. Generated parts go to OUT/generated. */
    public static List<Path> write(Path out, Path extras) throws IOException {
        CommandLine root = Main.commandLine(Host.system(org.wgns.os.Log.quiet()), new org.wgns.exec.NativeExec());
        Path generated = out.resolve("generated");
        Files.createDirectories(generated);
        int rc = ManPageGenerator.generateManPage(generated.toFile(), (File) null, new boolean[0], false,
                root.getCommandSpec());
        if (rc != 0) {
            throw new IOException("ManPageGenerator exited " + rc);
        }
        String version = new VersionProvider().getVersion()[0];
        List<Path> pages = new ArrayList<>();
        for (CommandSpec spec : all(root.getCommandSpec())) {
            String name = spec.qualifiedName("-");
            String text = Files.readString(generated.resolve(name + ".adoc"));
            Path extra = extras.resolve(name + ".adoc");
            String more = Files.exists(extra) ? Files.readString(extra) : "";
            Path page = out.resolve(name + ".adoc");
            Files.writeString(page, page(spec, version, text, more));
            pages.add(page);
        }
        return pages;
    }

    static List<CommandSpec> all(CommandSpec spec) {
        List<CommandSpec> out = new ArrayList<>();
        out.add(spec);
        for (CommandSpec sub : Completes.subcommands(spec)) {
            out.addAll(all(sub));
        }
        return out;
    }

    static String page(CommandSpec spec, String version, String generated, String extra) {
        String name = spec.qualifiedName("-");
        int firstSection = extra.startsWith("==") ? 0 : extra.indexOf("\n==");
        String intro = firstSection < 0 ? extra.strip() : extra.substring(0, firstSection).strip();
        String sections = firstSection < 0 ? "" : extra.substring(firstSection).strip();
        StringBuilder s = new StringBuilder();
        s.append("= ").append(name).append("(1)\n");
        s.append(":doctype: manpage\n:manmanual: wgns manual\n:mansource: ").append(version).append('\n');
        s.append(":man-linkstyle: pass:[blue R < >]\n\n");
        s.append(section(generated, "name"));
        s.append(section(generated, "synopsis"));
        // The description's first line is already the page's NAME line: say it once.
        String description = section(generated, "description").strip();
        List<String> lines = new ArrayList<>(description.lines().toList());
        if (lines.size() > 2 && lines.get(0).equals("== Description") && lines.get(1).isEmpty()) {
            lines.remove(0);
            lines.remove(0);
        }
        if (!lines.isEmpty() && section(generated, "name").contains(" - " + lines.get(0) + "\n")) {
            lines.remove(0);
        }
        String rest = String.join("\n", lines).strip();
        if (!rest.isEmpty() || !intro.isEmpty()) {
            s.append("== Description\n\n");
            s.append(rest.isEmpty() ? "" : rest + "\n\n");
            s.append(intro.isEmpty() ? "" : intro + "\n\n");
        }
        for (String tag : List.of("options", "arguments", "commands", "exit-status", "footer")) {
            s.append(section(generated, tag));
        }
        if (!sections.isEmpty()) {
            s.append(sections).append("\n\n");
        }
        s.append("== See also\n\n").append(seeAlso(spec)).append('\n');
        return s.toString();
    }

    /** One tagged section of a generated page; cross references become the command name in bold. */
    static String section(String generated, String tag) {
        String begin = "// tag::picocli-generated-man-section-" + tag + "[]\n";
        String end = "// end::picocli-generated-man-section-" + tag + "[]\n";
        int from = generated.indexOf(begin);
        int to = generated.indexOf(end, from);
        if (from < 0 || to < 0) {
            throw new IllegalStateException("no section " + tag + " in the generated page");
        }
        String body = generated.substring(from + begin.length(), to).strip();
        body = body.replaceAll("xref:[^\\[\\s]+\\.adoc\\[([^\\]]*)\\]", "$1");
        // AsciiDoc would print a lone -- as an em dash; in a command line it is the end of options.
        body = body.replace(" -- ", " \\-- ");
        return body.isEmpty() ? "" : body + "\n\n";
    }

    static String seeAlso(CommandSpec spec) {
        List<String> refs = new ArrayList<>();
        CommandSpec parent = spec.parent();
        if (parent != null) {
            refs.add("*" + parent.qualifiedName("-") + "*(1)");
        }
        for (CommandSpec sub : Completes.subcommands(spec)) {
            refs.add("*" + sub.qualifiedName("-") + "*(1)");
        }
        refs.add(RELATED);
        return String.join(", ", refs);
    }
}
