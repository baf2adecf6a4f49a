package org.wgns.config;

import java.nio.file.Path;

/** A config the user must fix, located by file and (where there is one) line. */
public class ConfigException extends Exception {
    public ConfigException(Path file, int line, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message);
    }
}
