package dev.gofetch.cli;

import dev.gofetch.engine.Session;

/// The `-p N` flag shared by the network commands.
final class Parallelism {
    private Parallelism() {}

    static int parse(Flags flags) throws UsageException {
        String v = flags.get("p", String.valueOf(Session.DEFAULT_PARALLELISM));
        try {
            int n = Integer.parseInt(v);
            if (n < 1 || n > 256) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("invalid value \"" + v + "\" for flag -p: must be a number from 1 to 256",
                    flags.usage());
        }
    }
}
