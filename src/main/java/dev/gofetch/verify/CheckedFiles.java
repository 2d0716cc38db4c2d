package dev.gofetch.verify;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/// x/mod/zip's `CheckedFiles`: which files belong in a module zip, which are left out (not an error)
/// and which make the module invalid, plus a size-limit error.
public record CheckedFiles(List<String> valid, List<FileError> omitted, List<FileError> invalid, String sizeError) {

    /// One file and why it was omitted or rejected; prints as Go's `FileError` (`path: reason`).
    public record FileError(String path, String message) {
        @Override
        public String toString() {
            return path + ": " + message;
        }
    }

    public CheckedFiles {
        valid = List.copyOf(valid);
        omitted = List.copyOf(omitted);
        invalid = List.copyOf(invalid);
    }

    /// `CheckedFiles.Err`: the size error if any, else all invalid files one per line, else empty.
    public Optional<String> error() {
        if (sizeError != null) {
            return Optional.of(sizeError);
        }
        if (!invalid.isEmpty()) {
            return Optional.of(invalid.stream().map(FileError::toString).collect(Collectors.joining("\n")));
        }
        return Optional.empty();
    }
}
