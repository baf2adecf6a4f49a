package org.wgns.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.wgns.NamespaceName;
import org.wgns.WgnsException;
import org.wgns.status.Json;
import org.wgns.status.NamespaceStatus;
import org.wgns.status.StatusJson;
import org.wgns.status.StatusText;
import org.wgns.status.StatusReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import org.wgns.wg.Mode;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Show namespace NAME, or every wgns namespace, as `wg show` would.",
                "Mode, addresses, DNS, processes inside, firewall; then the tunnel and its peers under the",
                "interface's name inside the namespace."})
public final class Show implements Callable<Integer> {
    @ParentCommand
    Wgns root;

    @Mixin
    JsonMixin json;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "A namespace; all of them if omitted.")
    String name;

    @Mixin
    WatchMixin watch;

    @Override
    public Integer call() {
        watch.check(json.json);
        Cli.rootOrSudo(root);
        StatusReader reader = new StatusReader(root.host);
        NamespaceName one = name == null ? null : NamespaceName.of(name);
        if (watch.on()) {
            // A namespace that goes away while watched is news for the bar, not an error.
            return watch.run(root, () -> StatusJson.show(reader.read(names(reader, one, false)), root.host.clock().epochSeconds()),
                    org.wgns.status.Watch::showSameness);
        }
        List<NamespaceStatus> all = reader.read(names(reader, one, true));
        long now = root.host.clock().epochSeconds();
        Cli.out(root).print(json.json ? Json.write(StatusJson.show(all, now)) : StatusText.show(all, now));
        return 0;
    }

    private static List<NamespaceName> names(StatusReader reader, NamespaceName one, boolean mustExist) {
        List<NamespaceName> all = reader.names();
        if (one == null) {
            return all;
        }
        if (mustExist && !all.contains(one)) {
            throw WgnsException.failure("no wgns namespace " + one);
        }
        return all.contains(one) ? List.of(one) : List.of();
    }
}
