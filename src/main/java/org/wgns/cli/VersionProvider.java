package org.wgns.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into a resource at build time. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/org/wgns/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {"wgns " + p.getProperty("version", "unknown")};
    }
}
