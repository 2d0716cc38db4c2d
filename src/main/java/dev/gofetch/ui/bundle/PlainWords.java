package dev.gofetch.ui.bundle;

import java.util.List;

/// One sentence on what a bundle verifier's findings mean for the user, above the findings themselves.
final class PlainWords {
    private PlainWords() {}

    static String verificationFailed(List<String> problems) {
        if (problems.stream().anyMatch(p -> p.contains("no such file or directory"))) {
            return "There is no bundle at that place.";
        }
        if (problems.stream().anyMatch(p -> p.contains("not a readable bundle"))) {
            return "The file is not a complete gofetch bundle: it may be cut short, compressed, or another kind of "
                    + "archive.";
        }
        if (problems.stream().anyMatch(p -> p.contains("must not write outside") || p.contains("a bundle holds only "
                + "plain files"))) {
            return "The bundle holds entries that could write outside the module cache. gofetch never writes "
                    + "those: do not use this file.";
        }
        if (problems.stream().anyMatch(p -> p.contains("(the file was altered)") || p.contains("h1 hash is ")
                || p.contains("bytes, the manifest says"))) {
            return "Some files in the bundle are not the ones it was made with: it was changed or damaged after it "
                    + "was written. Do not use it; copy it again or make a new one.";
        }
        return "The bundle does not agree with its own manifest. Do not use it; make a new one.";
    }
}
