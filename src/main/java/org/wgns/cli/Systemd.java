package org.wgns.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.wgns.WgnsException;
import org.wgns.policy.OnBehalf;
import org.wgns.systemd.Attachments;
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
            Attachments a = attachments(root);
            if (print) {
                Cli.out(root).print(a.render(ns.name(), u));
                return 0;
            }
            Cli.requireRoot(root.host, "systemd attach " + ns.name() + " " + unit);
            OnBehalf.systemUnits(root.host.caller());
            Cli.out(root).println("wrote " + a.attach(ns.name(), u));
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
            Cli.requireRoot(root.host, "systemd detach " + ns.name() + " " + unit);
            OnBehalf.systemUnits(root.host.caller());
            Cli.out(root).println("removed " + attachments(root).detach(ns.name(), u));
            return 0;
        }
    }

    @Command(name = "unit", mixinStandardHelpOptions = true,
            description = "Print one of wgns's unit files (wgns@.service, wgns-reresolve@.*, wgns-repair@.*).")
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
                case Units.REPAIR_SERVICE -> Units.repairService(bin);
                case Units.REPAIR_TIMER -> Units.repairTimer();
                default -> throw WgnsException.usage("no unit file " + org.wgns.Names.printable(file)
                        + " (one of " + String.join(", ", new UnitFiles()) + ")");
            };
            Cli.out(parent.root).print(text);
            return 0;
        }
    }

    static final class UnitFiles extends java.util.ArrayList<String> {
        UnitFiles() {
            super(Units.FILES);
        }
    }

    static Attachments attachments(Wgns root) {
        return new Attachments(root.host, Cli.notices(root, "systemd"));
    }
}
