package org.wgns.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.wgns.status.Json;
import org.wgns.status.NamespaceStatus;
import org.wgns.status.StatusJson;
import org.wgns.status.StatusText;
import org.wgns.status.StatusReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List wgns namespaces, one line each.",
                "Name, interface, mode, addresses, seconds since the last handshake, processes inside."})
public final class ListNamespaces implements Callable<Integer> {
    @ParentCommand
    Wgns root;

    @Mixin
    JsonMixin json;

    @Mixin
    WatchMixin watch;

    @Override
    public Integer call() {
        watch.check(json.json);
        Cli.rootOrSudo(root);
        StatusReader reader = new StatusReader(root.host);
        if (watch.on()) {
            return watch.run(root, () -> StatusJson.list(reader.read(reader.names()), root.host.clock().epochSeconds()),
                    org.wgns.status.Watch::listSameness);
        }
        List<NamespaceStatus> all = reader.read(reader.names());
        long now = root.host.clock().epochSeconds();
        Cli.out(root).print(json.json ? Json.write(StatusJson.list(all, now)) : StatusText.list(all, now));
        return 0;
    }
}
