package org.wgns.cli;

import org.wgns.NamespaceName;
import org.wgns.WgnsException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The NAME every namespace command takes, checked before anything is touched. */
public final class NamespaceMixin {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    NamespaceName name;

    @Parameters(index = "0", paramLabel = "NAME", description = "The namespace (1 to 64 of A-Z a-z 0-9 _ . -).")
    void setName(String value) {
        try {
            name = NamespaceName.of(value);
        } catch (WgnsException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    public NamespaceName name() {
        return name;
    }
}
