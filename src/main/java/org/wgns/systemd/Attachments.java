package org.wgns.systemd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.wgns.NamespaceName;
import org.wgns.Names;
import org.wgns.WgnsException;
import org.wgns.os.Command;
import org.wgns.os.Host;
import org.wgns.os.Result;
import org.wgns.os.SafeFiles;

/** `systemd attach` and `detach`: the drop-in of one service in one namespace, written or removed, then systemd told. */
public final class Attachments {
    private final Host host;
    private final Consumer<String> notices;

    public Attachments(Host host, Consumer<String> notices) {
        this.host = host;
        this.notices = notices;
    }

    /** The drop-in's text, with the host's resolver files where they really are. */
    public String render(NamespaceName ns, String service) throws IOException {
        Path etc = host.layout().etc();
        return DropIn.render(ns.value(), service, DropIn.realPath(etc.resolve("resolv.conf")),
                DropIn.realPath(etc.resolve("nsswitch.conf")));
    }

    public Path attach(NamespaceName ns, String service) throws IOException {
        Path file = dropIn(service, ns);
        SafeFiles.mkdirs(file.getParent(), SafeFiles.PUBLIC_DIR);
        SafeFiles.write(file, render(ns, service));
        reload();
        return file;
    }

    public Path detach(NamespaceName ns, String service) throws IOException {
        Path file = dropIn(service, ns);
        if (!Files.exists(file)) {
            throw WgnsException.failure(service + " is not attached to " + ns + " (no " + file + ")");
        }
        if (!DropIn.ours(file)) {
            throw WgnsException.failure(file + " was not written by wgns; not removing it");
        }
        Files.delete(file);
        SafeFiles.deleteIfEmpty(file.getParent());
        reload();
        return file;
    }

    /** Only ever a file directly in UNIT.d under the units directory. */
    Path dropIn(String service, NamespaceName ns) {
        Path units = host.layout().systemdUnits().normalize();
        Path file = units.resolve(service + ".d").resolve(DropIn.fileName(ns.value())).normalize();
        if (!file.startsWith(units) || !file.getParent().getParent().equals(units)) {
            throw WgnsException.usage("invalid unit name '" + Names.printable(service) + "'");
        }
        return file;
    }

    /** daemon-reload when systemd runs (sd_booted: /run/systemd/system exists), else say so. */
    private void reload() {
        if (Files.isDirectory(Path.of("/run/systemd/system"))) {
            Result r = host.run(Command.of("systemctl", "daemon-reload"));
            if (!r.success()) {
                throw WgnsException.failure("systemctl daemon-reload: " + r.reason());
            }
        } else {
            notices.accept("systemd is not running here; run 'systemctl daemon-reload' when it is");
        }
    }
}
