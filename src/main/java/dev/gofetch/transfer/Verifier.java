package dev.gofetch.transfer;

import java.nio.file.Path;

/// Checks a completely downloaded file before it is renamed to its final name (for example its `h1:`
/// hash against go.sum). Throwing {@link Rejected} makes the engine fetch the file again, whole and
/// from a single mirror; a second rejection fails the download with that message.
@FunctionalInterface
public interface Verifier {
    void verify(Path data, DownloadResult result) throws Rejected;

    /// The downloaded bytes are not the expected ones.
    final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        public Rejected(String message) {
            super(message);
        }
    }
}
