package dev.veil.proxy.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads Veil's version from the jar manifest. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = VeilCommand.class.getPackage().getImplementationVersion();
        return new String[] {"veil " + (v == null ? "development build" : v)};
    }
}
