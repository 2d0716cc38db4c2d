package dev.gofetch.transfer;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/// What to download and where.
///
/// @param candidates         mirrors of the same file, in order of preference (Go's `,`/`|` rules)
/// @param dest               the final file; partial data lives in `dest.gofetch` and progress in
///                           `dest.gofetch.journal` until it is complete
/// @param label              a short name for events and messages (e.g. `golang.org/x/mod@v0.20.0 zip`)
/// @param verifier           checks the complete file before it is renamed into place, or null
/// @param wholeFromOneMirror ignore any journal and fetch all bytes from one mirror (ranges may still
///                           be split across connections); used after a rejected result
public record DownloadRequest(List<Candidate> candidates, Path dest, String label, Verifier verifier,
                              boolean wholeFromOneMirror) {
    public DownloadRequest {
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("a download needs at least one candidate URL");
        }
        Objects.requireNonNull(dest, "dest");
        if (dest.getFileName() == null) {
            throw new IllegalArgumentException("dest must name a file: " + dest);
        }
        if (label == null || label.isEmpty()) {
            label = dest.getFileName().toString();
        }
    }

    public static DownloadRequest of(Path dest, Candidate... candidates) {
        return new DownloadRequest(List.of(candidates), dest, null, null, false);
    }

    public DownloadRequest withVerifier(Verifier v) {
        return new DownloadRequest(candidates, dest, label, v, wholeFromOneMirror);
    }

    public DownloadRequest withLabel(String l) {
        return new DownloadRequest(candidates, dest, l, verifier, wholeFromOneMirror);
    }

    /// The same request, to be fetched again from scratch and from one mirror (the caller rejected
    /// an earlier result).
    public DownloadRequest refetchWhole() {
        return new DownloadRequest(candidates, dest, label, verifier, true);
    }

    Path dataFile() {
        return dest.resolveSibling(dest.getFileName() + ".gofetch");
    }

    Path journalFile() {
        return dest.resolveSibling(dest.getFileName() + ".gofetch.journal");
    }

    /// Not `*.tmp`: the go command deletes `<v>.zip*.tmp` files it finds beside a zip.
    Path journalScratchFile() {
        return dest.resolveSibling(dest.getFileName() + ".gofetch.journal.new");
    }
}
