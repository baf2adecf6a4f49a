package org.wgns.cli;

import java.net.InetAddress;
import org.wgns.Names;
import org.wgns.config.IpLiteral;
import org.wgns.firewall.PortRule;
import org.wgns.publish.Publish;
import org.wgns.reach.Reach;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option values checked as picocli reads them: a bad one is a usage error (exit 2), on its own. */
final class Converters {
    private Converters() {}

    static final class Address implements ITypeConverter<InetAddress> {
        @Override
        public InetAddress convert(String value) {
            InetAddress a = IpLiteral.parse(value);
            if (a == null) {
                throw new TypeConversionException("'" + Names.printable(value) + "' is not an IP address");
            }
            return a;
        }
    }

    static final class AllowIn implements ITypeConverter<PortRule> {
        @Override
        public PortRule convert(String value) {
            try {
                return PortRule.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class Published implements ITypeConverter<Publish> {
        @Override
        public Publish convert(String value) {
            try {
                return Publish.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class Reached implements ITypeConverter<Reach> {
        @Override
        public Reach convert(String value) {
            try {
                return Reach.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
