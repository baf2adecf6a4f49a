package org.wgns.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.wgns.WgnsException;
import org.wgns.os.Result;
import org.wgns.os.SafeFiles;
import org.wgns.systemd.DropIn;
import org.wgns.systemd.UnitName;
import org.wgns.systemd.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "systemd", mixinStandardHelpOptions = true,
        description = "Run services inside a wgns namespace, with the namespace's DNS.",
        subcommands = {Systemd.Attach.class, Systemd.Detach.class, Systemd.Unit.class})
public final class Systemd {
    @ParentCommand
    Wgns root;

    @Command(name = "attach", mixinStandardHelpOptions = true,
            description = {"Put service UNIT inside namespace NAME, with the namespace's DNS.",
                    "Writes /etc/systemd/system/UNIT.d/wgns-NAME.conf: UNIT starts after wgns@NAME.service and",
                    "stops with it, and sees the namespace's resolv.conf and nsswitch.conf, not the host's resolver."})
    static final class Attach implements Callable<Integer> {
        @ParentCommand
        Systemd parent;

        @Mixin
        NamespaceMixin ns;

        @Parameters(index = "1", paramLabel = "UNIT", description = "A service, e.g. lighttpd.service.")
        String unit;

        @Option(names = "--print", description = "Print the drop-in instead of writing it.")
        boolean print;

        @Override
        public Integer call() throws IOException {
            Wgns root = parent.root;
            String u = UnitName.service(unit);
            var etc = root.host.layout().etc();
            String text = DropIn.render(ns.name().value(), u, DropIn.realPath(etc.resolve("resolv.conf")),
                    DropIn.realPath(etc.resolve("nsswitch.conf")));
            if (print) {
                Cli.out(root).print(text);
                return 0;
            }
            Cli.requireRoot(root.host, "systemd attach " + ns.name().value() + " " + unit);
            org.wgns.policy.OnBehalf.systemUnits(root.host.caller());
            Path file = dropIn(root, u, ns.name().value());
            SafeFiles.mkdirs(file.getParent(), SafeFiles.PUBLIC_DIR);
            SafeFiles.write(file, text);
            Cli.out(root).println("wrote " + file);
            reload(root);
            return 0;
        }
    }

    @Command(name = "detach", mixinStandardHelpOptions = true, description = "Remove what attach wrote.")
    static final class Detach implements Callable<Integer> {
        @ParentCommand
        Systemd parent;

        @Mixin
        NamespaceMixin ns;

        @Parameters(index = "1", paramLabel = "UNIT", description = "The service attach was given.")
        String unit;

        @Override
        public Integer call() throws IOException {
            Wgns root = parent.root;
            String u = UnitName.service(unit);
            Cli.requireRoot(root.host, "systemd detach " + ns.name().value() + " " + unit);
            org.wgns.policy.OnBehalf.systemUnits(root.host.caller());
            Path file = dropIn(root, u, ns.name().value());
            if (!Files.exists(file)) {
                throw WgnsException.failure(u + " is not attached to " + ns.name().value() + " (no " + file + ")");
            }
            if (!DropIn.ours(file)) {
                throw WgnsException.failure(file + " was not written by wgns; not removing it");
            }
            Files.delete(file);
            SafeFiles.deleteIfEmpty(file.getParent());
            Cli.out(root).println("removed " + file);
            reload(root);
            return 0;
        }
    }

    @Command(name = "unit", mixinStandardHelpOptions = true,
            description = "Print wgns's unit files (wgns@.service, wgns-reresolve@.service, wgns-reresolve@.timer).")
    static final class Unit implements Callable<Integer> {
        @ParentCommand
        Systemd parent;

        @Parameters(index = "0", paramLabel = "FILE", description = "One of: ${COMPLETION-CANDIDATES}",
                completionCandidates = UnitFiles.class)
        String file;

        @Option(names = "--bin", paramLabel = "PATH", defaultValue = "/usr/local/bin/wgns",
                description = "The wgns the units run (default: ${DEFAULT-VALUE}).")
        String bin;

        @Override
        public Integer call() {
            String text = switch (file) {
                case Units.TEMPLATE -> Units.template(bin);
                case Units.RERESOLVE_SERVICE -> Units.reresolveService(bin);
                case Units.RERESOLVE_TIMER -> Units.reresolveTimer();
                default -> throw WgnsException.usage("no unit file " + org.wgns.Names.printable(file)
                        + " (one of " + String.join(", ", new UnitFiles()) + ")");
            };
            Cli.out(parent.root).print(text);
            return 0;
        }
    }

    static final class UnitFiles extends java.util.ArrayList<String> {
        UnitFiles() {
            super(java.util.List.of(Units.TEMPLATE, Units.RERESOLVE_SERVICE, Units.RERESOLVE_TIMER));
        }
    }

    /** Only ever a file directly in UNIT.d under the units directory. */
    static Path dropIn(Wgns root, String unit, String ns) {
        Path units = root.host.layout().systemdUnits().normalize();
        Path file = units.resolve(unit + ".d").resolve(DropIn.fileName(ns)).normalize();
        if (!file.startsWith(units) || !file.getParent().getParent().equals(units)) {
            throw WgnsException.usage("invalid unit name '" + org.wgns.Names.printable(unit) + "'");
        }
        return file;
    }

    /** daemon-reload when systemd runs (sd_booted: /run/systemd/system exists), else say so. */
    static void reload(Wgns root) {
        if (Files.isDirectory(Path.of("/run/systemd/system"))) {
            Result r = root.host.run(org.wgns.os.Command.of("systemctl", "daemon-reload"));
            if (!r.success()) {
                throw WgnsException.failure("systemctl daemon-reload: " + r.reason());
            }
        } else {
            Cli.err(root).println("wgns: systemd is not running here; run 'systemctl daemon-reload' when it is");
        }
    }
}
